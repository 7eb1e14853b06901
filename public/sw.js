// Hatchway's service worker: after the first visit, the whole built site (pages, scripts,
// the engine worker, the search index) is cached, so lessons and labs work offline.
// The precache list is generated at build time (sw-precache.json, see src/lib/build/).
// Pages: network first (fresh when online), cache when offline. Other files: cache first.
const PREFIX = 'hatchway-';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('/sw-precache.json', { cache: 'no-store' });
      const { version, files } = await res.json();
      const cache = await caches.open(PREFIX + version);
      for (let i = 0; i < files.length; i += 25) await cache.addAll(files.slice(i, i + 25));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('/sw-precache.json', { cache: 'no-store' }).catch(() => null);
      const current = res && res.ok ? PREFIX + (await res.json()).version : null;
      if (current) for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== current) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req).catch(async () => (await caches.match(req, { ignoreSearch: true })) || (await caches.match(url.pathname.replace(/\/?$/, '/'))) || Response.error()),
    );
    return;
  }
  event.respondWith(caches.match(req, { ignoreSearch: true }).then((hit) => hit || fetch(req)));
});
