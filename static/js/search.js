// Search of the site, in the browser. The index (/LANG/search/index.json)
// holds each page's title, address, date, categories, the start of its text
// (x) and the same normalised for matching (n); the query is normalised
// with the same rules as internal/search.Normalize, step by step.
(() => {
  "use strict";
  const form = document.querySelector("form.search");
  if (!form) return;
  const input = form.querySelector("input");
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const arabicDigits = form.dataset.digits === "arab";
  // The count of results in its plural form ({"one": "{n} result", ...},
  // from data/i18n), chosen by the browser's CLDR rules for the language.
  const counts = JSON.parse(form.dataset.count || "{}");
  const plural = new Intl.PluralRules(document.documentElement.lang || "en");
  let index = null;

  const fold = { "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647" };
  function normChar(c) {
    if (/\p{Mn}/u.test(c) || c === "\u0640") return "";
    if (fold[c]) return fold[c];
    const code = c.codePointAt(0);
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    if (/\s/.test(c)) return " ";
    return c.toLowerCase();
  }
  // normalize returns the normalised text and, for each of its characters,
  // where it came from in s, so that a match can be shown in the original.
  function normalize(s) {
    let out = "";
    const from = [];
    let i = 0;
    for (const c of s) {
      for (const d of c.normalize("NFD")) {
        let n = normChar(d);
        if (n === " " && (out === "" || out.endsWith(" "))) n = "";
        for (const _ of n) from.push(i);
        out += n;
      }
      i += c.length;
    }
    while (out.endsWith(" ")) { out = out.slice(0, -1); from.pop(); }
    return { text: out, from };
  }
  const digits = (s) => arabicDigits ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + +d)) : s;

  function snippet(text, words) {
    const n = normalize(text);
    let at = -1, len = 0;
    for (const w of words) {
      const i = n.text.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) { at = i; len = w.length; }
    }
    const frag = document.createDocumentFragment();
    if (at < 0) { frag.append(text.slice(0, 160) + (text.length > 160 ? "…" : "")); return frag; }
    const start = n.from[at], end = at + len < n.from.length ? n.from[at + len] : text.length;
    const from = Math.max(0, start - 70), to = Math.min(text.length, end + 90);
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    frag.append((from > 0 ? "…" : "") + text.slice(from, start), mark, text.slice(end, to) + (to < text.length ? "…" : ""));
    return frag;
  }

  function countText(n) {
    const text = counts[plural.select(n)] ?? counts.other ?? "{n}";
    return text.replaceAll("{n}", digits(String(n)));
  }

  function show(q) {
    const words = normalize(q).text.split(" ").filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    const found = [];
    for (const e of index) {
      if (!words.every((w) => e.n.includes(w))) continue;
      const inTitle = words.filter((w) => e.n.slice(0, e.tl).includes(w)).length;
      found.push({ e, inTitle });
    }
    found.sort((a, b) => b.inTitle - a.inTitle);
    status.textContent = found.length ? countText(found.length) : form.dataset.none;
    for (const { e } of found.slice(0, 50)) {
      const li = document.createElement("li");
      li.className = "item";
      const h = document.createElement("h2");
      const a = document.createElement("a");
      a.href = e.u;
      a.textContent = e.t;
      a.dir = "auto";
      h.append(a);
      li.append(h);
      if (e.d || e.c) {
        const meta = document.createElement("p");
        meta.className = "meta";
        meta.textContent = [e.d, ...(e.c || [])].filter(Boolean).join(" · ");
        li.append(meta);
      }
      const p = document.createElement("p");
      p.append(snippet(e.x, words));
      li.append(p);
      list.append(li);
    }
  }

  async function run(q) {
    if (!index) {
      try {
        const r = await fetch(form.dataset.index);
        index = await r.json();
      } catch (err) {
        status.textContent = form.dataset.none;
        return;
      }
    }
    show(q);
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = input.value;
    history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });
  const q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(q); }
  // Expose the normalisation and the count to tests, which compare them
  // with the server's.
  window.siteSearchNormalize = (s) => normalize(s).text;
  window.siteSearchCount = countText;
})();
