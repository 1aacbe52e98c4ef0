package browsertest_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// editorSpellings are addresses of the web editor's folder as a static
// host maps them (percent-decoded once, dot segments and repeated slashes
// resolved, query and fragment dropped), and spellings a host might map to
// it (a case-insensitive file system, a second decoding): the worker
// leaves them all to the network.
var editorSpellings = []string{
	"/admin/", "/admin", "/admin/index.html", "/admin/config.yml", "/admin/?x=1", "/admin/#top",
	"/%61dmin/", "/%61dmin/config.yml", "/%61%64%6d%69%6e/", "/%2561dmin/",
	"/ADMIN/", "/%41DMIN/", "/Admin/config.yml",
	"/en/../admin/", "/en/%2e%2e/admin/", "/en/..%2Fadmin/", "/en/..%2fadmin/", "/en/..%5Cadmin/", "/en/.%2E/admin/",
	"/./admin/", "//admin/", "///admin//config.yml", "/%2Fadmin/", "/admin%2Fconfig.yml", "/admin/./", "/admin/x/../",
}

// answered opens url offline and reports whether the worker answered:
// the browser fails with net::ERR_INTERNET_DISCONNECTED on an address the
// worker leaves to the network, and opens what the worker gives (a saved
// page, the offline page, a saved file as a download) otherwise.
func answered(t *testing.T, ctx context.Context, url string) bool {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Navigate(url))
	return err == nil || !strings.Contains(err.Error(), "ERR_INTERNET_DISCONNECTED")
}

// cachedBodies returns the addresses of the responses the worker saved,
// in any of its caches, whose body is one of texts.
const cachedBodies = `(async texts => { const found = [];
	for (const n of await caches.keys()) { const c = await caches.open(n);
		for (const q of await c.keys()) if (texts.includes(await (await c.match(q)).text())) found.push(n + " " + q.url); }
	return found; })`

// TestWorkerLeavesTheEditorToTheNetworkHoweverSpelt checks that the
// offline worker neither saves nor answers the web editor's folder,
// however its address is spelt, while it still answers the site's pages
// spelt in the same ways.
func TestWorkerLeavesTheEditorToTheNetworkHoweverSpelt(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := filepath.Join(t.TempDir(), "public")
	buildInto(t, offlineSource(t), dir)
	host := browsertest.Serve(t, dir)
	var workers []context.CancelFunc
	t.Cleanup(func() {
		for _, cancel := range workers {
			cancel()
		}
	})
	var editor []string
	for _, f := range []string{"admin/index.html", "admin/config.yml"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		editor = append(editor, string(b))
	}

	open(t, ctx, host.URL+"/en/about/", 375)
	pollAwait(t, ctx, `navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)`, "the worker taking control")
	// Online, through the worker (fetched from a page it controls, so as
	// not to run the editor, which loads its code from another site).
	host.Requests()
	for _, s := range editorSpellings {
		await[int](t, ctx, `fetch(`+jsString(host.URL+s)+`).then(r => r.status)`)
	}
	if got, want := len(host.Requests()), len(editorSpellings); got != want {
		t.Errorf("the host was asked %d times for %d spellings of the editor", got, want)
	}
	// A page fetched after them is saved: their own saving, if any, has
	// had its time.
	await[int](t, ctx, `fetch("/en/contact/").then(r => r.status)`)
	pollAwait(t, ctx, `caches.open("pages /").then(c => c.match(location.origin + "/en/contact/")).then(r => !!r)`, "a page being saved")
	if found := await[[]string](t, ctx, cachedBodies+"("+jsStrings(editor)+")"); len(found) > 0 {
		t.Errorf("the worker saved the editor's files: %q", found)
	}

	// Offline: the worker answers the site's pages however spelt (the
	// offline page for those never read), and never the editor.
	setOffline(t, ctx, true, &workers)
	for _, s := range []string{"/en/partners/", "/en//partners/", "/%65n/partners/", "/ar/../en/partners/", "/en/partners/?q=1", "/admin-notes/"} {
		if !answered(t, ctx, host.URL+s) {
			t.Errorf("offline, the worker does not answer %s", s)
		}
	}
	for _, s := range editorSpellings {
		if answered(t, ctx, host.URL+s) {
			t.Errorf("offline, the worker answers %s (%s)", s, browsertest.Eval[string](t, ctx, `document.title`))
		}
	}
}

