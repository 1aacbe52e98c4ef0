// The offline page lists the pages saved on this device (by the service
// worker, in the cache "pages BASE"), each under its own language's
// heading, with its title, language and direction.
(async () => {
  const base = document.currentScript.dataset.base;
  const lists = document.querySelectorAll(".saved-pages");
  if (!window.caches || !lists.length) return;
  const cache = await caches.open("pages " + base), found = [];
  for (const q of await cache.keys()) {
    const r = await cache.match(q);
    if (!r || !/html/.test(r.headers.get("content-type"))) continue;
    const doc = new DOMParser().parseFromString(await r.text(), "text/html"), html = doc.documentElement;
    if (!doc.title || doc.querySelector('meta[http-equiv="refresh"]') || /\/offline\.html$/.test(q.url)) continue;
    found.push({ url: q.url, title: doc.title, lang: html.lang, dir: html.dir, saved: +r.headers.get("x-saved") || 0 });
  }
  found.sort((a, b) => b.saved - a.saved);
  for (const ul of lists) {
    const mine = found.filter(p => p.lang == ul.dataset.lang ||
      ul == lists[0] && ![...lists].some(l => l.dataset.lang == p.lang));
    const section = ul.parentNode;
    section.querySelector(mine.length ? ".saved-label" : ".saved-none").hidden = false;
    for (const p of mine) {
      const li = document.createElement("li"), a = document.createElement("a");
      a.href = p.url;
      a.lang = p.lang;
      a.dir = p.dir || "auto";
      a.textContent = p.title;
      li.append(a);
      ul.append(li);
    }
  }
})();
