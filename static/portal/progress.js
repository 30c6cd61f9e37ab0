// A progress page (publishing, an export) that is still under way fetches itself every two seconds and swaps
// in the new status, which its live region announces; it stops once the work has finished. Without JavaScript
// the page's "Check again" link does the same by hand. Only this page's own address is fetched.
const region = document.querySelector("[data-progress]");
const EVERY_MS = 2000;

async function poll() {
  try {
    const response = await fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-progress]");
      if (fresh && fresh.innerHTML !== region.innerHTML) {
        region.innerHTML = fresh.innerHTML;
        document.title = page.title;
      }
      if (fresh) region.dataset.progress = fresh.dataset.progress;
    }
  } catch {
    // The network blinked (or the portal is restarting): try again at the next tick.
  }
  if (region.dataset.progress === "active") window.setTimeout(poll, EVERY_MS);
}

if (region && region.dataset.progress === "active") window.setTimeout(poll, EVERY_MS);
