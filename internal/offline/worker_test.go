package offline_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/offline"
	"github.com/chromedp/chromedp"
)

// testWorker is a worker at /ira/ that leaves the editor's folder to the
// network.
func testWorker() *offline.Worker {
	return &offline.Worker{Base: "/ira/", Default: "en", Langs: map[string]offline.Lang{"en": {Pattern: "{day} {month} {year}"}},
		Assets: []string{"css/site.3f2a9c1e.css"}, Pages: []string{"en/", "ar/"}, Skip: []string{"admin/"}, Files: []string{"en/", "ar/"}}
}

// TestScriptNeverNamesTheSkippedFolders checks that nothing in a folder
// the worker leaves to the network, however its name is cased, is saved
// at install or listed, while pages of the same name elsewhere are.
func TestScriptNeverNamesTheSkippedFolders(t *testing.T) {
	w := testWorker()
	in := []string{"admin/", "admin/config.yml", "Admin/notes.json", "ADMIN/x/index.html", "admin"}
	kept := []string{"en/admin/", "admin.json", "administration/", "admin-notes.json"}
	w.Files = append(append(w.Files, in...), kept...)
	w.Pages = append(append(w.Pages, in...), kept...)
	w.Assets = append(w.Assets, "admin/site.0123abcd.css")
	script, list := w.Script()
	var l struct{ Files []string }
	var c struct{ Pages, Assets []string }
	settings, _, _ := strings.Cut(strings.TrimPrefix(string(script), "const C="), ";\n")
	if err := json.Unmarshal(list, &l); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(settings), &c); err != nil {
		t.Fatal(err)
	}
	listed, saved := " "+strings.Join(l.Files, " ")+" ", " "+strings.Join(c.Pages, " ")+" "
	for _, f := range in {
		if strings.Contains(listed, " "+f+" ") || strings.Contains(saved, " /ira/"+f+" ") {
			t.Errorf("%s is listed or saved at install: %s %s", f, listed, saved)
		}
	}
	if strings.Join(c.Assets, " ") != "/ira/css/site.3f2a9c1e.css /ira/offline.html" {
		t.Errorf("the worker keeps %q at install", c.Assets)
	}
	for _, f := range kept {
		if !strings.Contains(listed, " "+f+" ") || !strings.Contains(saved, " /ira/"+f+" ") {
			t.Errorf("%s is not listed and saved at install: %s %s", f, listed, saved)
		}
	}
}

