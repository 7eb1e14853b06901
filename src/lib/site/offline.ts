/**
 * Registers the service worker (public/sw.js) that precaches the built site for offline use.
 * Precaching fetches every file of the site, so it waits until the page has loaded and, on a
 * page with a lab, until the lab's terminal is ready: a first visit's lab starts first.
 */
export function initOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  };
  const hasLab = document.querySelector('[data-lab-root]') !== null;
  const afterLoad = () => {
    if (!hasLab) return register();
    document.addEventListener('hatchway:lab-ready', register, { once: true });
    // A lab that never becomes ready (its worker failed) must not cost the page its offline copy.
    setTimeout(register, 10_000);
  };
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
}
