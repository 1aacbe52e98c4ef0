package browsertest_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/build"
	sitepkg "github.com/alaqsa-ira/site/internal/site"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// offlineSource is the office site as a file system the test can edit
// between builds.
func offlineSource(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	repo := os.DirFS("../..")
	for _, dir := range []string{"content", "data", "layouts", "static"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(repo, p)
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// edit replaces old with new in a file of src.
func edit(t *testing.T, src fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(src[file].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", file, old)
	}
	src[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func buildInto(t *testing.T, src fs.FS, dir string) {
	t.Helper()
	_, err := build.Run(context.Background(), build.Options{
		Source: src, Dest: dir, GitDates: map[string]time.Time{},
		BaseURL: "http://127.0.0.1/", Now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
}

// await evaluates a JavaScript expression that gives a promise.
func await[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// pollAwait evaluates a promise of a boolean until it is true, or fails
// after 15 seconds.
func pollAwait(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr, chromedp.EvalAwaitPromise)); err == nil && ok {
			return
		}
	}
	t.Fatalf("in the browser, %s did not happen (%s)", what, expr)
}

// emulateNetworkConditions is Network.emulateNetworkConditions, which
// cdproto no longer has (Network.emulateNetworkConditionsByRule, which
// replaced it, left the service worker online in Chromium 156); its
// parameters are those of Network.overrideNetworkState.
var emulateNetworkConditions = cdp.Command[network.OverrideNetworkStateParams, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

// setOffline switches the network off (or on) through the DevTools
// protocol, for the page and for the service worker, whose requests are
// its own target's.
//
// The sessions attached to the workers stay open until the network is
// switched on again: closing one ends its emulation.
func setOffline(t *testing.T, ctx context.Context, off bool, workers *[]context.CancelFunc) {
	t.Helper()
	emulate := chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, tg, emulateNetworkConditions, network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1})
		return chromedp.Void{}, err
	})
	if off {
		// A request through the worker wakes it, should the browser have
		// stopped it while idle, so that its target is there to take
		// offline.
		await[bool](t, ctx, `fetch(location.href).then(() => true)`)
	}
	if _, err := chromedp.Run(ctx, emulate); err != nil {
		t.Fatal(err)
	}
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !off {
		for _, cancel := range *workers {
			cancel()
		}
		*workers = nil
		return
	}
	for _, tg := range targets {
		if tg.Type != "service_worker" {
			continue
		}
		wctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(tg.TargetID))
		*workers = append(*workers, cancel)
		if _, err := chromedp.Run(wctx, emulate); err != nil {
			t.Fatalf("the worker's target: %v", err)
		}
	}
	if len(*workers) == 0 {
		t.Fatal("no service worker to take offline")
	}
}

