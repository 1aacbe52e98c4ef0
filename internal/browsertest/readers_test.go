package browsertest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/search"
	sitepkg "github.com/alaqsa-ira/site/internal/site"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// screenshotDir is where TestEveryPageFitsPhonesAndDesktops leaves pictures
// of every kind of page at every width: the folder SITE_SCREENSHOTS names,
// or none when it is not set (as in CI).
func screenshotDir() string { return os.Getenv("SITE_SCREENSHOTS") }

// widths are the screens every page is tried at: a phone, a tablet, a
// desktop.
var widths = []int{375, 768, 1280}

// newKinds are the pages the office's design added blocks to (the root
// page, the home page with its columns, the partners map, the contact
// details): these are tried at every width, the others at the phone's and
// the desktop's, to keep the test short.
var newKinds = map[string]bool{"landing": true, "ar-home": true, "en-home": true, "ar-partners": true, "en-partners": true, "ar-contact": true, "en-contact": true}

// widthsFor returns the widths a page is tried at.
func widthsFor(name string) []int {
	if newKinds[name] || screenshotDir() != "" {
		return widths
	}
	return []int{375, 1280}
}

// kinds are the kinds of page of the office site, by an example of each,
// in each language.
var kinds = []struct{ name, path string }{
	{"home", "/%s/"},
	{"about", "/%s/about/"},
	{"vision", "/%s/vision/"},
	{"partners", "/%s/partners/"},
	{"contact", "/%s/contact/"},
	{"announcements", "/%s/announcements/"},
	{"announcements-2", "/%s/announcements/page/2/"},
	{"announcement", "/%s/announcements/2027-summer-school/"},
	{"announcement-figure", "/%s/announcements/2026-delegation-visit/"},
	{"category", "/%s/categories/call/"},
	{"categories", "/%s/categories/"},
	{"sitemap", "/%s/sitemap/"},
	{"search", "/%s/search/"},
}

// pages lists every kind of page in both languages, and the two pages in
// both at once (the root, the 404 page and the offline page).
func pages() []struct{ name, path string } {
	out := []struct{ name, path string }{{"landing", "/"}, {"not-found", "/no/such/page/"}, {"offline", "/offline.html"}}
	for _, lang := range []string{"ar", "en"} {
		for _, k := range kinds {
			out = append(out, struct{ name, path string }{lang + "-" + k.name, fmt.Sprintf(k.path, lang)})
		}
	}
	return out
}

// site builds the office site once per test into a folder and serves it.
func site(t *testing.T) *browsertest.Host {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	_, err := build.Run(context.Background(), build.Options{
		Source: os.DirFS("../.."), SourceDir: "../..", Dest: dir,
		BaseURL: "http://127.0.0.1/", Now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return browsertest.Serve(t, dir)
}

func open(t *testing.T, ctx context.Context, url string, width int) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(width), 800),
		chromedp.Navigate(url),
		chromedp.WaitReady(chromedp.CSS("body")),
	); err != nil {
		t.Fatalf("%s at %dpx: %v", url, width, err)
	}
}

func TestEveryPageFitsPhonesAndDesktops(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	for _, p := range pages() {
		for _, width := range widthsFor(p.name) {
			open(t, ctx, host.URL+p.path, width)
			overflow := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`)
			if overflow > 0 {
				t.Errorf("%s at %dpx: %dpx wider than the screen", p.path, width, overflow)
			}
			// No visible text smaller than 14px: dates, badges, Hijri
			// dates, the map's counts included.
			small := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("body *")].filter(e =>
				[...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== "") && e.getClientRects().length > 0 &&
				getComputedStyle(e).visibility !== "hidden" &&
				(e.ownerSVGElement ? e.getBoundingClientRect().height < 14 : parseFloat(getComputedStyle(e).fontSize) < 14)
			).map(e => e.tagName + "." + e.className + ": " + e.textContent.trim().slice(0, 30)).slice(0, 5)`)
			for _, s := range small {
				t.Errorf("%s at %dpx: text smaller than 14px: %s", p.path, width, s)
			}
			if dir := screenshotDir(); dir != "" {
				browsertest.Screenshot(t, ctx, dir, fmt.Sprintf("%s-%d", p.name, width))
			}
		}
	}
}

