// A record picker ([data-record-picker] on a checkbox or radio list's wrapper, or on a marker naming the field: a
// list the server limits to the records chosen and one page of the register) gains GOV.UK's
// accessible-autocomplete: type part of a name, pick a record from the
// register's search (the JSON of manage:record_find), and it is ticked (or, for one record, chosen) in the list, to be saved with the
// page. Without JavaScript the page's own "Find a record" form and pages do the same work.
const autocomplete = window.accessibleAutocomplete

// Suggestions are written into the page as HTML by the autocomplete: a record's name is text, never markup.
function escape (text) {
  const span = document.createElement('span')
  span.textContent = text
  return span.innerHTML
}

function searcher (url) {
  let latest = ''
  return (query, populate) => {
    latest = query
    const address = new URL(url, window.location.href)
    address.searchParams.set('q', query)
    fetch(address, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(response => response.ok ? response.json() : { results: [] })
      .then(body => { if (query === latest) populate(body.results) })
      .catch(() => populate([]))
  }
}

// The GOV.UK list a picker holds: checkboxes (many records) or radios (one).
const LISTS = '.govuk-checkboxes, .govuk-radios'

function tick (picker, name, option, status) {
  const list = picker.querySelector(LISTS)
  const kind = list.classList.contains('govuk-radios') ? 'radios' : 'checkboxes'
  let box = Array.from(list.querySelectorAll(`input[name="${CSS.escape(name)}"]`)).find(input => input.value === String(option.id))
  if (!box) {
    const item = document.createElement('div')
    item.className = `govuk-${kind}__item`
    box = document.createElement('input')
    Object.assign(box, { className: `govuk-${kind}__input`, type: kind === 'radios' ? 'radio' : 'checkbox', name, value: String(option.id) })
    box.id = `${name}-picked-${option.id}`
    const label = document.createElement('label')
    label.className = `govuk-label govuk-${kind}__label`
    label.htmlFor = box.id
    label.textContent = option.label
    item.append(box, label)
    // After a radio list's "None", which stays first; at the top of a checkbox list.
    const none = kind === 'radios' ? list.querySelector('input[value=""]') : null
    if (none) none.closest(`.govuk-${kind}__item`).after(item)
    else list.prepend(item)
  }
  box.checked = true  // a radio's others are cleared by the browser
  status.textContent = `Chose ${option.label}. Press Save to keep it.`
}

function enhance (picker, options, index) {
  const name = options.recordPicker
  if (!autocomplete || !picker || !picker.querySelector(LISTS)) return
  const id = `record-picker-${index}`
  const group = document.createElement('div')
  group.className = 'govuk-form-group'
  const label = document.createElement('label')
  label.className = 'govuk-label govuk-label--s'
  label.htmlFor = id
  label.textContent = options.label
  const container = document.createElement('div')
  const status = document.createElement('p')
  status.className = 'govuk-body govuk-!-margin-top-2'
  status.setAttribute('aria-live', 'polite')
  group.append(label, container, status)
  picker.querySelector(LISTS).before(group)
  autocomplete({
    element: container,
    id,
    source: searcher(options.url),
    minLength: 1,
    showNoOptionsFound: true,
    tNoResults: () => 'No live record matches',
    templates: {
      inputValue: option => option ? option.label : '',
      suggestion: option => option ? escape(typeof option === 'string' ? option : option.label) : ''
    },
    onConfirm: option => { if (option) tick(picker, name, option, status) }
  })
  // Enter in the search box picks a suggestion; it must never submit (and so save) the whole page.
  container.addEventListener('keydown', event => { if (event.key === 'Enter') event.preventDefault() })
}

const enhanced = new Set()
for (const marked of document.querySelectorAll('[data-record-picker]')) {
  // A marker outside the list (a register form's fields, which crispy writes) names the field: the picker
  // is that field's question, its form group.
  const boxes = marked.querySelector(LISTS) ? null
    : document.querySelector(`input[name="${CSS.escape(marked.dataset.recordPicker)}"]`)
  const picker = boxes ? boxes.closest('.govuk-form-group') : marked
  if (enhanced.has(picker)) continue
  enhanced.add(picker)
  enhance(picker, marked.dataset, enhanced.size)
}
