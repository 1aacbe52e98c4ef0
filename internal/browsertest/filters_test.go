package browsertest_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/browsertest"
	sitepkg "github.com/alaqsa-ira/site/internal/site"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// shownPartners is the classes of the partners the page shows.
const shownPartners = `[...document.querySelectorAll("ul.partners > li")].filter(li => li.offsetParent !== null).map(li => li.className)`

// checkShown fails unless the page shows exactly the partners of want
// (classes every shown partner has, like c-DE or a-erasmus), and returns
// how many it shows.
func checkShown(t *testing.T, ctx context.Context, where string, want ...string) int {
	t.Helper()
	shown := browsertest.Eval[[]string](t, ctx, shownPartners)
	all := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("ul.partners > li")].map(li => li.className)`)
	wantN := 0
	for _, c := range all {
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(" "+c+" ", " "+w+" ")
		}
		if ok {
			wantN++
		}
	}
	if len(shown) != wantN {
		t.Errorf("%s: the page shows %d partners, want %d (those of %v): %q", where, len(shown), wantN, want, shown)
	}
	for _, c := range shown {
		for _, w := range want {
			if !strings.Contains(" "+c+" ", " "+w+" ") {
				t.Errorf("%s: a partner of class %q is shown, not of %s", where, c, w)
			}
		}
	}
	return len(shown)
}

// TestPartnerFiltersCombineWithJavaScript chooses a country (on the map,
// then in the list) and a kind of agreement on the partners page, in both
// languages: only the partners of both are shown, the live count says how
// many in the page's words and digits, the chosen links are marked, the
// address keeps the choice (opening it again gives the same list), and
// "all partners" shows them all again. Without JavaScript the links still
// filter, one at a time, by the page's :target rules.
func TestPartnerFiltersCombineWithJavaScript(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	s, errs := sitepkg.LoadData(os.DirFS("../.."))
	if s == nil {
		t.Fatal(errs)
	}
	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	countText := func(lang string, n int) string {
		t.Helper()
		p, err := s.Config.Language(lang).Locale.Plural("filterShown", n)
		if err != nil {
			t.Fatal(err)
		}
		return p.String()
	}
	for _, lang := range []string{"ar", "en"} {
		page := host.URL + "/" + lang + "/partners/"
		open(t, ctx, page, 1280)
		browsertest.Poll(t, ctx, `document.querySelector(".filter-count")?.textContent !== ""`, "the filters' script starting")
		total := len(browsertest.Eval[[]string](t, ctx, shownPartners))
		if got, want := browsertest.Eval[string](t, ctx, `document.querySelector(".filter-count").textContent`), countText(lang, total); got != want {
			t.Errorf("%s: at first the count says %q, want %q", lang, got, want)
		}
		// A country, a kind of agreement some of its partners have and
		// other partners too (so that the list of both is shorter than
		// the kind's), and a kind none of its partners have.
		pick := browsertest.Eval[[]string](t, ctx, `(() => {
			const lis = [...document.querySelectorAll("ul.partners > li")];
			const n = (...cl) => lis.filter(li => cl.every(c => li.classList.contains(c))).length;
			const cs = [...document.querySelectorAll("svg.worldmap a")].map(a => a.getAttribute("href").slice(3));
			const as = [...document.querySelectorAll('.filters a[href^="#f-a-"]')].map(a => a.getAttribute("href").slice(5));
			for (const c of cs) for (const a of as) for (const b of as)
				if (n("c-" + c, "a-" + a) > 0 && n("c-" + c, "a-" + a) < n("a-" + a) && n("c-" + c, "a-" + b) === 0) return [c, a, b];
			return []; })()`)
		if len(pick) != 3 {
			t.Fatalf("%s: the sample partners have no country and kinds of agreement to try the filters with", lang)
		}
		c, a, b := pick[0], pick[1], pick[2]
		do(chromedp.Click(chromedp.CSS(`svg.worldmap a[href="#f-` + c + `"]`)))
		checkShown(t, ctx, lang+", the map's "+c, "c-"+c)
		do(chromedp.Click(chromedp.CSS(`.filters a[href="#f-a-` + a + `"]`)))
		where := fmt.Sprintf("%s, %s and %s", lang, c, a)
		n := checkShown(t, ctx, where, "c-"+c, "a-"+a)
		if got, want := browsertest.Eval[string](t, ctx, `document.querySelector(".filter-count").textContent`), countText(lang, n); got != want {
			t.Errorf("%s: the count says %q, want %q", where, got, want)
		}
		if got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll('.filters a[aria-current]')].map(a => a.getAttribute("href"))`); strings.Join(got, " ") != "#f-"+c+" #f-a-"+a {
			t.Errorf("%s: the links marked chosen are %q", where, got)
		}
		if got := browsertest.Eval[string](t, ctx, `document.querySelector("svg.worldmap a[aria-current]")?.getAttribute("href") ?? ""`); got != "#f-"+c {
			t.Errorf("%s: the country marked on the map is %q", where, got)
		}
		hash := browsertest.Eval[string](t, ctx, `location.hash`)
		if hash != "#f-"+c+"-a-"+a {
			t.Errorf("%s: the address ends in %q", where, hash)
		}
		for _, v := range axeViolations(t, ctx) {
			t.Errorf("%s: %s", where, v)
		}
		// Another kind: none of the country's partners has it.
		do(chromedp.Click(chromedp.CSS(`.filters a[href="#f-a-` + b + `"]`)))
		where = fmt.Sprintf("%s, %s and %s", lang, c, b)
		checkShown(t, ctx, where, "c-"+c, "a-"+b)
		if got, want := browsertest.Eval[string](t, ctx, `document.querySelector(".filter-count").textContent`), countText(lang, 0); got != want {
			t.Errorf("%s: the count says %q, want %q", where, got, want)
		}
		do(chromedp.Click(chromedp.CSS(`.filters a[href="#f-a-` + a + `"]`)))
		// Choosing the country in the list again lets it go.
		do(chromedp.Click(chromedp.CSS(`.filters a[href="#f-` + c + `"]`)))
		checkShown(t, ctx, lang+", "+a+" alone", "a-"+a)
		do(chromedp.Click(chromedp.CSS(`.filters .show-all`)))
		if got := len(browsertest.Eval[[]string](t, ctx, shownPartners)); got != total {
			t.Errorf("%s: after 'all partners', %d of %d partners are shown", lang, got, total)
		}
		if got, want := browsertest.Eval[string](t, ctx, `document.querySelector(".filter-count").textContent`), countText(lang, total); got != want {
			t.Errorf("%s: after 'all partners' the count says %q, want %q", lang, got, want)
		}
		if h := browsertest.Eval[string](t, ctx, `location.hash`); h != "" {
			t.Errorf("%s: after 'all partners' the address ends in %q", lang, h)
		}
		// The shared address gives the same list.
		open(t, ctx, "about:blank", 1280)
		open(t, ctx, page+hash, 375)
		browsertest.Poll(t, ctx, `document.querySelector(".filter-count")?.textContent !== ""`, "the filters' script starting")
		checkShown(t, ctx, lang+", opening "+hash, "c-"+c, "a-"+a)
	}

	// Without JavaScript, each link filters by itself.
	if _, err := chromedp.Run(ctx, chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return chromedp.Void{}, err
	})); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ar", "en"} {
		open(t, ctx, "about:blank", 1280)
		open(t, ctx, host.URL+"/"+lang+"/partners/", 1280)
		if browsertest.Eval[int](t, ctx, `document.querySelectorAll(".filter-target").length`) == 0 || browsertest.Eval[bool](t, ctx, `!!document.querySelector(".filter-count")`) {
			t.Fatalf("%s: the filters' script ran with JavaScript disabled", lang)
		}
		for _, sel := range []string{`.filters a[href^="#f-a-"]`, `svg.worldmap a`} {
			href := browsertest.Eval[string](t, ctx, `document.querySelector('`+sel+`').getAttribute("href")`)
			do(chromedp.Click(chromedp.CSS(sel)))
			class := strings.TrimPrefix(href, "#f-")
			if !strings.HasPrefix(class, "a-") {
				class = "c-" + class
			}
			if checkShown(t, ctx, lang+", without JavaScript, "+href, class) == 0 {
				t.Errorf("%s: without JavaScript, %s shows no partner", lang, href)
			}
		}
	}
}

// axeViolations runs axe-core (AXE_PATH) on the page as it is, and returns
// what it finds wrong; none when AXE_PATH is not set (the whole site is
// checked by TestNoAccessibilityViolations, which says so).
func axeViolations(t *testing.T, ctx context.Context) []string {
	t.Helper()
	axe := os.Getenv("AXE_PATH")
	if axe == "" {
		return nil
	}
	script, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(script))); err != nil {
		t.Fatalf("loading axe-core: %v", err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ")))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	return found
}
