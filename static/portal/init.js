// Starts GOV.UK Frontend's components on every page (a file, so no inline script needs a nonce).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()

// GOV.UK Frontend marks a radio that reveals more questions aria-expanded (and resets it on every change), but
// ARIA does not allow aria-expanded on a radio (axe: aria-allowed-attr, e.g. the export form's scope). The
// revealed questions come straight after their radio, and aria-controls still points at them, so nothing is lost.
const expandedRadios = 'input[type="radio"][aria-expanded]'
const stripExpanded = () => document.querySelectorAll(expandedRadios).forEach(radio => radio.removeAttribute('aria-expanded'))
stripExpanded()
new MutationObserver(stripExpanded).observe(document.body, { subtree: true, attributeFilter: ['aria-expanded'] })
