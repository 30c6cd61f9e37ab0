// "Add a new … that is not in the list" sits inside the page's own form, so that one POST carries what the
// page holds and the new record together. Without this, Enter in one of its boxes would press the page's
// first button, Save, and what was typed into the new record would be dropped. With it, Enter presses the
// Add button of the add form it was typed in. (Enter in a multi-line box still starts a new line.)
for (const section of document.querySelectorAll('[data-portal-add-record]')) {
  section.addEventListener('keydown', (event) => {
    const target = event.target
    if (event.key !== 'Enter' || event.isComposing || target.tagName !== 'INPUT' ||
        ['submit', 'button', 'checkbox', 'radio'].includes(target.type)) {
      return
    }
    event.preventDefault()
    section.querySelector('button[name="add_record"]').click()
  })
}
