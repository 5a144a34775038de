// init.mjs - starts GOV.UK Frontend's components (error summary focus, service navigation
// toggle, notification banner focus, skip link...) on every page. A file rather than an inline
// script: onroll's Content-Security-Policy allows scripts from its own origin only.
// tools/build_assets.sh replaces @GOVUK_VERSION@ so that a new release is fetched afresh.
import { initAll } from '/assets/govuk-frontend.min.js?v=@GOVUK_VERSION@'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// A letter's Print button (page_letter.c): shown only when scripts run, it opens the browser's
// print dialogue; letter.css prints the letter alone.
for (const button of document.querySelectorAll('[data-onroll-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