// TestWorkerDecidesOnThePathAHostServes runs the worker's decisions in
// Chromium: the path a static host serves at an address, whether the
// worker answers for it at all, and the hash a name carries, which the
// worker then checks against the file's bytes.
func TestWorkerDecidesOnThePathAHostServes(t *testing.T) {
	ctx := browsertest.Start(t)
	script, _ := testWorker().Script()
	// The worker's code, run in a page as it would run at
	// http://127.0.0.1:8000/ira/sw.js, giving its functions.
	fns := `new Function("self", "location", ` + jsString(string(script)+"\nreturn {path, ours, hash};") +
		`)({addEventListener() {}}, new URL("http://127.0.0.1:8000/ira/sw.js"))`
	const origin = "http://127.0.0.1:8000"
	ask := func(fn, arg string) string {
		t.Helper()
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`String(`+fns+`.`+fn+`(`+arg+`) ?? "")`))
		if err != nil {
			t.Fatalf("%s(%s): %v", fn, arg, err)
		}
		return out
	}

	for _, c := range []struct{ url, want string }{
		{"/ira/en/about/", "/ira/en/about/"},
		{"/ira/en//about//", "/ira/en/about/"},
		{"/ira/%65n/about", "/ira/en/about"},
		{"/ira/en/about/?q=1#top", "/ira/en/about/"},
		{"/ira/%61dmin/", "/ira/admin/"},
		{"/ira/%2561dmin/", "/ira/admin/"},
		{"/ira/%252561dmin/", "/ira/admin/"},
		{"/ira/%41DMIN/", "/ira/ADMIN/"},
		{"/ira/en/..%2Fadmin/", "/ira/admin/"},
		{"/ira/en/..%5cadmin/", "/ira/admin/"},
		{"/ira/en/%2e%2e/admin", "/ira/admin"},
		{"/ira/en/..%2F..%2F..%2Fadmin/", "/admin/"},
		{"/ira/en/%3Fx", "/ira/en/?x"},
		{"/ira/en/..", "/ira/"},
		{"/ira/%E0%A4%A/", ""},
		{"/ira/%2525252561dmin/", ""}, // a fifth decoding: refused
	} {
		if got := ask("path", "new URL("+jsString(origin+c.url)+")"); got != c.want {
			t.Errorf("path(%s) = %q, want %q", c.url, got, c.want)
		}
	}

	answered := []string{
		"/ira/", "/ira/en/about/", "/ira/en//about/", "/ira/%65n/about/", "/ira/en/about", "/ira/en/about/index.html",
		"/ira/en/../ar/", "/ira/admin-notes/", "/ira/administration/", "/ira/en/admin/", "/ira/admin.json",
		"/ira/files/report-20260101.pdf", "/ira/css/site.3f2a9c1e.css", "/ira/ar/%D8%B9%D9%86/",
	}
	left := []string{
		"/ira/admin/", "/ira/admin", "/ira/admin/index.html", "/ira/admin/config.yml", "/ira/admin/?x", "/ira/%61dmin/",
		"/ira/%61%64%6D%69%6E", "/ira/%2561dmin/", "/ira/ADMIN/", "/ira/Admin/config.yml", "/ira/%41DMIN/x", "/ira/en/../admin/",
		"/ira/en/..%2Fadmin/", "/ira/en/..%5Cadmin/", "/ira/en/.%2e/admin/", "/ira//admin/", "/ira/./admin/", "/ira/admin%2F",
		"/ira/admin%2Fconfig.yml", "/ira/admin/x/../", "/ira/sw.js", "/ira/%73w.js", "/ira//sw.js", "/ira/x/../sw.js",
		"/ira/offline-pages.json", "/ira/offline-pages%2Ejson", "/ira/en/..%2Foffline-pages.json",
		"/ira", "/", "/other/", "/ira/..%2Fother/", "/ira/en/..%2F..%2Fother/", "/ira/%E0%A4%A/",
	}
	for _, u := range answered {
		if got := ask("ours", "new URL("+jsString(origin+u)+")"); got == "" {
			t.Errorf("the worker leaves %s to the network", u)
		}
	}
	for _, u := range left {
		if got := ask("ours", "new URL("+jsString(origin+u)+")"); got != "" {
			t.Errorf("the worker answers %s (as %s)", u, got)
		}
	}
	for _, u := range []string{"http://127.0.0.2:8000/ira/en/", "http://127.0.0.1:8001/ira/en/", "https://127.0.0.1:8000/ira/en/"} {
		if got := ask("ours", "new URL("+jsString(u)+")"); got != "" {
			t.Errorf("the worker answers %s, of another origin", u)
		}
	}

	for _, c := range []struct{ name, want string }{
		{"/ira/css/site.3f2a9c1e.css", "3f2a9c1e"},
		{"/ira/en/x/group-800.1a2b3c4d5e6f.webp", "1a2b3c4d5e6f"},
		{"/ira/en/search/t/3.0f1e2d3c.json", "0f1e2d3c"},
		{"/ira/files/report.20260101.pdf", "20260101"}, // checked against its bytes
		{"/ira/files/report-20260101.pdf", ""},
		{"/ira/files/report_20260101.pdf", ""},
		{"/ira/files/x.3F2A9C1E.css", ""},
		{"/ira/files/x.3f2a9c1.css", ""},
		{"/ira/files/3f2a9c1e.css", ""},
		{"/ira/files/x.3f2a9c1e", ""},
	} {
		if got := ask("hash", jsString(c.name)); got != c.want {
			t.Errorf("hash(%s) = %q, want %q", c.name, got, c.want)
		}
	}
}

// jsString writes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
