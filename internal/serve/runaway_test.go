package serve

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunawayLayoutsLeaveTheServerRunning breaks a layout in the ways that
// used to hang or kill the dev server (a partial that includes itself, a
// loop that never ends): each time the browser shows the error at its
// place, and the page comes back when the layout is fixed.
func TestRunawayLayoutsLeaveTheServerRunning(t *testing.T) {
	root := writeSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	s := New(Options{Root: root, Drafts: true, Log: testLog(t), RenderTimeout: 300 * time.Millisecond,
		Now: func() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }}, ln)
	s.Rebuilds = make(chan Rebuild, 64)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		must(t, <-done)
	}()
	r := &running{t: t, root: root, s: s, url: s.URL()}
	if rb := r.nextRebuild(); rb.Err != nil {
		t.Fatal(rb.Err)
	}
	good, err := os.ReadFile(filepath.Join(root, "layouts", "page.html"))
	must(t, err)
	cases := []struct{ name, layout, partial, where, what string }{
		{"a partial that includes itself",
			"{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n{{partialCached \"partials/loop.html\" .}}\n{{end}}\n",
			"<div>\n{{partialCached \"partials/loop.html\" .}}\n</div>\n",
			"layouts/partials/loop.html:2:", "without end"},
		{"a template that includes itself",
			"{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n{{template \"partials/loop.html\" .}}\n{{end}}\n",
			"{{range .Site.Languages}}{{template \"partials/loop.html\" $}}{{end}}\n",
			"layouts/partials/loop.html:1:", "without end"},
		{"a loop that never ends",
			"{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n\n{{range $i := 1000000000000}}{{end}}\n{{end}}\n",
			"",
			"layouts/page.html:4:", "took longer than 300ms"},
	}
	for _, c := range cases {
		if c.partial != "" {
			r.write("layouts/partials/loop.html", c.partial)
		}
		r.write("layouts/page.html", c.layout)
		code, body := r.waitFor("/en/about/", func(code int, _ string) bool { return code == http.StatusInternalServerError })
		if code != http.StatusInternalServerError || !strings.Contains(body, c.where) || !strings.Contains(body, c.what) {
			t.Fatalf("%s: status %d, the page lacks %q or %q:\n%.2000s", c.name, code, c.where, c.what, body)
		}
		r.write("layouts/page.html", string(good))
		if code, _ := r.waitFor("/en/about/", func(code int, body string) bool { return code == 200 && strings.Contains(body, "The first version.") }); code != 200 {
			t.Fatalf("%s fixed: status %d", c.name, code)
		}
	}
}
