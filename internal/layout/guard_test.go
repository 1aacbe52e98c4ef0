package layout

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// renderErr renders a layout that must fail and returns its error.
func renderErr(t *testing.T, s *Set, name string, data any) error {
	t.Helper()
	err := s.Execute(io.Discard, "en", name, data)
	if err == nil {
		t.Fatalf("%s rendered; want it stopped", name)
	}
	return err
}

// wantErr checks that err starts with where and has every one of parts.
func wantErr(t *testing.T, err error, where string, parts ...string) {
	t.Helper()
	msg := err.Error()
	if !strings.HasPrefix(msg, where) {
		t.Errorf("error %q is not at %s", msg, where)
	}
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("error %q lacks %q", msg, p)
		}
	}
}

func TestIncludesWithoutEndAreStoppedWithTheirChain(t *testing.T) {
	s := mustLoad(t, map[string]string{
		"base.html":          base,
		"cached.html":        `{{define "main"}}{{partialCached "partials/a.html" .}}{{end}}`,
		"partials/a.html":    "<p>a</p>{{partialCached \"partials/b.html\" .}}",
		"partials/b.html":    "<p>b</p>\n\n{{partialCached \"partials/a.html\" .}}",
		"template.html":      `{{define "main"}}{{template "partials/loop.html" .}}{{end}}`,
		"partials/loop.html": "<div>\n{{template \"partials/loop.html\" .}}</div>",
		"inloop.html":        `{{define "main"}}{{template "list" .}}{{end}}{{define "list"}}{{range $i := 2}}{{template "list" $}}{{end}}{{end}}`,
		"good.html":          `{{define "main"}}good{{end}}`,
	})
	wantErr(t, renderErr(t, s, "cached.html", nil), "layouts/partials/", "without end", "partialCached", "partials/a.html → partials/b.html → partials/a.html")
	wantErr(t, renderErr(t, s, "template.html", nil), "layouts/partials/loop.html:2:", "without end", "{{template}}")
	wantErr(t, renderErr(t, s, "inloop.html", nil), "layouts/inloop.html:1:", "without end", "{{template}}")
	// A loop of includes fails its page alone: the others render.
	if got := render(t, s, "en", "good.html", nil); got != "<main>good</main>" {
		t.Errorf("a good page after the loops: %q", got)
	}
}

func TestRendersOverTheirTimeAreStoppedAtTheirLine(t *testing.T) {
	s := mustLoad(t, map[string]string{
		"base.html":          base,
		"page.html":          "{{define \"main\"}}\n<p>\n{{range $i := 1000000000000}}{{end}}{{end}}",
		"partial.html":       `{{define "main"}}{{partialCached "partials/slow.html" .}}{{end}}`,
		"partials/slow.html": "<p>\n{{range $i := 1000000000000}}{{if eq $i -1}}never{{end}}{{end}}</p>",
	})
	s.Timeout = 50 * time.Millisecond
	wantErr(t, renderErr(t, s, "page.html", nil), "layouts/page.html:3:", "took longer than 50ms", "--render-timeout")
	// A timeout stops every render of the set, until Reset.
	if err := renderErr(t, s, "partial.html", nil); !errors.Is(err, ErrAborted) {
		t.Errorf("a render after a timeout: %v, want it aborted", err)
	}
	s.Reset()
	wantErr(t, renderErr(t, s, "partial.html", nil), "layouts/partials/slow.html:2:", "took longer than 50ms")
}

func TestAbortStopsRendersUntilReset(t *testing.T) {
	s := mustLoad(t, map[string]string{"base.html": base, "page.html": `{{define "main"}}page{{end}}`})
	why := errors.New("the build was cancelled")
	s.Abort(why)
	err := renderErr(t, s, "page.html", nil)
	if !errors.Is(err, ErrAborted) || !errors.Is(err, why) {
		t.Errorf("error %v wraps neither ErrAborted nor why", err)
	}
	s.Reset()
	if got := render(t, s, "en", "page.html", nil); got != "<main>page</main>" {
		t.Errorf("after Reset: %q", got)
	}
}

func TestPagesLargerThanTheLimitAreRefused(t *testing.T) {
	s := mustLoad(t, map[string]string{
		"base.html":         base,
		"page.html":         "{{define \"main\"}}\n{{range 1000000000000}}{{$.Big}}{{end}}{{end}}",
		"partial.html":      "{{define \"main\"}}\n{{partialCached \"partials/big.html\" .}}{{end}}",
		"partials/big.html": "{{range 1000000000000}}{{$.Big}}{{end}}",
	})
	data := struct{ Big string }{strings.Repeat("x", 1<<20)}
	wantErr(t, renderErr(t, s, "page.html", data), "layouts/page.html: ", "larger than 64 MiB")
	wantErr(t, renderErr(t, s, "partial.html", data), "layouts/partial.html:2:", "larger than 64 MiB")
}

func TestGoodLoopsAndIncludesRenderAsTheyAre(t *testing.T) {
	s := mustLoad(t, map[string]string{
		"base.html": base,
		"page.html": `{{define "main"}}{{range $i := 3}}{{$i}}{{else}}none{{end}}|{{range 0}}x{{else}}none{{end}}|` +
			`{{range $i, $v := .}}{{$i}}{{$v}}{{end}}|{{template "partials/nest.html" 3}}|{{partialCached "partials/cached.html" 2 2}}{{end}}`,
		"partials/nest.html":   `{{if gt . 0}}[{{.}}{{template "partials/nest.html" (add . -1)}}]{{end}}`,
		"partials/cached.html": `{{if gt . 0}}({{.}}{{partialCached "partials/cached.html" (add . -1) (add . -1)}}){{end}}`,
	})
	if got, want := render(t, s, "en", "page.html", []string{"a", "b"}), "<main>012|none|0a1b|[3[2[1]]]|(2(1))</main>"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
