// As GOV.UK does: style for JavaScript only when the browser can run GOV.UK Frontend's modules.
// A file rather than an inline script, so the Content-Security-Policy needs no per-response nonce.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
