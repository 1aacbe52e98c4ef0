package layout

import (
	"errors"
	"go/parser"
	"go/token"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/diag"
)

// layouts makes a site root of layout files, by name under layouts/.
func layouts(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, text := range files {
		m[Dir+"/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

// testFuncs are the functions of a language in these tests: lang names
// it, tick counts the calls of every language's.
func testFuncs(ticks *atomic.Int64) func(lang string) template.FuncMap {
	return func(lang string) template.FuncMap {
		return template.FuncMap{
			"lang": func() string { return lang },
			"tick": func() int64 { return ticks.Add(1) },
			"add":  func(a, b int) int { return a + b },
		}
	}
}

// mustLoad loads the layouts in ar and en and fails the test on any error.
func mustLoad(t *testing.T, files map[string]string) *Set {
	t.Helper()
	s, err := Load(layouts(files), []string{"ar", "en"}, testFuncs(new(atomic.Int64)))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

// render executes a layout and fails the test on an error.
func render(t *testing.T, s *Set, lang, name string, data any) string {
	t.Helper()
	b, err := s.Render(lang, name, data)
	if err != nil {
		t.Fatalf("rendering %s in %s: %v", name, lang, err)
	}
	return string(b)
}

const base = `<main>{{block "main" .}}base alone{{end}}</main>`

func TestFindTakesTheFirstLayoutOfTheLookupRule(t *testing.T) {
	all := []string{"news/special.html", "special.html", "news/page.html", "page.html", "section.html"}
	cases := []struct {
		have                  []string
		kind, section, layout string
		want                  string
	}{
		{all, "page", "news", "special", "news/special.html"},
		{all[1:], "page", "news", "special", "special.html"},
		{all[2:], "page", "news", "special", "news/page.html"},
		{all[3:], "page", "news", "special", "page.html"},
		{all, "page", "", "special", "special.html"},
		{all, "page", "events", "", "page.html"},
		{all, "section", "news", "", "section.html"},
		{all, "term", "", "", ""},
		{all, "page", "news", "other", "news/page.html"},
		// base.html and the partials are no page's layout.
		{append(all, "partials/card.html"), "card", "partials", "", ""},
		{all, "base", "", "", ""},
	}
	for _, c := range cases {
		files := map[string]string{"base.html": base}
		for _, n := range c.have {
			files[n] = n
		}
		s := mustLoad(t, files)
		if got := s.Find(c.kind, c.section, c.layout); got != c.want {
			t.Errorf("with %v, Find(%q, %q, %q) = %q, want %q", c.have, c.kind, c.section, c.layout, got, c.want)
		}
	}
}

func TestALayoutThatDefinesMainIsShownInsideBase(t *testing.T) {
	s := mustLoad(t, map[string]string{
		"base.html":  base,
		"page.html":  `{{define "main"}}page {{.}}{{end}}`,
		"alone.html": `alone {{.}}`,
		"block.html": `{{block "main" .}}block {{.}}{{end}}`,
	})
	for name, want := range map[string]string{
		"page.html": "<main>page x</main>", "alone.html": "alone x", "block.html": "<main>block x</main>",
	} {
		if got := render(t, s, "en", name, "x"); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if !s.Has("page.html") || s.Has("base.html") || s.Has("nope.html") {
		t.Error("Has does not tell page layouts")
	}
}

func TestEveryLanguageRendersWithItsOwnFunctions(t *testing.T) {
	s := mustLoad(t, map[string]string{
		"base.html":          base,
		"page.html":          `{{define "main"}}{{lang}} {{template "partials/p.html"}}{{end}}`,
		"partials/p.html":    `partial in {{lang}}`,
		"partials/card.html": `card in {{lang}}`,
	})
	for _, lang := range []string{"ar", "en"} {
		want := "<main>" + lang + " partial in " + lang + "</main>"
		if got := render(t, s, lang, "page.html", nil); got != want {
			t.Errorf("in %s: %q, want %q", lang, got, want)
		}
	}
	if _, err := s.Render("fr", "page.html", nil); err == nil {
		t.Error("a language not loaded renders")
	}
}

func TestLayoutFilesAreReadAsEditorsSaveThem(t *testing.T) {
	fsys := layouts(map[string]string{
		"base.html":  base,
		"crlf.html":  "a\r\nb\r\n",
		".hidden":    "{{",
		"notes.txt":  "{{",
		".tmp.html":  "{{",
		"other.html": "other",
	})
	fsys[Dir+"/pipe.html"] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
	s, err := Load(fsys, []string{"en"}, testFuncs(new(atomic.Int64)))
	if s == nil {
		t.Fatalf("Load gave no set: %v", err)
	}
	errs := diag.Flatten(err)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "layouts/pipe.html") {
		t.Fatalf("errors %v, want one warning about layouts/pipe.html", errs)
	}
	if _, warning := diag.Split(errs); len(warning) != 1 {
		t.Errorf("the named pipe is not a warning: %v", errs)
	}
	if got := render(t, s, "en", "crlf.html", nil); got != "a\nb\n" {
		t.Errorf("CRLF layout renders %q", got)
	}
	if s.Has("pipe.html") || s.Has(".tmp.html") {
		t.Error("a skipped file is a layout")
	}
}

// TestBrokenLayoutsAreReportedOnceAtTheirPlaceAndStoodInFor checks that
// every layout that fails to parse is reported once (not once per
// language) at its line and column, and that a stand-in renders what can
// be rendered: the page's content in base.html.
func TestBrokenLayoutsAreReportedOnceAtTheirPlaceAndStoodInFor(t *testing.T) {
	files := map[string]string{
		"base.html":            "<main>\n{{block \"main\" .}}{{end}}\n{{template \"partials/broken.html\"}}</main>",
		"good.html":            `{{define "main"}}good <p id="kept">{{.Content}}</p>{{end}}`,
		"broken.html":          "{{define \"main\"}}\n<p id=\"lost\">\n{{if .Content}}\n{{end}}",
		"partials/broken.html": "<nav id=\"nav\">\n\n  {{end}}</nav>",
	}
	s, err := Load(layouts(files), []string{"ar", "en"}, testFuncs(new(atomic.Int64)))
	if s == nil {
		t.Fatalf("Load gave no set: %v", err)
	}
	var got []string
	for _, e := range diag.Flatten(err) {
		var d *diag.Error
		if !errors.As(e, &d) {
			t.Fatalf("error without a place: %v", e)
		}
		got = append(got, d.Path+":"+strconv.Itoa(d.Line))
	}
	slices.Sort(got)
	if want := []string{"layouts/broken.html:4", "layouts/partials/broken.html:3"}; !slices.Equal(got, want) {
		t.Errorf("errors at %v, want %v (%v)", got, want, err)
	}
	data := struct{ Content template.HTML }{"<b>text</b>"}
	for _, lang := range []string{"ar", "en"} {
		if got := render(t, s, lang, "broken.html", data); got != "<main>\n<b>text</b>\n</main>" {
			t.Errorf("broken layout in %s renders %q", lang, got)
		}
		if got := render(t, s, lang, "good.html", data); got != "<main>\ngood <p id=\"kept\"><b>text</b></p>\n</main>" {
			t.Errorf("good layout with a broken partial in %s renders %q", lang, got)
		}
	}
	for id, want := range map[string][2]bool{"kept": {true, false}, "lost": {true, true}, "nav": {true, true}, "none": {false, false}} {
		if s.WritesID(id) != want[0] || s.BrokenID(id) != want[1] {
			t.Errorf("id %q: WritesID %v, BrokenID %v, want %v", id, s.WritesID(id), s.BrokenID(id), want)
		}
	}
}

func TestABrokenOrMissingBaseStillShowsThePages(t *testing.T) {
	page := map[string]string{"page.html": `{{define "main"}}main{{end}}`}
	for name, files := range map[string]map[string]string{
		"missing": page,
		"broken":  {"base.html": "<main>{{block \"main\" .}}{{end}", "page.html": page["page.html"]},
	} {
		s, err := Load(layouts(files), []string{"en"}, testFuncs(new(atomic.Int64)))
		if s == nil {
			t.Fatalf("%s base: no set: %v", name, err)
		}
		errs := diag.Flatten(err)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "layouts/base.html:") {
			t.Errorf("%s base: errors %v, want one at layouts/base.html", name, errs)
		}
		if got := render(t, s, "en", "page.html", nil); got != "main" {
			t.Errorf("%s base: the page renders %q", name, got)
		}
	}
}

func TestExecutionErrorsNameTheLayoutAndLine(t *testing.T) {
	s := mustLoad(t, map[string]string{
		"base.html":       base,
		"page.html":       "{{define \"main\"}}\n<p>\n{{range .Missing}}x{{end}}\n{{end}}",
		"call.html":       "{{define \"main\"}}\n\n{{template \"partials/p.html\" .}}{{end}}",
		"partials/p.html": "<p>\n{{.Nope}}</p>",
	})
	for name, where := range map[string]string{"page.html": "layouts/page.html:3:", "call.html": "layouts/partials/p.html:2:"} {
		_, err := s.Render("en", name, struct{ Title string }{"t"})
		if err == nil || !strings.HasPrefix(err.Error(), where) {
			t.Errorf("%s: error %v, want it at %s", name, err, where)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "_range") || strings.Contains(msg, "_nest") {
			t.Errorf("%s: the error shows the guard: %s", name, msg)
		}
	}
}

// TestPartialCachedRendersEachKeyOnce checks that partialCached renders a
// partial once per name, keys and language, until the cache is reset.
func TestPartialCachedRendersEachKeyOnce(t *testing.T) {
	var ticks atomic.Int64
	s, err := Load(layouts(map[string]string{
		"base.html":       base,
		"page.html":       `{{define "main"}}{{partialCached "partials/p.html" . .}}{{end}}`,
		"partials/p.html": `{{.}}:{{tick}}`,
	}), []string{"ar", "en"}, testFuncs(&ticks))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct{ lang, key, want string }{
		{"en", "a", "a:1"}, {"en", "a", "a:1"}, {"en", "b", "b:2"}, {"ar", "a", "a:3"}, {"en", "b", "b:2"},
	}
	for _, st := range steps {
		if got := render(t, s, st.lang, "page.html", st.key); got != "<main>"+st.want+"</main>" {
			t.Errorf("%s %s: %q, want %q", st.lang, st.key, got, st.want)
		}
	}
	s.ResetCache()
	if got := render(t, s, "en", "page.html", "a"); got != "<main>a:4</main>" {
		t.Errorf("after ResetCache: %q, want it rendered again", got)
	}
}

// recorder is the data of a render that records what it reads: Read
// records a name.
type recorder struct {
	Name string
	read []string
}

func (r *recorder) Read(name string) string { r.read = append(r.read, name); return name }
func (r *recorder) RecordMark() int         { return len(r.read) }
func (r *recorder) RecordSince(mark int) any {
	return append([]string(nil), r.read[mark:]...)
}
func (r *recorder) RecordReplay(recorded any) { r.read = append(r.read, recorded.([]string)...) }

// plain is data that records nothing.
type plain struct{ Name string }

func (plain) Read(name string) string { return name }

// TestAReusedPartialCountsAsReadingWhatItRead checks that a render reusing
// a cached partial records what the partial's first render read, and
// only that.
func TestAReusedPartialCountsAsReadingWhatItRead(t *testing.T) {
	s := mustLoad(t, map[string]string{
		"base.html":          base,
		"page.html":          `{{define "main"}}{{.Read .Name}} {{partialCached "partials/menu.html" .}}{{end}}`,
		"partials/menu.html": `{{.Read "menu"}}{{.Read "home"}}`,
	})
	first, second := &recorder{Name: "first"}, &recorder{Name: "second"}
	render(t, s, "en", "page.html", first)
	if got := render(t, s, "en", "page.html", second); got != "<main>second menuhome</main>" {
		t.Errorf("second page: %q", got)
	}
	if want := []string{"first", "menu", "home"}; !slices.Equal(first.read, want) {
		t.Errorf("the first page read %v, want %v", first.read, want)
	}
	if want := []string{"second", "menu", "home"}; !slices.Equal(second.read, want) {
		t.Errorf("the page reusing the partial read %v, want %v", second.read, want)
	}
	// Data that records nothing can share the partial all the same.
	if got := render(t, s, "en", "page.html", plain{Name: "third"}); got != "<main>third menuhome</main>" {
		t.Errorf("third page: %q", got)
	}
}

// TestEngineKnowsNothingOfTheSite checks that layout stays the template
// engine: what layouts see is given to it (package view).
func TestEngineKnowsNothingOfTheSite(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, "github.com/alaqsa-ira/site/internal/") && !slices.Contains([]string{"diag", "regular"}, strings.TrimPrefix(p, "github.com/alaqsa-ira/site/internal/")) {
				t.Errorf("%s imports %s: the engine must not know the site", f, p)
			}
		}
	}
}
