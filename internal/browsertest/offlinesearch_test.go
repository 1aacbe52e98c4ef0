package browsertest_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/corpus"
	"github.com/alaqsa-ira/site/internal/search"
)

// TestSearchRunOnlineAnswersOffline runs a search online on a page the
// service worker controls, then offline: the search page opens from the
// cache and the same query gives the same results from the kept manifest,
// shards and page files, without the "incomplete" notice; a query with a
// word whose shard was never fetched says, in Arabic, that its results
// may be incomplete, and nothing reaches the host.
func TestSearchRunOnlineAnswersOffline(t *testing.T) {
	ctx := browsertest.Start(t)
	src, err := corpus.Generate(os.DirFS("../.."), 80)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	buildInto(t, src, dir)
	host := browsertest.Serve(t, dir)
	var workers []context.CancelFunc
	t.Cleanup(func() {
		for _, cancel := range workers {
			cancel()
		}
	})

	// The query, and a word of the site in a shard the query does not
	// fetch.
	const query = "منحة الدكتوراه"
	var manifest struct{ S int }
	b, err := os.ReadFile(filepath.Join(dir, "ar", "search", "index.json"))
	if err == nil {
		err = json.Unmarshal(b, &manifest)
	}
	if err != nil || manifest.S < 2 {
		t.Fatalf("the Arabic index has %d shards (%v): the test needs two", manifest.S, err)
	}
	index := readIndex(t, dir, "ar")
	want := oracle(t, index, query)
	if len(want) == 0 {
		t.Fatalf("%q finds nothing in the index", query)
	}
	var fetched []int
	for _, term := range search.Terms(query) {
		fetched = append(fetched, search.Shard(term, manifest.S))
	}
	other := ""
	for _, w := range strings.Fields("مؤتمر زيارة اتفاقية التدريب الماجستير مشروع التمويل الخريجين التنقل الكلية") {
		term := search.Terms(w)[0]
		if !slices.Contains(fetched, search.Shard(term, manifest.S)) && len(index.Find(term)) > 0 {
			other = w
			break
		}
	}
	if other == "" {
		t.Fatal("no word of the site in a shard the query does not fetch")
	}

	submit := func(q string) {
		t.Helper()
		browsertest.Eval[bool](t, ctx, `(q => { document.querySelector(".search-status").textContent = "";
			const f = document.querySelector("form.search"); f.querySelector("input").value = q; f.requestSubmit(); return true; })(`+jsString(q)+`)`)
		browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the search of "+q+" finishing")
	}
	note := func() string {
		return browsertest.Eval[string](t, ctx, `(n => n.hidden ? "" : n.textContent)(document.querySelector(".search-note"))`)
	}
	status := func() string {
		return browsertest.Eval[string](t, ctx, `document.querySelector(".search-status").textContent`)
	}
	// Errors the page's script throws, from now on.
	watch := func() {
		browsertest.Eval[bool](t, ctx, `(window.errs = [], addEventListener("error", e => errs.push(e.message)),
			addEventListener("unhandledrejection", e => errs.push(String(e.reason))), true)`)
	}

	// Online, on a page the worker controls.
	open(t, ctx, host.URL+"/ar/search/", 375)
	pollAwait(t, ctx, `navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)`, "the worker taking control")
	submit(query)
	online := urls(shown(t, ctx))
	if !slices.Equal(online, want[:min(10, len(want))]) {
		t.Fatalf("online, %q shows %q, want %q", query, online, want)
	}
	onlineStatus := status()
	if n := note(); n != "" {
		t.Errorf("online, %q says %q", query, n)
	}
	// The manifest is saved once its answer has gone to the page.
	pollAwait(t, ctx, `caches.match(new URL("/ar/search/index.json", location.href).href).then(r => !!r)`, "the manifest being saved")

	// Offline: the search page from the cache, the same query.
	setOffline(t, ctx, true, &workers)
	host.Requests()
	open(t, ctx, host.URL+"/ar/search/?q="+url.QueryEscape(query), 375)
	if browsertest.Eval[bool](t, ctx, `document.querySelector(".saved-notice").hidden`) {
		t.Error("offline, the search page is not the saved copy")
	}
	watch()
	browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the offline search finishing")
	if got := urls(shown(t, ctx)); !slices.Equal(got, online) {
		t.Errorf("offline, %q shows %q, online %q", query, got, online)
	}
	if got := status(); got != onlineStatus {
		t.Errorf("offline, %q says %q, online %q", query, got, onlineStatus)
	}
	if n := note(); n != "" {
		t.Errorf("offline, %q, all of whose files were fetched online, says %q", query, n)
	}

	// A word whose shard was never fetched, alone and with a word whose
	// shard was: the results may be incomplete, and the page says so.
	for _, q := range []string{other, "منحة " + other} {
		submit(q)
		if n := note(); !strings.Contains(n, "قد تكون النتائج ناقصة") {
			t.Errorf("offline, %q (%q never fetched) says %q, want the incomplete notice", q, other, n)
		}
	}
	if errs := browsertest.Eval[[]string](t, ctx, `errs`); len(errs) > 0 {
		t.Errorf("offline, the search page threw %q", errs)
	}
	for _, p := range host.Requests() {
		if p != "/sw.js" {
			t.Errorf("offline, the host was asked for %s", p)
		}
	}

	// A build with one more page (an English one: the Arabic index stays
	// the same) brings a new worker, whose clean-up keeps the files the
	// saved manifest names.
	setOffline(t, ctx, false, &workers)
	src["content/announcements/zz-rebuilt.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"A page the first build did not have\"\ndate: 2026-11-28\n---\nNew.\n")}
	buildInto(t, src, dir)
	if got := await[string](t, ctx, `navigator.serviceWorker.getRegistration().then(r => { const old = r.active;
		return r.update().then(() => new Promise(ok => { const w = r.installing || r.waiting || r.active;
			if (w == old) return ok("no new worker");
			const done = () => w.state == "activated" && ok("activated"); w.addEventListener("statechange", done); done(); })); })`); got != "activated" {
		t.Fatalf("after the rebuild: %s", got)
	}
	setOffline(t, ctx, true, &workers)
	open(t, ctx, host.URL+"/ar/search/?q="+url.QueryEscape(query), 375)
	browsertest.Poll(t, ctx, `document.querySelector(".search-status").textContent !== ""`, "the offline search finishing")
	if got := urls(shown(t, ctx)); !slices.Equal(got, online) {
		t.Errorf("offline after a new worker, %q shows %q, before %q", query, got, online)
	}
	if n := note(); n != "" {
		t.Errorf("offline after a new worker, %q says %q", query, n)
	}
}

// jsString writes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
