// Long checkbox lists (the legislation a purpose relies on, its data categories) get a box to filter them
// by the words typed. Without JavaScript the whole list is there to tick, so nothing depends on this.
const LONG_LIST = 8

function filterFor (list, index) {
  const items = Array.from(list.querySelectorAll('.govuk-checkboxes__item'))
  // A record picker has a search of its own (record-picker.js).
  if (items.length < LONG_LIST || list.closest('[data-record-picker]')) return
  const id = `checkbox-filter-${index}`
  const group = document.createElement('div')
  group.className = 'govuk-form-group govuk-!-margin-bottom-3'
  group.innerHTML = `<label class="govuk-label" for="${id}">Filter the list</label>` +
    `<input class="govuk-input govuk-!-width-one-half" id="${id}" type="search" autocomplete="off" aria-describedby="${id}-count">` +
    `<p class="govuk-hint govuk-!-margin-top-1" id="${id}-count" aria-live="polite"></p>`
  list.parentNode.insertBefore(group, list)
  const input = group.querySelector('input')
  const count = group.querySelector('p')
  const show = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean)
    let shown = 0
    for (const item of items) {
      const text = item.textContent.toLowerCase()
      // A ticked box always stays in view, so nobody unticks what they cannot see.
      const visible = item.querySelector('input').checked || words.every(word => text.includes(word))
      item.style.display = visible ? '' : 'none'
      shown += visible
    }
    count.textContent = words.length ? `${shown} of ${items.length} shown` : ''
  }
  input.addEventListener('input', show)
  // Enter in the filter box must not submit the whole form.
  input.addEventListener('keydown', event => { if (event.key === 'Enter') event.preventDefault() })
}

document.querySelectorAll('.govuk-checkboxes').forEach(filterFor)
