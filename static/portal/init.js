// Starts GOV.UK Frontend's components on every page (a file, so no inline script needs a nonce).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()
