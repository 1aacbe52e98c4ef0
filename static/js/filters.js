// The partners page's filters, made better. Without this script the
// filters are links to empty elements before the list (#f-DE, #f-a-erasmus)
// and the page's rules (layouts/partners.html) show, for the :target one,
// its partners only: one filter at a time. With it, a country and a kind
// of agreement are chosen together (#f-DE-a-erasmus), choosing a chosen
// one again lets it go, the countries on the map are the country filter,
// the chosen links are marked (aria-current), a live region says how many
// partners are shown in the page's language and digits, and the address
// keeps the choice so that it can be shared.
(() => {
  "use strict";
  const box = document.querySelector(".filters");
  const list = document.querySelector("ul.partners");
  if (!box || !list) return;
  const data = box.dataset;
  const counts = JSON.parse(data.count || "{}");
  const plural = new Intl.PluralRules(document.documentElement.lang || "en");
  const digits = (s) => data.digits === "arab" ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + +d)) : s;
  const items = [...list.children];
  const links = [...document.querySelectorAll('.filters a[href^="#f-"], svg.worldmap a[href^="#f-"]')];
  const countries = new Set(), kinds = new Set();
  for (const a of links) {
    const h = a.getAttribute("href").slice(3);
    if (h.startsWith("a-")) kinds.add(h.slice(2)); else countries.add(h);
  }
  const state = { c: "", a: "" };

  // The empty targets go: the script filters now, and a :target left from
  // the address the page was opened at would hide what it shows.
  for (const t of document.querySelectorAll(".filter-target")) t.remove();

  const status = document.createElement("p");
  status.className = "filter-count";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  box.append(status);

  // read takes the choice from an address's fragment: #f-DE, #f-a-erasmus
  // or both, #f-DE-a-erasmus; anything else chooses nothing.
  function read(hash) {
    const m = /^#f-(?:([A-Za-z]{2})(?:-|$))?(?:a-(.+))?$/.exec(hash);
    state.c = m && m[1] && countries.has(m[1]) ? m[1] : "";
    state.a = m && m[2] && kinds.has(decodeURIComponent(m[2])) ? decodeURIComponent(m[2]) : "";
  }

  function hash() {
    if (!state.c && !state.a) return "";
    return "#f-" + [state.c, state.a && "a-" + state.a].filter(Boolean).join("-");
  }

  function show() {
    let n = 0;
    for (const li of items) {
      const on = (!state.c || li.classList.contains("c-" + state.c)) && (!state.a || li.classList.contains("a-" + state.a));
      li.hidden = !on;
      if (on) n++;
    }
    for (const a of links) {
      const h = a.getAttribute("href").slice(3);
      const chosen = h.startsWith("a-") ? h.slice(2) === state.a : h === state.c;
      if (chosen) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    }
    const all = box.querySelector(".show-all");
    if (all) {
      if (!state.c && !state.a) all.setAttribute("aria-current", "true"); else all.removeAttribute("aria-current");
    }
    // A text for zero is used for 0 in every language that has one.
    const text = (n === 0 ? counts.zero : undefined) ?? counts[plural.select(n)] ?? counts.other ?? "{n}";
    status.textContent = text.replaceAll("{n}", digits(String(n)));
  }

  function choose(h) {
    if (h === "#all-partners") {
      state.c = state.a = "";
    } else if (h.startsWith("#f-a-")) {
      const k = h.slice(5);
      state.a = state.a === k ? "" : k;
    } else {
      const c = h.slice(3);
      state.c = state.c === c ? "" : c;
    }
    history.replaceState(null, "", location.pathname + location.search + hash());
    show();
  }

  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest("a");
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const h = a.getAttribute("href") || "";
    if (!(links.includes(a) || a.classList.contains("show-all"))) return;
    e.preventDefault();
    choose(h);
  });
  window.addEventListener("hashchange", () => { read(location.hash); show(); });

  read(location.hash);
  show();
  box.classList.add("js");
  // Exposed for tests.
  window.sitePartnerFilter = () => hash();
})();
