// Search of the site, in the browser. The index (/LANG/search/index.json)
// holds each page's title, address, date, categories, the start of its text
// (x) and its title and words normalised for matching (n); the query is
// normalised with the same rules as internal/search.Normalize, step by step.
// What the script writes on the page gets the isolation page text gets
// (internal/isolate): left-to-right runs in right-to-left text, and
// right-to-left runs in left-to-right text, are wrapped in a span with
// their direction.
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
  const rtl = document.documentElement.dir === "rtl";
  const otherLang = form.dataset.otherLang || "";
  let index = null;

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
  // words splits a query into the words to find, without the punctuation
  // a sentence puts around them: "apply@example.org," finds
  // apply@example.org, "(KA171)" finds KA171; what is inside a word
  // (@ . / : + #) stays.
  const edges = /^[\s"'“”‘’()[\]{}«»<>,;:!?،؛؟]+|[\s"'“”‘’()[\]{}«»<>,;:!?،؛؟.…]+$/gu;
  const words = (q) => normalize(q).text.split(" ").map((w) => w.replace(edges, "")).filter(Boolean);
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
  function isolated(s, mark) {
    const frag = document.createDocumentFragment();
    const put = (parent, from, to) => {
      const cuts = [from, to];
      if (mark) for (const m of mark) if (m > from && m < to) cuts.push(m);
      cuts.sort((a, b) => a - b);
      for (let k = 0; k + 1 < cuts.length; k++) {
        const a = cuts[k], b = cuts[k + 1];
        if (a === b) continue;
        if (mark && a >= mark[0] && b <= mark[1]) {
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

  function snippet(text, words) {
    const n = normalize(text);
    let at = -1, len = 0;
    for (const w of words) {
      const i = n.text.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) { at = i; len = w.length; }
    }
    if (at < 0) return isolated(text.length > 160 ? text.slice(0, 160) + "…" : text);
    const start = n.from[at], end = at + len < n.from.length ? n.from[at + len] : text.length;
    const from = Math.max(0, start - 70), to = Math.min(text.length, end + 90);
    const before = (from > 0 ? "…" : "") + text.slice(from, start);
    const shown = before + text.slice(start, to) + (to < text.length ? "…" : "");
    return isolated(shown, [before.length, before.length + end - start]);
  }

  function countText(n) {
    const text = counts[plural.select(n)] ?? counts.other ?? "{n}";
    return text.replaceAll("{n}", digits(String(n)));
  }

  function show(q) {
    const want = words(q);
    list.textContent = "";
    if (!want.length) { status.textContent = ""; return; }
    const found = [];
    for (const e of index) {
      if (!want.every((w) => e.n.includes(w))) continue;
      const inTitle = want.filter((w) => e.n.slice(0, e.tl).includes(w)).length;
      found.push({ e, inTitle });
    }
    found.sort((a, b) => b.inTitle - a.inTitle);
    status.textContent = "";
    status.append(isolated(found.length ? countText(found.length) : form.dataset.none));
    for (const { e } of found.slice(0, 50)) {
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
      p.append(snippet(e.x, want));
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
  // Expose the normalisation, the count and the isolation to tests, which compare
  // them with the server's.
  window.siteSearchNormalize = (s) => normalize(s).text;
  window.siteSearchCount = countText;
  window.siteSearchWords = words;
  const spans = (s, runs) => runs.map((r) => [s.slice(r.start, r.end), r.latin]);
  window.siteIsolateRuns = (s) => spans(s, ltrRuns(s));
  window.siteIsolateRTLRuns = (s) => spans(s, rtlRuns(s));
})();
