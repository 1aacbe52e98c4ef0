package browsertest_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// byteQueries are the queries whose bytes BenchmarkSearchBytes measures.
var byteQueries = []struct{ lang, q string }{
	{"ar", "منحة الدكتوراه"},
	{"ar", "التعاون الدولي"},
	{"ar", "برنامج التبادل"},
	{"ar", "مؤتمر"},
	{"en", "scholarship application"},
	{"en", "research cooperation"},
	{"en", "doctoral"},
}

// searchBudget is the most a query may fetch, compressed, before its first
// results show: the script, the manifest, the shards and the page files.
const searchBudget = 100 << 10

// BenchmarkSearchBytes builds the office site with 5,000 generated
// announcements a language, searches it in headless Chromium with an
// empty cache, and reports the bytes each query fetched until its first
// ten results showed, compressed as the test server sends them (gzip):
// search.js, the manifest, the shards and the page files. It fails above
// 100 KB. With PAGEFIND set to a pagefind binary (npm pagefind, for
// comparison only), it indexes the same announcements with Pagefind and
// measures the same queries through Pagefind's own script (pagefind.js:
// search, then the data of the first ten results), counting every file
// under /pagefind/ (its script, WebAssembly, entry, meta, index chunks and
// fragments; those Pagefind compresses itself are sent as they are).
//
//	go test ./internal/browsertest -run '^$' -bench SearchBytes -benchtime 1x
func BenchmarkSearchBytes(b *testing.B) {
	n := 5000
	if s := os.Getenv("SEARCH_CORPUS"); s != "" {
		fmt.Sscan(s, &n)
	}
	searchBytes(b, n, b.N, os.Getenv("PAGEFIND"), func(kb float64) { b.ReportMetric(kb, "KB-ar-2words") })
}

// TestSearchBytesOnTheFullCorpus holds every query of byteQueries to the
// budget on the corpus the budget is set for, 5,000 announcements a
// language (Pagefind is compared in the benchmark only).
func TestSearchBytesOnTheFullCorpus(t *testing.T) {
	searchBytes(t, 5000, 1, "", nil)
}

// searchBytes measures byteQueries rounds times on a corpus of n
// announcements a language, with Pagefind beside ours if pagefind names
// its binary, and fails above the budget (or when Pagefind fetches less).
// report, if set, gets the first Arabic query's kilobytes.
func searchBytes(b testing.TB, n, rounds int, pagefind string, report func(float64)) {
	ctx := browsertest.Start(b)
	dir := corpusSite(b, n)
	if pagefind != "" {
		cmd := exec.Command(pagefind, "--site", dir, "--glob", "*/announcements/*/index.html", "--root-selector", "main", "--output-subdir", "pagefind", "--quiet")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("pagefind: %v\n%s", err, out)
		}
		for _, lang := range []string{"ar", "en"} {
			page := `<!doctype html><html lang="` + lang + `"><meta charset="utf-8"><title>Pagefind</title><script type="module">
const pf = await import("/pagefind/pagefind.js");
const q = new URLSearchParams(location.search).get("q");
const r = await pf.search(q);
const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
window.found = r.results.length;
window.shown = data.map((d) => d.url);
</script></html>`
			if err := os.WriteFile(filepath.Join(dir, "pagefind-"+lang+".html"), []byte(page), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	host := browsertest.Serve(b, dir)
	clear := func() {
		_, err := chromedp.Run(ctx, chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
				return chromedp.Void{}, err
			}
			_, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{})
			return chromedp.Void{}, err
		}))
		if err != nil {
			b.Fatal(err)
		}
		host.SentTo()
	}
	sum := func(sent map[string]int64, keep func(string) bool) (int64, string) {
		var total int64
		var files []string
		for p, n := range sent {
			if keep(p) {
				total += n
				files = append(files, fmt.Sprintf("%s %d", p, n))
			}
		}
		sort.Strings(files)
		return total, strings.Join(files, ", ")
	}
	for i := 0; i < rounds; i++ {
		for _, c := range byteQueries {
			clear()
			if err := chromedp.Do(ctx, chromedp.Navigate(host.URL+"/"+c.lang+"/search/?q="+url.QueryEscape(c.q))); err != nil {
				b.Fatal(err)
			}
			browsertest.Poll(b, ctx, `document.querySelector(".search-status").textContent !== ""`, "the search finishing")
			results := browsertest.Eval[int](b, ctx, `document.querySelectorAll(".search-results li").length`)
			ours, files := sum(host.SentTo(), func(p string) bool {
				return strings.HasPrefix(p, "/js/search.") || strings.HasPrefix(p, "/"+c.lang+"/search/") && strings.HasSuffix(p, ".json")
			})
			line := fmt.Sprintf("%s %q: ours %.1f KB (%d results shown)", c.lang, c.q, float64(ours)/1024, results)
			if pagefind != "" {
				clear()
				if err := chromedp.Do(ctx, chromedp.Navigate(host.URL+"/pagefind-"+c.lang+".html?q="+url.QueryEscape(c.q))); err != nil {
					b.Fatal(err)
				}
				browsertest.Poll(b, ctx, `window.shown !== undefined`, "Pagefind finishing")
				shown := browsertest.Eval[int](b, ctx, `window.shown.length`)
				theirs, pfFiles := sum(host.SentTo(), func(p string) bool { return strings.HasPrefix(p, "/pagefind/") })
				line += fmt.Sprintf(", Pagefind %.1f KB (%d results shown)", float64(theirs)/1024, shown)
				if testing.Verbose() {
					b.Logf("Pagefind's files: %s", pfFiles)
				}
				if ours >= theirs {
					b.Errorf("%s %q: ours %d bytes, Pagefind %d", c.lang, c.q, ours, theirs)
				}
			}
			b.Log(line)
			if testing.Verbose() {
				b.Logf("our files: %s", files)
			}
			if ours > searchBudget || results == 0 {
				b.Errorf("%s %q: %d bytes (%s), %d results", c.lang, c.q, ours, files, results)
			}
			if i == 0 && c == byteQueries[0] && report != nil {
				report(float64(ours) / 1024)
			}
		}
	}
}
