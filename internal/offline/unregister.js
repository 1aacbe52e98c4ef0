// This site no longer keeps pages offline (or is served by the dev server):
// the worker that did removes its saved pages and itself.
self.addEventListener("install", () => skipWaiting());
self.addEventListener("activate", e => e.waitUntil(caches.keys()
  .then(ks => Promise.all(ks.filter(k => k.endsWith(" " + C.base)).map(k => caches.delete(k))))
  .then(() => registration.unregister())));
