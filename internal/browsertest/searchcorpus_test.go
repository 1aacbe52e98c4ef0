package browsertest_test

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/corpus"
	"github.com/alaqsa-ira/site/internal/search"
	"github.com/chromedp/chromedp"
)

// corpusSite builds the office site with n generated announcements per
// language into a folder and returns it.
func corpusSite(t testing.TB, n int) string {
	t.Helper()
	m, err := corpus.Generate(os.DirFS("../.."), n)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	_, err = build.Run(context.Background(), build.Options{
		Source: m, Dest: dir, BaseURL: "http://127.0.0.1/", Now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// readIndex reads the search index of a language from a built site.
func readIndex(t testing.TB, dir, lang string) *search.Reader {
	t.Helper()
	root := filepath.Join(dir, lang, "search")
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.ReadIndex(files["index.json"], files)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// excerpts returns the text each page of an index shows, by address.
func excerpts(t testing.TB, r *search.Reader) map[string]string {
	t.Helper()
	out := map[string]string{}
	for i := range r.Len() {
		d, err := r.Doc(i)
		if err != nil {
			t.Fatal(err)
		}
		out[d.URL] = d.Text
	}
	return out
}

// oracle answers a query from a built index in Go, as the page script
// must: the addresses of the results in order.
func oracle(t testing.TB, r *search.Reader, q string) []string {
	t.Helper()
	score := map[int]int{}
	terms := slices.Compact(slices.Sorted(slices.Values(search.Terms(q))))
	for i, term := range terms {
		for _, id := range r.Find(term) {
			if score[id] == i { // in every term so far
				score[id]++
			}
		}
	}
	title := map[int]int{}
	var ids []int
	for id, n := range score {
		if n == len(terms) {
			ids = append(ids, id)
			for _, term := range terms {
				if slices.Contains(r.InTitle(term), id) {
					title[id]++
				}
			}
		}
	}
	slices.SortFunc(ids, func(a, b int) int {
		if title[a] != title[b] {
			return title[b] - title[a]
		}
		return a - b
	})
	var out []string
	for _, id := range ids {
		d, err := r.Doc(id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d.URL)
	}
	return out
}

type shownResult struct {
	URL, Title, Snippet string
	Marks               []string
}

func searchPage(t *testing.T, ctx context.Context, host *browsertest.Host, lang, q string) ([]shownResult, string) {
	t.Helper()
	open(t, ctx, host.URL+"/"+lang+"/search/?q="+url.QueryEscape(q), 1280)
	browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the search finishing")
	return shown(t, ctx), browsertest.Eval[string](t, ctx, `document.querySelector(".search-status").textContent`)
}

func shown(t *testing.T, ctx context.Context) []shownResult {
	t.Helper()
	return browsertest.Eval[[]shownResult](t, ctx, `[...document.querySelectorAll(".search-results li")].map(li => ({
		URL: li.querySelector("a").pathname, Title: li.querySelector("a").textContent,
		Snippet: li.querySelector("p:last-child").textContent,
		Marks: [...li.querySelectorAll("p:last-child mark")].map(m => m.textContent)}))`)
}

func urls(rs []shownResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

// TestSearchOnAGeneratedCorpus searches a generated site of a few hundred
// announcements a language in the browser: the page script cuts and stems
// the shared test words as the builder does; a query finds the same with
// and without diacritics, and across the forms stemming joins; results
// come in the order the index gives (title matches first, then newer),
// ten at first and ten more on request; snippets are cut at spaces and
// mark the words found; a query fetches only a few files; and when a
// shard cannot be fetched the page says the results may be incomplete.
func TestSearchOnAGeneratedCorpus(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := corpusSite(t, 300)
	host := browsertest.Serve(t, dir)

	// The shared table of words, through the page script.
	open(t, ctx, host.URL+"/ar/search/", 1280)
	f, err := os.Open("../search/testdata/terms.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	cases := 0
	for sc.Scan() {
		in, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(in, "#") {
			continue
		}
		in = search.UnescapeCase(in)
		cases++
		got := browsertest.Eval[[]string](t, ctx, fmt.Sprintf("window.siteSearchTerms(%q)", in))
		if strings.Join(got, " ") != want || strings.Join(search.Terms(in), " ") != want {
			t.Errorf("the terms of %q: script %q, builder %q, table %q", in, got, search.Terms(in), want)
		}
	}
	if cases < 20 {
		t.Fatalf("only %d shared cases", cases)
	}

	index := map[string]*search.Reader{"ar": readIndex(t, dir, "ar"), "en": readIndex(t, dir, "en")}
	texts := map[string]map[string]string{"ar": excerpts(t, index["ar"]), "en": excerpts(t, index["en"])}
	for _, c := range []struct {
		lang  string
		query []string // the same query written differently
	}{
		{"ar", []string{"منحة الدكتوراه", "مِنْحَة الدُّكْتُوراه", "منح دكتوراه", "المنحة للدكتوراه", "منحـــة الدكتوراة"}},
		{"ar", []string{"الطلبة التعاون", "والطلبة بالتعاون", "الطَّلَبَة التَّعَاوُن"}},
		{"en", []string{"scholarship students", "Scholarships student", "SCHOLARSHIP STUDENTS"}},
		{"en", []string{"programme exchange", "programmes exchanges", "exchanging programme"}},
	} {
		want := oracle(t, index[c.lang], c.query[0])
		if len(want) < 12 {
			t.Fatalf("%s: %q finds only %d pages in the index", c.lang, c.query[0], len(want))
		}
		for _, q := range c.query {
			if got := oracle(t, index[c.lang], q); !slices.Equal(got, want) {
				t.Errorf("%s: the index finds %d pages for %q, %d for %q", c.lang, len(got), q, len(want), c.query[0])
			}
			host.SentTo()
			res, status := searchPage(t, ctx, host, c.lang, q)
			if !slices.Equal(urls(res), want[:10]) {
				t.Errorf("%s: %q shows %q, want %q", c.lang, q, urls(res), want[:10])
			}
			if !strings.Contains(status, digitsOf(c.lang, len(want))) {
				t.Errorf("%s: %q says %q, want %d results", c.lang, q, status, len(want))
			}
			checkFetched(t, host.SentTo(), c.lang, q)
			checkTitlesFirst(t, q, res)
			for _, r := range res {
				checkSnippet(t, texts[c.lang][r.URL], q, r)
			}
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".search-more"))); err != nil {
			t.Fatal(err)
		}
		browsertest.Poll(t, ctx, `document.querySelectorAll(".search-results li").length > 10`, "more results")
		if got := urls(shown(t, ctx)); !slices.Equal(got, want[:min(20, len(want))]) {
			t.Errorf("%s: more results of %q are %q, want %q", c.lang, c.query[0], got, want[:min(20, len(want))])
		}
	}

	// Offline, a query whose shards were never fetched says so.
	open(t, ctx, host.URL+"/ar/search/?q="+url.QueryEscape("منحة"), 1280)
	browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the search finishing")
	var workers []context.CancelFunc
	defer func() {
		for _, cancel := range workers {
			cancel()
		}
	}()
	setOffline(t, ctx, true, &workers)
	browsertest.Eval[bool](t, ctx, `(() => { document.querySelector(".search-status").textContent = ""; const f = document.querySelector("form.search"); f.querySelector("input").value = "زيارة العلاقات مؤتمر"; f.requestSubmit(); return true; })()`)
	browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the offline search finishing")
	note := browsertest.Eval[string](t, ctx, `(n => n.hidden ? "" : n.textContent)(document.querySelector(".search-note"))`)
	if !strings.Contains(note, "قد تكون النتائج ناقصة") {
		t.Errorf("offline, the page says %q", note)
	}
	setOffline(t, ctx, false, &workers)
}

func digitsOf(lang string, n int) string {
	s := fmt.Sprint(n)
	if lang != "ar" {
		return s
	}
	return strings.Map(func(r rune) rune { return r - '0' + '٠' }, s)
}

// checkFetched checks that a query fetched the manifest, at most a shard
// per term and a page file per result shown, and no more than 100 KB of
// them with the script.
func checkFetched(t *testing.T, sent map[string]int64, lang, q string) {
	t.Helper()
	shards, docs, total := 0, 0, int64(0)
	for p, n := range sent {
		switch {
		case strings.HasPrefix(p, "/"+lang+"/search/t/"):
			shards++
		case strings.HasPrefix(p, "/"+lang+"/search/d/"):
			docs++
		case p == "/"+lang+"/search/index.json", strings.HasPrefix(p, "/js/search."):
		default:
			continue
		}
		total += n
	}
	if terms := len(slices.Compact(slices.Sorted(slices.Values(search.Terms(q))))); shards > terms || docs > 10 || total > 100<<10 {
		t.Errorf("%s: %q fetched %d shards for %d terms, %d page files, %d bytes: %v", lang, q, shards, terms, docs, total, sent)
	}
}

// checkTitlesFirst checks that results with more of the query's words in
// their titles come before those with fewer.
func checkTitlesFirst(t *testing.T, q string, res []shownResult) {
	t.Helper()
	want := map[string]bool{}
	for _, term := range search.Terms(q) {
		want[term] = true
	}
	last := len(want)
	for _, r := range res {
		n := 0
		for _, term := range slices.Compact(slices.Sorted(slices.Values(search.Terms(r.Title)))) {
			if want[term] {
				n++
			}
		}
		if n > last {
			t.Errorf("%q: %s, with %d of its words in the title, comes after one with %d", q, r.URL, n, last)
		}
		last = n
	}
}

// checkSnippet checks that a result's snippet is a run of whole words of
// the text the page shows in results, and that what it marks are words of
// the query.
func checkSnippet(t *testing.T, text, q string, r shownResult) {
	t.Helper()
	s := strings.TrimSuffix(strings.TrimPrefix(r.Snippet, "…"), "…")
	i := strings.Index(text, s)
	if s == "" || i < 0 {
		t.Errorf("%s: the snippet %q is not in the page's text %q", r.URL, r.Snippet, text)
		return
	}
	before, after := text[:i], strings.TrimSuffix(text[i+len(s):], "…")
	if before != "" && (!strings.HasPrefix(r.Snippet, "…") || !unicode.IsSpace(lastRune(before))) {
		t.Errorf("%s: the snippet starts inside a word: …%q|%q", r.URL, before[max(0, len(before)-10):], s[:min(len(s), 20)])
	}
	if after != "" && (!strings.HasSuffix(r.Snippet, "…") || !unicode.IsSpace(firstRune(after))) {
		t.Errorf("%s: the snippet ends inside a word: %q|%q", r.URL, s[max(0, len(s)-20):], after[:min(len(after), 10)])
	}
	want := map[string]bool{}
	for _, term := range search.Terms(q) {
		want[term] = true
	}
	has := slices.ContainsFunc(search.Terms(text), func(term string) bool { return want[term] })
	if has && len(r.Marks) == 0 {
		t.Errorf("%s: the snippet %q marks nothing of %q", r.URL, r.Snippet, q)
	}
	for _, m := range r.Marks {
		if terms := search.Terms(m); len(terms) != 1 || !want[terms[0]] {
			t.Errorf("%s: the snippet marks %q, not a word of %q", r.URL, m, q)
		}
	}
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return ' '
	}
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return ' '
}
