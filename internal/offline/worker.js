// The site's service worker. The build puts its settings in C before this
// code: C.v (the build's version), C.base (the scope), C.assets (the
// fingerprinted files and the offline page to keep), C.pages (the pages to
// save at once), C.list (the file listing every current address), C.off
// (the offline page), C.t (how long a page may take before the saved copy
// is shown, ms), C.langs (each language's date pattern, month names, digits),
// C.def (the default language) and C.skip (folders left to the network: the
// web editor).
const P = "pages " + C.base, A = "assets " + C.base;

// path is the file a static host serves at u, the path every decision
// below is made on: percent-decoded (again while that changes anything, as
// a second decoding might), with \ as /, without dot segments or repeated
// slashes, and with its trailing slash: /%61dmin/, /en/..%2Fadmin/ and
// //admin/ are all /admin/. "" when it cannot be decoded.
function path(u) {
  let p = u.pathname, n = 5, s = [];
  try {
    while (n-- && p != (p = decodeURIComponent(p)));
  } catch (_) { return ""; }
  p = p.replace(/\\/g, "/");
  if (n < 0 || p[0] != "/") return "";
  for (const x of p.split("/")) x == ".." ? s.pop() : x && x != "." && s.push(x);
  return "/" + s.join("/") + (s.length && /\/\.{0,2}$/.test(p) ? "/" : "");
}
const N = s => path(new URL(s, location));
const B = N(C.base), L = N(C.list), W = path(location), S = (C.skip || []).map(s => N(s).toLowerCase());

// ours returns the path of u when this worker answers for it: an address
// of its site, under its scope, other than itself, the list of files and
// the folders left to the network (matched without regard to case, as some
// hosts serve them), and "" otherwise.
const ours = u => {
  const p = u.origin == location.origin && path(u);
  return p && p.startsWith(B) && p != W && p != L && !S.some(s => (p + "/").toLowerCase().startsWith(s)) ? p : "";
};

// hash is the hex digits a file's name carries before its extension
// (site.3f2a9c1e.css: 3f2a9c1e), which the build makes the start of the
// SHA-256 of the file's bytes.
const hash = p => (/\.([0-9a-f]{8,64})\.[a-z0-9]+$/.exec(p) || [])[1];

// sum is the hex SHA-256 of a response's bytes.
const sum = async r => [...new Uint8Array(await crypto.subtle.digest("SHA-256", await r.arrayBuffer()))]
  .map(x => x.toString(16).padStart(2, "0")).join("");

// key is the address a response is saved under: without query or fragment
// (a static host serves one file at a path) and without index.html.
const key = u => u.origin + u.pathname.replace(/\/index\.html$/, "/");

// stamp keeps what a saved response needs and the time it was saved.
const stamp = r => new Response(r.body, {
  status: r.status,
  headers: { "content-type": r.headers.get("content-type") || "", "x-saved": Date.now() },
});

// put saves a response, unless a newer worker has replaced this one (its
// clean-up, or the worker that removes itself, owns the caches now).
const put = (c, k, r) => self.serviceWorker && self.serviceWorker.state == "redundant" ? 0 : caches.open(c).then(c => c.put(k, r));

self.addEventListener("install", e => e.waitUntil((async () => {
  const a = await caches.open(A);
  await Promise.all(C.assets.map(async u => {
    if (u == C.off || !(await a.match(u))) {
      // A fingerprinted file never changes: the copy the browser has will do.
      const r = await fetch(u, u == C.off ? { cache: "no-cache" } : {});
      if (!r.ok) throw new Error(u + ": " + r.status);
      await a.put(u, r);
    }
  }));
  // The pages to keep offline, and those open now, which were loaded
  // before this worker could save them (as the browser has them).
  const open = (await clients.matchAll({ includeUncontrolled: true })).map(c => c.url);
  await Promise.all(C.pages.concat(open).map((u, i) => {
    u = new URL(u, location);
    return ours(u) && fetch(u, i < C.pages.length ? {} : { cache: "force-cache" })
      .then(r => r.ok && put(P, key(u), stamp(r)), () => {});
  }));
  await skipWaiting();
})()));

