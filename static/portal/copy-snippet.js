// A Copy button beside each code snippet ([data-copy-snippet] holding a <textarea>). Without JavaScript, or
// where the clipboard is refused, the code is still there to select and copy by hand.
document.querySelectorAll('[data-copy-snippet]').forEach((group) => {
  const text = group.querySelector('textarea')
  const button = document.createElement('button')
  const status = document.createElement('p')
  button.type = 'button'
  button.className = 'govuk-button govuk-button--secondary'
  button.textContent = 'Copy the code'
  status.className = 'govuk-body'
  status.setAttribute('role', 'status')
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text.value)
      status.textContent = 'Copied. Paste it into your page.'
    } catch {
      text.select()
      status.textContent = 'Your browser did not allow copying: the code is selected, press Ctrl+C (or Cmd+C) to copy it.'
    }
  })
  group.append(button, status)
})
