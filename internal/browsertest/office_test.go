package browsertest_test

import (
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestHomeSideColumnFollowsTheMainOne checks the home page's two columns:
// the side column comes after the main one in reading order; on a desktop
// it stands beside it (at the left in Arabic, at the right in English),
// on a phone and a tablet below it.
func TestHomeSideColumnFollowsTheMainOne(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	for _, lang := range []string{"ar", "en"} {
		for _, width := range widths {
			open(t, ctx, host.URL+"/"+lang+"/", width)
			where := browsertest.Eval[string](t, ctx, `(() => {
				const m = document.querySelector(".main-column"), s = document.querySelector(".side-column");
				if (!m || !s) return "missing";
				if (!(m.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING)) return "before";
				const a = m.getBoundingClientRect(), b = s.getBoundingClientRect();
				if (b.top >= a.bottom - 1) return "below";
				if (b.right <= a.left + 1) return "left";
				if (b.left >= a.right - 1) return "right";
				return "overlapping"; })()`)
			want := "below"
			if width >= 1280 {
				want = map[string]string{"ar": "left", "en": "right"}[lang]
			}
			if where != want {
				t.Errorf("/%s/ at %dpx: the side column is %s the main one, want %s", lang, width, where, want)
			}
		}
	}
}

// TestMapCountriesAreReachableByKeyboard tabs through the partners page:
// every country on the map is reached, has a name, and following it shows
// that country's partners only, without JavaScript's help.
func TestMapCountriesAreReachableByKeyboard(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	for _, lang := range []string{"ar", "en"} {
		open(t, ctx, host.URL+"/"+lang+"/partners/", 1280)
		links := browsertest.Eval[int](t, ctx, `document.querySelectorAll("svg.worldmap a").length`)
		if links < 5 {
			t.Fatalf("%s: %d countries on the map", lang, links)
		}
		var reached []string
		for i := 0; i < 80 && len(reached) < links; i++ {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			name := browsertest.Eval[string](t, ctx, `(() => { const a = document.activeElement;
				return a && a.closest("svg.worldmap") ? (a.getAttribute("aria-label") || "(no name)") : ""; })()`)
			if name != "" {
				reached = append(reached, name)
			}
		}
		if len(reached) != links {
			t.Errorf("%s: the keyboard reached %d of the map's %d countries: %q", lang, len(reached), links, reached)
		}
		for _, n := range reached {
			if n == "(no name)" || !strings.Contains(n, ":") {
				t.Errorf("%s: a country on the map is named %q", lang, n)
			}
		}
		// Follow the first country: only its partners are shown.
		href := browsertest.Eval[string](t, ctx, `document.querySelector("svg.worldmap a").getAttribute("href")`)
		open(t, ctx, host.URL+"/"+lang+"/partners/"+href, 1280)
		code := strings.TrimPrefix(href, "#f-")
		shown := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".partners > li")].filter(li => li.offsetParent !== null).map(li => li.className)`)
		if len(shown) == 0 {
			t.Errorf("%s: following %s shows no partner", lang, href)
		}
		for _, c := range shown {
			if !strings.Contains(" "+c+" ", " c-"+code+" ") {
				t.Errorf("%s: following %s still shows a partner of class %q", lang, href, c)
			}
		}
	}
}
