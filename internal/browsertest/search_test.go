package browsertest_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/isolate"
)

// TestSearchFindsAddressesNumbersAndEveryWord searches the office site for
// what a reader copies from a page: an e-mail address, with or without
// the punctuation around it, a phone number, a Latin name, a number in
// either digits, and a word near the end of a page.
func TestSearchFindsAddressesNumbersAndEveryWord(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	results := func(lang, q string) string {
		open(t, ctx, host.URL+"/"+lang+"/search/?q="+url.QueryEscape(q), 1280)
		browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the search finishing")
		return browsertest.Eval[string](t, ctx, `[...document.querySelectorAll(".search-results a")].map(a => a.pathname).join(" ")`)
	}
	erasmus := "/announcements/2026-erasmus-staff-mobility/"
	for _, c := range []struct{ lang, q string }{
		{"en", "ira@alaqsa.edu.ps"},
		{"en", "ira@alaqsa.edu.ps,"},
		{"en", "(ira@alaqsa.edu.ps)"},
		{"ar", "ira@alaqsa.edu.ps"},
		{"ar", "«ira@alaqsa.edu.ps»"},
		{"en", "+970 8 000 0000"},
		{"ar", "+970 8 000 0000"},
		{"ar", "Erasmus+ KA171"},
		{"ar", "ربيع 2027"},
		{"ar", "ربيع ٢٠٢٧"},
		{"en", "dean"},
	} {
		if got := results(c.lang, c.q); !strings.Contains(got, "/"+c.lang+erasmus) {
			t.Errorf("%s: searching %q finds %q", c.lang, c.q, got)
		}
	}
}

// TestSearchResultsIsolateLikeThePages checks that the script wraps the
// Latin runs of Arabic results as the pages do, and that its port of the
// rule finds the runs internal/isolate finds.
func TestSearchResultsIsolateLikeThePages(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	open(t, ctx, host.URL+"/ar/search/?q="+url.QueryEscape("Erasmus+"), 1280)
	browsertest.Poll(t, ctx, `document.querySelectorAll(".search-results li").length > 0`, "results")
	runs := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".search-results h2 span[dir=ltr][lang=en]")].map(s => s.textContent)`)
	if !slicesContain(runs, "Erasmus+") {
		t.Errorf("the results' titles isolate %q, want Erasmus+ among them", runs)
	}
	loose := browsertest.Eval[[]string](t, ctx, `(() => {
		const out = [];
		const walk = (n) => {
			for (const c of n.childNodes) {
				if (c.nodeType === Node.TEXT_NODE) { if (/[A-Za-z]/.test(c.data) && !c.parentElement.closest("[dir=ltr]")) out.push(c.data); }
				else walk(c);
			}
		};
		walk(document.querySelector(".search-results"));
		walk(document.querySelector(".search-status"));
		return out;
	})()`)
	if len(loose) > 0 {
		t.Errorf("Latin text in the results is not isolated: %q", loose)
	}
	for _, s := range []string{
		"برنامج Erasmus+ للتنقل", "أضف إلى تقويمي (.ics)", "اكتب إلى ira@alaqsa.edu.ps الآن", "هاتف +970 8 264 1881 للاستفسار",
		"برنامج KA171 و C++ و PDF و X-2027", "(Erasmus+ KA171) ثم https://example.org/a?b=1#c.", "ملف .pdf و #Erasmus و @alaqsa_ira و ~/site و انتهى.Erasmus و 12.ics", "٢٠٢٧ و 3.5 و ١٢ ٣٤", "كلمة", "",
	} {
		js := browsertest.Eval[[][]any](t, ctx, fmt.Sprintf("window.siteIsolateRuns(%q)", s))
		var got []string
		for _, r := range js {
			got = append(got, fmt.Sprintf("%v %v", r[0], r[1]))
		}
		var want []string
		for _, r := range isolate.Runs(s) {
			want = append(want, fmt.Sprintf("%v %v", s[r.Start:r.End], r.Latin))
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: the script isolates %q, the pages %q", s, got, want)
		}
	}
	for _, s := range []string{"The office of جامعة الأقصى in Gaza", "Call (منحة ٢٠٢٧) now", "plain"} {
		js := browsertest.Eval[[][]any](t, ctx, fmt.Sprintf("window.siteIsolateRTLRuns(%q)", s))
		var got, want []string
		for _, r := range js {
			got = append(got, fmt.Sprint(r[0]))
		}
		for _, r := range isolate.RTLRuns(s) {
			want = append(want, s[r.Start:r.End])
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: the script isolates %q, the pages %q", s, got, want)
		}
	}
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