// TestEditorsFilesAreFetchedFreshAndFingerprintsKept checks which files
// the worker keeps without asking the host again: only the build's own
// fingerprinted files (a stylesheet, a photo's derivative), never an
// editor's file whose name looks like one (a dated report, digits or hex
// between dots), which a new version on the host replaces at the next
// visit online, even over a copy an older worker kept, and which still
// opens offline.
func TestEditorsFilesAreFetchedFreshAndFingerprintsKept(t *testing.T) {
	ctx := browsertest.Start(t)
	src := offlineSource(t)
	uploads := []string{"files/report-20260101.pdf", "files/report.20260101.pdf", "files/print.0123abcd.css", "files/notes.0123456789abcdef0123.txt"}
	for _, f := range uploads {
		src["static/"+f] = &fstest.MapFile{Data: []byte(upload(f, "the first version of "+f+"\n"))}
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
	var kept []string // the build's fingerprinted files
	fingerprinted := regexp.MustCompile(`^(css/site\.[0-9a-f]{8}\.css|.*/meeting-[0-9]+\.[0-9a-f]{12}\.webp)$`)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		if err == nil && fingerprinted.MatchString(filepath.ToSlash(rel)) {
			kept = append(kept, "/"+filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil || len(kept) < 2 {
		t.Fatalf("the build's fingerprinted files: %q (%v)", kept, err)
	}
	fetchText := func(p string) string {
		t.Helper()
		return await[string](t, ctx, `fetch(`+jsString(p)+`).then(r => r.ok ? r.text() : "status " + r.status, e => "error " + e)`)
	}

	open(t, ctx, host.URL+"/en/about/", 375)
	pollAwait(t, ctx, `navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)`, "the worker taking control")
	for _, f := range append(uploads, kept...) {
		fetchText("/" + strings.TrimPrefix(f, "/"))
	}
	for _, f := range kept {
		pollAwait(t, ctx, `caches.open("assets /").then(c => c.match(location.origin + `+jsString(f)+`)).then(r => !!r)`, f+" being kept")
	}
	for _, f := range uploads {
		pollAwait(t, ctx, `caches.open("pages /").then(c => c.match(location.origin + "/`+f+`")).then(r => !!r)`, f+" being saved")
	}
	if found := await[[]string](t, ctx, `caches.open("assets /").then(c => c.keys()).then(k => k.map(q => new URL(q.url).pathname))`); len(found) > 0 {
		for _, f := range uploads {
			if strings.Contains(strings.Join(found, " "), f) {
				t.Errorf("the worker keeps the editor's %s as a fingerprinted file", f)
			}
		}
	}

	// As an older worker did, which kept any name that looked
	// fingerprinted: unchecked copies of the editor's files and of the
	// build's among the kept files.
	await[bool](t, ctx, `caches.open("assets /").then(async c => { for (const f of `+jsStrings(uploads)+`)
		await c.put(location.origin + "/" + f, new Response("a copy an older worker kept"));
		for (const f of `+jsStrings(kept)+`) { const r = await c.match(location.origin + f);
			await c.put(location.origin + f, new Response(await r.arrayBuffer(), {headers: {"content-type": r.headers.get("content-type")}})); }
		return true; })`)

	// The editor replaces the files: the next visit online gets the new
	// versions, and asks the host for them; the build's fingerprinted files
	// come from the worker's cache.
	for _, f := range uploads {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f)), []byte(upload(f, "the second version of "+f+"\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	host.Requests()
	for _, f := range uploads {
		if got := fetchText("/" + f); got != upload(f, "the second version of "+f+"\n") {
			t.Errorf("online, after the file changed on the host, %s gives %q", f, got)
		}
	}
	for _, f := range kept {
		if got := fetchText(f); strings.HasPrefix(got, "status") || strings.HasPrefix(got, "error") {
			t.Errorf("online, %s: %s", f, got)
		}
	}
	asked := " " + strings.Join(host.Requests(), " ") + " "
	for _, f := range uploads {
		if !strings.Contains(asked, " /"+f+" ") {
			t.Errorf("online, the host was not asked for %s", f)
		}
	}
	for _, f := range kept {
		if strings.Contains(asked, " "+f+" ") {
			t.Errorf("online, the host was asked again for the fingerprinted %s", f)
		}
	}

	// Offline: the editor's files as last fetched, the fingerprinted ones
	// as kept.
	for _, f := range uploads {
		pollAwait(t, ctx, `caches.open("pages /").then(c => c.match(location.origin + "/`+f+`")).then(r => r.text()).then(s => s.includes("the second"))`, f+" being saved again")
	}
	setOffline(t, ctx, true, &workers)
	for _, f := range uploads {
		if got := fetchText("/" + f); got != upload(f, "the second version of "+f+"\n") {
			t.Errorf("offline, %s gives %q", f, got)
		}
	}
	for _, f := range kept {
		if got := fetchText(f); strings.HasPrefix(got, "status") || strings.HasPrefix(got, "error") {
			t.Errorf("offline, %s: %s", f, got)
		}
	}
}

// jsStrings writes a JavaScript array of strings.
func jsStrings(s []string) string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = jsString(v)
	}
	return "[" + strings.Join(out, ",") + "]"
}

// upload is the text of an editor's file named f: a PDF starts as PDFs
// do, since the build publishes only files whose bytes are what their
// names say (package filekind); a stylesheet is a comment.
func upload(f, text string) string {
	switch {
	case strings.HasSuffix(f, ".pdf"):
		return "%PDF-1.4 " + text
	case strings.HasSuffix(f, ".css"):
		return "/* " + strings.TrimSuffix(text, "\n") + " */\n"
	}
	return text
}