func TestArabicHeaderAndMenuAreMirrored(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	// In Arabic the brand is at the right and the menu starts at the right;
	// in English, the other way round.
	for lang, rtl := range map[string]bool{"ar": true, "en": false} {
		open(t, ctx, host.URL+"/"+lang+"/about/", 1280)
		brandRight := browsertest.Eval[bool](t, ctx, `(() => {
			const b = document.querySelector(".brand").getBoundingClientRect();
			const l = document.querySelector("nav.languages").getBoundingClientRect();
			return b.left > l.left; })()`)
		firstRight := browsertest.Eval[bool](t, ctx, `(() => {
			const items = document.querySelectorAll("nav.menu li");
			return items[0].getBoundingClientRect().left > items[items.length - 1].getBoundingClientRect().left; })()`)
		if brandRight != rtl || firstRight != rtl {
			t.Errorf("%s: brand at the right %v, first menu item at the right %v; want %v", lang, brandRight, firstRight, rtl)
		}
	}
}

func TestLanguageSwitcherLandsOnTheTranslation(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	for from, to := range map[string]string{"/ar/about/": "/en/about/", "/en/announcements/2027-summer-school/": "/ar/announcements/2027-summer-school/"} {
		lang := to[1:3]
		open(t, ctx, host.URL+from, 1280)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`nav.languages a[hreflang="`+lang+`"]`))); err != nil {
			t.Fatal(err)
		}
		browsertest.Poll(t, ctx, `location.pathname === "`+to+`" && document.documentElement.lang === "`+lang+`"`, "landing on "+to)
	}
}

func TestArabicSearchFindsTheSameWithAndWithoutDiacritics(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	results := func(q string) string {
		open(t, ctx, host.URL+"/ar/search/?q="+q, 1280)
		browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the search finishing")
		return browsertest.Eval[string](t, ctx, `[...document.querySelectorAll(".search-results a")].map(a => a.pathname).join(" ")`)
	}
	plain := results("منح ماجستير")
	marked := results("مِنَح مَاجِسْتِير")
	if plain == "" || !strings.Contains(plain, "/ar/announcements/") {
		t.Fatalf("searching منح ماجستير found %q", plain)
	}
	if plain != marked {
		t.Errorf("with diacritics the search finds %q, without %q", marked, plain)
	}
	if mark := browsertest.Eval[string](t, ctx, `(document.querySelector(".search-results mark") || {}).textContent || ""`); mark == "" {
		t.Error("the results do not mark the match")
	}
	// The page's script and the index builder normalise text alike.
	for _, s := range []string{"مِنْحَةٌ دراسيّة", "إبراهيم وآمال ٱلعربية", "مستشفى العـــربية", "١٤٤٧ ۱۴۴۸", "İstanbul Café Ümraniye", "سؤال ومسئول"} {
		js := browsertest.Eval[string](t, ctx, fmt.Sprintf("window.siteSearchNormalize(%q)", s))
		if goSide := search.Normalize(s); js != goSide {
			t.Errorf("%q: the page normalises to %q, the index to %q", s, js, goSide)
		}
	}
}

func TestNoAccessibilityViolations(t *testing.T) {
	axe := os.Getenv("AXE_PATH")
	if axe == "" {
		if os.Getenv("REQUIRE_BROWSER") != "" {
			t.Fatal("AXE_PATH (the file axe.min.js of the npm package axe-core) is not set, and REQUIRE_BROWSER is")
		}
		t.Skip("AXE_PATH is not set (npm install axe-core; AXE_PATH=node_modules/axe-core/axe.min.js)")
	}
	script, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Start(t)
	host := site(t)
	for _, p := range pages() {
		for _, width := range widthsFor(p.name) {
			open(t, ctx, host.URL+p.path, width)
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(script))); err != nil {
				t.Fatalf("loading axe-core: %v", err)
			}
			found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
				r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ")))`,
				chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: running axe-core: %v", p.path, err)
			}
			for _, v := range found {
				t.Errorf("%s at %dpx: %s", p.path, width, v)
			}
		}
	}
}

