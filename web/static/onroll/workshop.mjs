// workshop.mjs - keeps a workshop page's live regions current (workshop_web.h). Each region is
// an element [data-ws-live="/workshops/ID"][data-ws-since="N"] with an id. The page listens to
// /workshops/ID/events (server-sent events: "change", its data the workshop's change counter);
// when the counter passes what the page shows, it fetches itself again and swaps each region
// for the one of the same id in the new copy. Without EventSource, or when the stream keeps
// failing, it asks /workshops/ID/changes every two seconds instead. A file, not an inline
// script: onroll's Content-Security-Policy allows scripts from its own origin only.
const regions = [...document.querySelectorAll('[data-ws-live][id]')]
if (regions.length) {
  const base = regions[0].dataset.wsLive
  let since = Number(regions[0].dataset.wsSince) || 0
  let busy = false
  let again = false
  const status = document.querySelector('[data-ws-status]')

  async function refresh () {
    if (busy) { again = true; return }
    busy = true
    try {
      const r = await fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
      if (r.ok) {
        const doc = new DOMParser().parseFromString(await r.text(), 'text/html')
        for (const el of document.querySelectorAll('[data-ws-live][id]')) {
          const fresh = doc.getElementById(el.id)
          if (!fresh) continue
          if (el.contains(document.activeElement) && document.activeElement !== document.body) continue
          el.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)))
          const s = Number(fresh.dataset.wsSince) || 0
          if (s > since) since = s
          el.dataset.wsSince = String(since)
        }
        if (status) status.textContent = 'Updated at ' + new Date().toLocaleTimeString('en-GB')
        document.dispatchEvent(new CustomEvent('onroll:ws-updated'))
      }
    } catch (e) {
      // the next change or poll tries again
    } finally {
      busy = false
      if (again) { again = false; refresh() }
    }
  }

  function seen (n) {
    if (n > since) { since = n; refresh() }
  }

  let polling = false
  function poll () {
    if (polling) return
    polling = true
    setInterval(async () => {
      try {
        const r = await fetch(base + '/changes?since=' + since, { credentials: 'same-origin', cache: 'no-store' })
        if (r.ok) seen(Number((await r.json()).changes) || 0)
      } catch (e) {}
    }, 2000)
  }

  if ('EventSource' in window) {
    let failures = 0
    const open = () => {
      const es = new EventSource(base + '/events?since=' + since)
      es.addEventListener('change', (e) => { failures = 0; seen(Number(e.data) || 0) })
      es.addEventListener('open', () => { failures = 0 })
      es.addEventListener('error', () => {
        if (es.readyState === EventSource.CLOSED) {
          failures++
          if (failures > 3) poll(); else setTimeout(open, 1000)
        }
      })
    }
    open()
  } else {
    poll()
  }
}