// A new build: pages (and JSON files) no longer published leave the
// cache, and so do old assets that no saved page, stylesheet or search
// manifest refers to.
self.addEventListener("activate", e => e.waitUntil((async () => {
  await clients.claim();
  let list;
  try {
    list = await (await fetch(C.list, { cache: "no-store" })).json();
  } catch (_) { return; }
  if (list.v != C.v) return;
  const now = new Set(list.files.map(f => C.base + f)), texts = [];
  const p = await caches.open(P), a = await caches.open(A);
  for (const q of await p.keys()) {
    const r = await p.match(q);
    if (!/html|json/.test(r.headers.get("content-type"))) continue; // not listed
    if (!now.has(decodeURI(new URL(q.url).pathname))) await p.delete(q);
    else texts.push(await r.text());
  }
  const assets = (await a.keys()).sort((x, y) => /\.css$/.test(y.url) - /\.css$/.test(x.url));
  for (const q of assets) {
    // By its hash: a search manifest names its shards by theirs alone.
    const path = new URL(q.url).pathname, id = hash(path);
    if (C.assets.includes(path) || id && texts.some(t => t.includes(id))) {
      if (/\.css$/.test(path)) texts.push(await (await a.match(q)).text());
    } else await a.delete(q);
  }
})()));

self.addEventListener("fetch", e => {
  const q = e.request, u = new URL(q.url), p = ours(u);
  if (q.method != "GET" || !p || q.headers.has("range") || /event-stream/.test(q.headers.get("accept"))) return;
  e.respondWith(hash(p) ? kept(e, q, u, hash(p)) : fresh(e, q, u));
});

// kept answers a file whose name carries a hash from the kept copy, if
// the worker has one, and else as any other. A copy this worker did not
// check (an older one kept any name that looked fingerprinted), besides
// the files of C.assets, is checked once.
async function kept(e, q, u, h) {
  const a = await caches.open(A), k = key(u);
  let r = await a.match(k);
  if (r && !r.headers.has("x-saved") && !C.assets.includes(u.pathname)) {
    r = await check(k, r, h);
    if (!r.kept) r = await a.delete(k) && null;
  }
  return r || fresh(e, q, u, h);
}

// check keeps a file, before it is answered, when its bytes hash to h:
// then it is one of the build's fingerprinted files, which never change.
// An editor's file whose name only looks fingerprinted (report.20260101.pdf)
// is not, and stays network-first. What it keeps is stamped (x-saved).
async function check(k, r, h) {
  r = stamp({ body: await r.arrayBuffer(), status: r.status, headers: r.headers });
  if ((await sum(r.clone())).startsWith(h)) {
    await put(A, k, r.clone());
    r.kept = 1;
  }
  return r;
}

// fresh answers from the network, saving what it gets, and from the saved
// copy when the network fails, errs or takes longer than C.t; a page never
// saved gets the offline page.
function fresh(e, q, u, h) {
  const k = key(u), net = fetch(q).then(r => h && r.ok ? check(k, r, h) : r);
  e.waitUntil(net.then(r => r.kept ? 0 : r.ok ? put(P, k, stamp(r.clone())) :
    r.status == 404 || r.status == 410 ? caches.open(P).then(c => c.delete(k)) : 0, () => {}));
  return new Promise(done => {
    let over = false;
    const end = r => { if (r && !over) { over = true; done(r); } return r; };
    const saved = () => fromCache(k).then(end);
    const t = setTimeout(saved, C.t);
    net.then(async r => {
      clearTimeout(t);
      end((r.status >= 500 && await saved()) || r);
    }, async () => {
      clearTimeout(t);
      end((await saved()) || (q.mode == "navigate" && await caches.match(C.off)) || Response.error());
    });
  });
}

// fromCache returns the saved copy of k, a page marked with the date it
// was saved (data-saved on <html>, which the page's script shows).
async function fromCache(k) {
  const r = await (await caches.open(P)).match(k);
  if (!r || !/html/.test(r.headers.get("content-type"))) return r;
  const s = await r.text(), lang = (/<html[^>]*\slang="?([\w-]+)/.exec(s) || [])[1];
  const d = esc(date(new Date(+r.headers.get("x-saved")), C.langs[lang] || C.langs[C.def]));
  return new Response(s.replace("<html", '<html data-saved="' + d + '"'), { headers: r.headers });
}

const esc = s => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

// date writes d as the site writes dates in a language.
function date(d, l) {
  const day = d.getDate(), m = d.getMonth() + 1, parts = {
    day, day2: String(day).padStart(2, "0"), month: l.months[m - 1], monthNumber: m, year: d.getFullYear(),
  };
  const s = l.pattern.replace(/\{(\w+)\}/g, (x, n) => n in parts ? parts[n] : x);
  return l.arab ? s.replace(/[0-9]/g, c => "٠١٢٣٤٥٦٧٨٩"[c]) : s;
}