// TestPagesStayWithinTheirWeight measures what a reader downloads, as the
// host sends it (compressed): the first visit to a page with an empty cache
// (the page, its stylesheet, fonts and scripts, and the offline reading
// worker with what it saves at once) must stay within 100 KB, and a further
// page, with the stylesheet and fonts cached, within 15 KB.
func TestPagesStayWithinTheirWeight(t *testing.T) {
	const firstBudget, furtherBudget = 100 << 10, 15 << 10
	ctx := browsertest.Start(t)
	host := site(t)
	cdpDo := func(f func(context.Context, *chromedp.Target) error) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			return chromedp.Void{}, f(ctx, tg)
		})); err != nil {
			t.Fatal(err)
		}
	}
	cdpDo(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{})
		return err
	})
	measure := func(url string, first bool) (int64, []string) {
		t.Helper()
		host.Requests()
		before := host.Sent()
		open(t, ctx, url, 375)
		browsertest.Poll(t, ctx, `document.readyState === "complete" && document.fonts.status === "loaded"`, "the page loading")
		if first { // the worker is installed and has saved what it saves at once
			pollAwait(t, ctx, `navigator.serviceWorker.ready.then(r => r.active.state === "activated")`, "the offline reading worker starting")
		}
		time.Sleep(100 * time.Millisecond)
		return host.Sent() - before, host.Requests()
	}
	for _, p := range pages() {
		cdpDo(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: host.URL, StorageTypes: "cache_storage,service_workers"})
			return err
		})
		first, got := measure(host.URL+p.path, true)
		further, again := measure(host.URL+p.path, false)
		t.Logf("%-28s first visit %6.1f KB (%d files), further %5.1f KB (%d files)", p.path, float64(first)/1024, len(got), float64(further)/1024, len(again))
		if first > firstBudget {
			t.Errorf("%s: first visit %d bytes (%v), over %d", p.path, first, got, firstBudget)
		}
		if further > furtherBudget {
			t.Errorf("%s: further visit %d bytes (%v), over %d", p.path, further, again, furtherBudget)
		}
	}
}

// TestSearchCountTakesThePluralFormOfItsNumber compares the search page's
// count of results, which the browser writes with Intl.PluralRules, with
// the same string written by the builder's CLDR rules.
func TestSearchCountTakesThePluralFormOfItsNumber(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	s, errs := sitepkg.LoadData(os.DirFS("../.."))
	if s == nil {
		t.Fatal(errs)
	}
	for _, lang := range []string{"ar", "en"} {
		open(t, ctx, host.URL+"/"+lang+"/search/", 1280)
		for _, n := range []int{0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111} {
			want, err := s.Config.Language(lang).Locale.Plural("searchCount", n)
			if err != nil {
				t.Fatal(err)
			}
			if got := browsertest.Eval[string](t, ctx, fmt.Sprintf("window.siteSearchCount(%d)", n)); got != want.String() {
				t.Errorf("%s, %d results: the page says %q, the builder %q", lang, n, got, want)
			}
		}
	}
	// And a real search says how many it found, in Arabic words.
	open(t, ctx, host.URL+"/ar/search/?q=منح", 1280)
	browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the search finishing")
	n := browsertest.Eval[int](t, ctx, `document.querySelectorAll(".search-results li").length`)
	want, _ := s.Config.Language("ar").Locale.Plural("searchCount", n)
	if got := browsertest.Eval[string](t, ctx, `document.querySelector(".search-status").textContent`); n == 0 || got != want.String() {
		t.Errorf("searching منح: %d results, status %q, want %q", n, got, want)
	}
}
