// Search of the site, in the browser. The index of a language is split
// (internal/search, index.go): a manifest at a stable address
// (/LANG/search/index.json, form.dataset.index), shards of terms and files
// of pages, each named by a hash of its content, so that a query fetches
// only the shards of its terms and the files of the results it shows, and
// the service worker may keep them for a search offline.
// The query is cut into terms as internal/search.Terms cuts the pages:
// normalised (internal/search.Normalize, step by step), cut into words
// and stemmed; internal/search/testdata/terms.txt holds the cases both
// are tested on.
// What the script writes on the page gets the isolation page text gets
// (internal/isolate): left-to-right runs in right-to-left text, and
// right-to-left runs in left-to-right text, are wrapped in a span with
// their direction.
(() => {
  "use strict";
  const form = document.querySelector("form.search");
  const input = form && form.querySelector("input");
  const status = document.querySelector(".search-status");
  const note = document.querySelector(".search-note");
  const list = document.querySelector(".search-results");
  const moreButton = document.querySelector(".search-more");
  const data = form ? form.dataset : {};
  const arabicDigits = data.digits === "arab";
  // The count of results in its plural form ({"one": "{n} result", ...},
  // from data/i18n), chosen by the browser's CLDR rules for the language.
  const counts = JSON.parse(data.count || "{}");
  const plural = new Intl.PluralRules(document.documentElement.lang || "en");
  const rtl = document.documentElement.dir === "rtl";
  const otherLang = data.otherLang || "";
  // How many results are shown at first, and at each "more".
  const perPage = 10;

  const fold = { "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647", "\u066b": ".", "\u066c": ",", "\u066a": "%" };
  function normChar(c) {
    if (/[\p{Mn}\p{Cf}]/u.test(c) || c === "\u0640") return "";
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

  // wordsOf returns where the words of a normalised text are, [start,
  // end) each: runs of letters, digits and marks, apart where Arabic
  // meets another script (search.eachTerm).
  const wordChar = /[\p{L}\p{N}\p{M}]/u;
  function wordsOf(n) {
    const out = [];
    let start = -1, arabic = false, i = 0;
    for (const c of n) {
      if (wordChar.test(c)) {
        const code = c.codePointAt(0);
        const a = code >= 0x0600 && code <= 0x06ff;
        if (start >= 0 && a !== arabic) { out.push([start, i]); start = -1; }
        if (start < 0) { start = i; arabic = a; }
      } else if (start >= 0) {
        out.push([start, i]);
        start = -1;
      }
      i += c.length;
    }
    if (start >= 0) out.push([start, n.length]);
    return out;
  }

  // The Arabic light stemmer (search.stemArabic): one prefix, then each
  // suffix in turn, leaving two letters after a prefix, three after a
  // suffix.
  const arPrefixes = ["وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];
  const arSuffixes = ["ها", "هم", "هن", "كم", "كن", "نا", "ات", "ان", "ون", "ين", "يه", "ه", "ي"];
  function stemArabic(w) {
    let stripped = false;
    for (const p of arPrefixes) {
      if (w.length - p.length >= 2 && w.startsWith(p)) { w = w.slice(p.length); stripped = true; break; }
    }
    if (!stripped && w.length >= 4 && w[0] === "\u0648") w = w.slice(1);
    for (const s of arSuffixes) {
      if (w.length - s.length >= 3 && w.endsWith(s)) w = w.slice(0, -s.length);
    }
    return w;
  }

  // The English stemmer (search.stemEnglish): steps 1 and 5 of Porter's.
  function cons(w, i) {
    const c = w[i];
    if ("aeiou".includes(c)) return false;
    if (c === "y") return i === 0 || !cons(w, i - 1);
    return true;
  }
  function measure(w) {
    let m = 0, vowel = false;
    for (let i = 0; i < w.length; i++) {
      if (cons(w, i)) { if (vowel) m++; vowel = false; } else vowel = true;
    }
    return m;
  }
  function hasVowel(w) {
    for (let i = 0; i < w.length; i++) if (!cons(w, i)) return true;
    return false;
  }
  const doubleCons = (w) => w.length >= 2 && w[w.length - 1] === w[w.length - 2] && cons(w, w.length - 1);
  function cvc(w) {
    const n = w.length;
    if (n < 3 || !cons(w, n - 3) || cons(w, n - 2) || !cons(w, n - 1)) return false;
    return !"wxy".includes(w[n - 1]);
  }
  function undoEnding(w) {
    if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) return w + "e";
    if (doubleCons(w)) return "lsz".includes(w[w.length - 1]) ? w : w.slice(0, -1);
    if (measure(w) === 1 && cvc(w)) return w + "e";
    return w;
  }
  function stemEnglish(w) {
    if (w.length <= 2) return w;
    if (w.endsWith("sses") || w.endsWith("ies")) w = w.slice(0, -2);
    else if (!w.endsWith("ss") && w.endsWith("s")) w = w.slice(0, -1);
    if (w.endsWith("eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else if (w.endsWith("ed") && hasVowel(w.slice(0, -2))) {
      w = undoEnding(w.slice(0, -2));
    } else if (w.endsWith("ing") && hasVowel(w.slice(0, -3))) {
      w = undoEnding(w.slice(0, -3));
    }
    if (w.length > 1 && w.endsWith("y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    if (w.length > 1 && w.endsWith("e")) {
      const m = measure(w.slice(0, -1));
      if (m > 1 || (m === 1 && !cvc(w.slice(0, -1)))) w = w.slice(0, -1);
    }
    if (measure(w) > 1 && doubleCons(w) && w.endsWith("l")) w = w.slice(0, -1);
    return w;
  }
  function stem(w) {
    if (/^[\u0621-\u064a]+$/.test(w)) return stemArabic(w);
    if (/^[a-z]+$/.test(w)) return stemEnglish(w);
    return w;
  }
  // terms is search.Terms.
  function terms(s) {
    const n = normalize(s).text;
    return wordsOf(n).map(([a, b]) => stem(n.slice(a, b)));
  }
  const digits = (s) => arabicDigits ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + +d)) : s;


  // The bidi classes internal/isolate asks golang.org/x/text/unicode/bidi
  // for: L (left-to-right letters), R (right-to-left letters), EN and AN
  // (European and Arabic-Indic digits), and anything else.
  const rtlScript = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
  function bidiClass(c) {
    const code = c.codePointAt(0);
    if (code < 0x80) return /[A-Za-z]/.test(c) ? "L" : /[0-9]/.test(c) ? "EN" : "ON";
    if ((code >= 0x0660 && code <= 0x0669) || code === 0x066b || code === 0x066c) return "AN";
    if ((code >= 0x06f0 && code <= 0x06f9) || code === 0xb2 || code === 0xb3 || code === 0xb9 ||
        (code >= 0x2070 && code <= 0x2089) || (code >= 0xff10 && code <= 0xff19)) return "EN";
    if (/\p{Mn}|\p{Me}/u.test(c)) return "NSM";
    if (rtlScript.test(c)) return /[\p{L}\p{Cf}]/u.test(c) || code === 0x061b || code === 0x061f || code === 0x066d ? "R" : "ON";
    return /[\p{L}\p{Mc}]/u.test(c) ? "L" : "ON";
  }
  const isDigit = (s, i) => /[0-9\u0660-\u0669]/.test(s[i] || "");
  // numberRun is isolate's numberRun: digits in groups joined by single
  // spaces, hyphens or dots, isolated with a leading + or a space between
  // groups.
  function numberRun(s, i) {
    const start = i > 0 && s[i - 1] === "+" ? i - 1 : i;
    let end = i, spaced = false;
    while (end < s.length && isDigit(s, end)) {
      while (end < s.length && isDigit(s, end)) end++;
      if (end + 1 < s.length && " -.".includes(s[end]) && isDigit(s, end + 1)) {
        spaced = spaced || s[end] === " ";
        end++;
        continue;
      }
      break;
    }
    return start === i && !spaced ? [0, 0] : [start, end];
  }
  // finish is isolate's finish: a letter run takes the marks that start a
  // name or an address (.ics, #tag, @name), + # % and brackets it opened
  // after it, and a bracket pair around it.
  function finish(s, start, end) {
    let j = start;
    while (j > 0 && ".#@$_~-+/\\".includes(s[j - 1])) j--;
    if (j < start && (j === 0 || " \t\n([{\"'".includes(s[j - 1]))) start = j;
    const count = (c) => s.slice(start, end).split(c).length - 1;
    let open = count("(") - count(")");
    while (end < s.length && ("+#%".includes(s[end]) || (s[end] === ")" && open > 0))) {
      if (s[end] === ")") open--;
      end++;
    }
    if (start > 0 && s[start - 1] === "(" && s[end] === ")") { start--; end++; }
    return { start, end, latin: true };
  }
  // ltrRuns is isolate.Runs: the left-to-right runs of right-to-left text.
  function ltrRuns(s) {
    const runs = [];
    let start = -1, end = -1;
    for (let i = 0; i < s.length;) {
      const c = String.fromCodePoint(s.codePointAt(i));
      const k = bidiClass(c);
      if (k === "L") {
        if (start < 0) start = i;
        end = i + c.length;
      } else if (k === "EN" || k === "AN") {
        if (start >= 0) end = i + c.length;
        else {
          const [b, e] = numberRun(s, i);
          if (e > i) { runs.push({ start: b, end: e, latin: false }); i = e; continue; }
        }
      } else if (k === "R" && start >= 0) {
        runs.push(finish(s, start, end));
        start = -1;
      }
      i += c.length;
    }
    if (start >= 0) runs.push(finish(s, start, end));
    return runs;
  }
  // rtlRuns is isolate.RTLRuns: the right-to-left runs of left-to-right
  // text.
  function rtlRuns(s) {
    const runs = [];
    let start = -1, end = -1;
    for (let i = 0; i < s.length;) {
      const c = String.fromCodePoint(s.codePointAt(i));
      const k = bidiClass(c);
      if (k === "R") {
        if (start < 0) start = i;
        end = i + c.length;
      } else if (k === "AN" && start >= 0) {
        end = i + c.length;
      } else if (k === "L" && start >= 0) {
        runs.push({ start, end, latin: false });
        start = -1;
      }
      i += c.length;
    }
    if (start >= 0) runs.push({ start, end, latin: false });
    return runs;
  }
  // isolated returns s as nodes, its runs of the other direction in spans
  // as internal/isolate writes them, and [mark[0], mark[1]) in <mark>.
  // isolated returns s as nodes, its runs of the other direction in spans
  // as internal/isolate writes them, and the ranges of marks ([start,
  // end) each, apart) in <mark>.
  function isolated(s, marks) {
    marks = marks || [];
    const frag = document.createDocumentFragment();
    const put = (parent, from, to) => {
      const cuts = [from, to];
      for (const m of marks) for (const x of m) if (x > from && x < to) cuts.push(x);
      cuts.sort((a, b) => a - b);
      for (let k = 0; k + 1 < cuts.length; k++) {
        const a = cuts[k], b = cuts[k + 1];
        if (a === b) continue;
        if (marks.some((m) => a >= m[0] && b <= m[1])) {
          const m = document.createElement("mark");
          m.textContent = s.slice(a, b);
          parent.append(m);
        } else {
          parent.append(s.slice(a, b));
        }
      }
    };
    let at = 0;
    for (const r of rtl ? ltrRuns(s) : rtlRuns(s)) {
      put(frag, at, r.start);
      const span = document.createElement("span");
      span.dir = rtl ? "ltr" : "rtl";
      if (otherLang && (r.latin || !rtl)) span.lang = otherLang;
      put(span, r.start, r.end);
      frag.append(span);
      at = r.end;
    }
    put(frag, at, s.length);
    return frag;
  }

  // snippet returns about 200 characters of text around its first word
  // that has one of the terms want, with each such word marked. It is
  // cut only at spaces, never inside a word (apply@example.org is one
  // word here, though three terms) or a character with its marks.
  const space = /\s/;
  const startsCluster = (s, i) => i <= 0 || i >= s.length || !/[\p{M}\u200d]/u.test(s[i]) && s[i - 1] !== "\u200d";
  function wordStart(s, i) {
    while (i > 0 && !(space.test(s[i - 1]) && startsCluster(s, i))) i--;
    return i;
  }
  function wordEnd(s, i) {
    while (i < s.length && !(space.test(s[i]) && startsCluster(s, i))) i++;
    return i;
  }
  function snippet(text, want) {
    const n = normalize(text);
    const at = (k) => (k < n.from.length ? n.from[k] : text.length);
    const ws = wordsOf(n.text).map(([a, b]) => ({ start: at(a), end: at(b), hit: want.has(stem(n.text.slice(a, b))) }));
    const first = Math.max(0, ws.findIndex((w) => w.hit));
    let start = 0;
    if (ws.length) {
      let lo = first;
      while (lo > 0 && ws[first].start - ws[lo - 1].start <= 60) lo--;
      start = lo === 0 ? 0 : wordStart(text, ws[lo].start);
    }
    let end = text.length;
    if (end - start > 220) {
      end = wordEnd(text, start + 200);
      if (end - start > 260) end = wordStart(text, start + 200) > start ? wordStart(text, start + 200) : end;
    }
    let shown = text.slice(start, end).trim();
    const lead = start > 0 ? "…" : "";
    const offset = text.indexOf(shown, start) - start;
    if (end < text.length) shown += "…";
    const marks = ws.filter((w) => w.hit && w.start >= start && w.end <= end)
      .map((w) => [w.start - start - offset + lead.length, w.end - start - offset + lead.length]);
    return isolated(lead + shown, marks);
  }

  function countText(n) {
    // A text for zero is used for 0 in every language that has one.
    const text = (n === 0 ? counts.zero : undefined) ?? counts[plural.select(n)] ?? counts.other ?? "{n}";
    return text.replaceAll("{n}", digits(String(n)));
  }

  // Files of the index, fetched once each; a file that could not be
  // fetched (offline, and not kept by the service worker) is null, and
  // fetched again by the next search.
  const base = form ? new URL(data.index, location.href) : null;
  const files = new Map();
  function get(name) {
    const url = new URL(name, base).href;
    if (!files.has(url)) {
      files.set(url, fetch(url)
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)
        .then((v) => { if (v === null) files.delete(url); return v; }));
    }
    return files.get(url);
  }
  // named returns the name of file i of a kind (t or d), whose hashes the
  // manifest lists one after another.
  function named(kind, hashes, count, i) {
    const len = hashes.length / count;
    return kind + "/" + i + "." + hashes.slice(i * len, (i + 1) * len) + ".json";
  }
  function shard(term, n) {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(term)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h & (n - 1);
  }
  // postings decodes a term's postings: page numbers as differences in
  // base 36, * after those with the term in their title.
  function postings(p) {
    const all = [], title = new Set();
    let id = 0;
    if (p) {
      for (const s of p.split(",")) {
        const t = s.endsWith("*");
        id += parseInt(t ? s.slice(0, -1) : s, 36);
        all.push(id);
        if (t) title.add(id);
      }
    }
    return { all, title };
  }

  // find returns the pages that have every term of the query, those with
  // more of them in their title first, then in the site's order (newest
  // first); missing is set when a shard could not be fetched, and the
  // results are then those of the other terms.
  async function find(manifest, want) {
    const lists = await Promise.all([...want].map(async (t) => {
      const s = shard(t, manifest.s);
      const f = await get(named("t", manifest.t, manifest.s, s));
      return f ? postings(f[t]) : null;
    }));
    const have = lists.filter(Boolean).sort((a, b) => a.all.length - b.all.length);
    let ids = have.length ? have[0].all : [];
    for (const l of have.slice(1)) {
      const set = new Set(l.all);
      ids = ids.filter((id) => set.has(id));
    }
    const found = ids.map((id) => ({ id, title: have.filter((l) => l.title.has(id)).length }));
    found.sort((a, b) => b.title - a.title || a.id - b.id);
    return { found, missing: have.length < lists.length };
  }

  let current = null, runs = 0;
  async function run(q) {
    const run = ++runs;
    const want = new Set(terms(q));
    list.textContent = "";
    moreButton.hidden = true;
    note.hidden = true;
    if (!want.size) { status.textContent = ""; return; }
    const manifest = await get(data.index);
    if (run !== runs) return;
    if (!manifest) {
      note.hidden = false;
      status.textContent = data.none;
      return;
    }
    const result = await find(manifest, want);
    if (run !== runs) return;
    current = { manifest, want, found: result.found, shown: 0, missing: result.missing };
    await more(run);
  }

  // more shows the next results, with what the page files say of them.
  async function more(run) {
    const c = current;
    const next = c.found.slice(c.shown, c.shown + perPage);
    const byFile = new Map();
    for (const { id } of next) byFile.set(Math.floor(id / c.manifest.k), null);
    await Promise.all([...byFile.keys()].map(async (f) => byFile.set(f, await get(named("d", c.manifest.d, Math.ceil(c.manifest.n / c.manifest.k), f)))));
    if (run !== runs) return;
    c.shown += next.length;
    for (const { id } of next) {
      const file = byFile.get(Math.floor(id / c.manifest.k));
      const e = file && file[id % c.manifest.k];
      if (!e) { c.missing = true; continue; }
      const li = document.createElement("li");
      li.className = "item";
      const h = document.createElement("h2");
      const a = document.createElement("a");
      a.href = e.u;
      a.append(isolated(e.t));
      h.append(a);
      li.append(h);
      if (e.d || e.c) {
        const meta = document.createElement("p");
        meta.className = "meta";
        meta.append(isolated([e.d, ...(e.c || [])].filter(Boolean).join(" · ")));
        li.append(meta);
      }
      const p = document.createElement("p");
      p.append(snippet(e.x, c.want));
      li.append(p);
      list.append(li);
    }
    moreButton.hidden = c.shown >= c.found.length;
    note.hidden = !c.missing;
    status.textContent = "";
    status.append(isolated(c.found.length ? countText(c.found.length) : data.none));
  }

  if (form) {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const q = input.value;
      history.replaceState(null, "", "?q=" + encodeURIComponent(q));
      run(q);
    });
    moreButton.addEventListener("click", () => { if (current) more(runs); });
    const q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; run(q); }
  }
  // Expose the normalisation, the terms, the count, the snippets and the
  // isolation to tests, which compare them with the server's.
  window.siteSearchNormalize = (s) => normalize(s).text;
  window.siteSearchTerms = terms;
  window.siteSearchCount = countText;
  window.siteSearchSnippet = (text, q) => { const d = document.createElement("p"); d.append(snippet(text, new Set(terms(q)))); return [d.textContent, [...d.querySelectorAll("mark")].map((m) => m.textContent)]; };
  const spans = (s, runs) => runs.map((r) => [s.slice(r.start, r.end), r.latin]);
  window.siteIsolateRuns = (s) => spans(s, ltrRuns(s));
  window.siteIsolateRTLRuns = (s) => spans(s, rtlRuns(s));
})();