// TestPagesReadOnlineOpenOffline goes through offline reading in one
// browser: pages visited online open offline with their "saved" notice in
// their language, a page never visited shows the offline page listing the
// saved ones, a rebuild's pages replace the saved ones at the next online
// visit and an expired announcement leaves the cache, and with the setting
// off the worker is unregistered and its caches emptied.
func TestPagesReadOnlineOpenOffline(t *testing.T) {
	ctx := browsertest.Start(t)
	src := offlineSource(t)
	dir := filepath.Join(t.TempDir(), "public")
	buildInto(t, src, dir)
	host := browsertest.Serve(t, dir)
	var workers []context.CancelFunc
	t.Cleanup(func() {
		for _, cancel := range workers {
			cancel()
		}
	})
	visit := func(path string) {
		t.Helper()
		open(t, ctx, host.URL+path, 375)
	}
	saved := func(path string) string {
		return fmt.Sprintf(`caches.open("pages /").then(c => c.match(%q)).then(r => !!r)`, host.URL+path)
	}

	// Online: the first page registers the worker, which saves it; pages
	// read once it controls them are saved as they are read.
	visit("/en/about/")
	pollAwait(t, ctx, `navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)`, "the worker taking control")
	for _, p := range []string{"/ar/about/", "/en/announcements/2026-new-mou/"} {
		visit(p)
		pollAwait(t, ctx, saved(p), p+" being saved")
	}
	pollAwait(t, ctx, saved("/en/about/"), "the first page being saved")
	if got := browsertest.Eval[bool](t, ctx, `document.querySelector(".saved-notice").hidden`); !got {
		t.Error("a page read online shows the saved notice")
	}

	// Offline: saved pages open with their notice, in their language.
	setOffline(t, ctx, true, &workers)
	host.Requests()
	s, errs := sitepkg.LoadData(src)
	if s == nil {
		t.Fatal(errs)
	}
	for _, c := range []struct{ path, lang, words string }{
		{"/en/about/", "en", "Saved on this device on "},
		{"/ar/about/", "ar", "محفوظة على جهازك منذ "},
	} {
		visit(c.path)
		notice := browsertest.Eval[string](t, ctx, `(e => e.hidden ? "" : e.textContent)(document.querySelector(".saved-notice"))`)
		loc := s.Config.Language(c.lang).Locale
		today, before := loc.Date(time.Now()), loc.Date(time.Now().Add(-10*time.Minute))
		if !strings.Contains(notice, c.words+today) && !strings.Contains(notice, c.words+before) {
			t.Errorf("%s offline: notice %q, want %q with %q", c.path, notice, c.words, today)
		}
		if h1 := browsertest.Eval[string](t, ctx, `document.querySelector("h1").textContent`); h1 == "" {
			t.Errorf("%s offline: no heading", c.path)
		}
	}
	// A page never read: the offline page, in both languages, listing
	// what was saved with each title's language and direction.
	visit("/en/partners/")
	if title := browsertest.Eval[string](t, ctx, `document.title`); !strings.Contains(title, "No connection") || !strings.Contains(title, "لا اتصال") {
		t.Errorf("a page never read shows %q offline, want the offline page", title)
	}
	browsertest.Poll(t, ctx, `document.querySelectorAll(".saved-pages a").length >= 3`, "the offline page listing saved pages")
	list := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".saved-pages a")].map(a => a.pathname + " " + a.lang + " " + a.dir + " " + a.closest("section").lang)`)
	for _, want := range []string{"/en/about/ en ltr en", "/ar/about/ ar rtl ar"} {
		if !strings.Contains(strings.Join(list, "\n"), want) {
			t.Errorf("the offline page lists %q, want %q among them", list, want)
		}
	}
	if dirs := browsertest.Eval[string](t, ctx, `[...document.querySelectorAll("main section")].map(s => s.lang + ":" + getComputedStyle(s).direction).join(" ")`); dirs != "ar:rtl en:ltr" {
		t.Errorf("the offline page's sections: %s, want ar:rtl en:ltr", dirs)
	}
	// The network was really off for the worker too. (The browser's own
	// check of the worker script for a new version, made by the browser
	// rather than by the page or the worker, may get through.)
	for _, p := range host.Requests() {
		if p != "/sw.js" {
			t.Errorf("offline, the host was asked for %s", p)
		}
	}

	// A rebuild: the changed page replaces the saved one at the first
	// online visit, and the expired announcement leaves the cache.
	setOffline(t, ctx, false, &workers)
	edit(t, src, "content/about.en.md", "Read our [vision", "Rebuilt: a sentence the first build did not have. Read our [vision")
	for _, lang := range []string{"ar", "en"} {
		edit(t, src, "content/announcements/2026-new-mou."+lang+".md", "date: 2026-10-28\n", "date: 2026-10-28\nexpiryDate: 2026-11-20\n")
	}
	buildInto(t, src, dir)
	visit("/en/about/")
	if body := browsertest.Eval[string](t, ctx, `document.body.textContent`); !strings.Contains(body, "Rebuilt: a sentence") {
		t.Error("online after the rebuild, the page is not the new one")
	}
	pollAwait(t, ctx, `caches.open("pages /").then(c => c.match(location.href)).then(r => r.text()).then(s => s.includes("Rebuilt: a sentence"))`, "the new page replacing the saved one")
	pollAwait(t, ctx, "("+saved("/en/announcements/2026-new-mou/")+").then(b => !b)", "the expired announcement leaving the cache")
	setOffline(t, ctx, true, &workers)
	visit("/en/about/")
	if body := browsertest.Eval[string](t, ctx, `document.body.textContent`); !strings.Contains(body, "Rebuilt: a sentence") {
		t.Error("offline after the rebuild, the saved page is the old one")
	}
	setOffline(t, ctx, false, &workers)

	// The setting off: the next visit unregisters the worker and empties
	// its caches.
	edit(t, src, "data/site.yaml", "\noffline: true\n", "\noffline: false\n")
	buildInto(t, src, dir)
	visit("/ar/about/")
	pollAwait(t, ctx, `navigator.serviceWorker.getRegistrations().then(r => r.length == 0)`, "the worker being unregistered")
	pollAwait(t, ctx, `caches.keys().then(k => k.length == 0)`, "the worker's caches being emptied")
}
