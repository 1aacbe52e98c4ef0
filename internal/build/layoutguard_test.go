package build

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

// runawayPage is a page for the layouts under test to render.
const runawayPage = `
-- content/about.en.md --
---
title: About
---
About us.
`

// runawayErrors builds the site with the layouts of archive and a render
// time limit of limit, and returns the error lines.
func runawayErrors(t *testing.T, archive string, limit time.Duration) []string {
	t.Helper()
	_, err := buildSite(t, newSite(t, runawayPage+archive), func(o *Options) { o.RenderTimeout = limit })
	if err == nil {
		t.Fatal("the build succeeded; want it stopped")
	}
	var se *StageError
	if !errors.As(err, &se) {
		t.Fatalf("error is not a stage error: %v", err)
	}
	var lines []string
	for _, e := range se.Errors() {
		lines = append(lines, e.Error())
	}
	return lines
}

// hasLine reports whether one of lines has every one of want in it, the
// first at its start.
func hasLine(lines []string, want []string) bool {
	for _, l := range lines {
		if containsAll(l, want) {
			return true
		}
	}
	return false
}

// TestLayoutsIncludingThemselvesFailWithTheirPlace builds layouts that
// include themselves without end, in every way a layout can include
// another: each build must fail (not crash, not hang) with an error at the
// include that recurses.
func TestLayoutsIncludingThemselvesFailWithTheirPlace(t *testing.T) {
	page := func(body string) string {
		return "-- layouts/page.html --\n{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n" + body + "\n{{end}}\n"
	}
	cases := []struct {
		name    string
		archive string
		want    []string
	}{
		{"partialCached includes itself", page(`{{partialCached "partials/loop.html" .}}`) +
			"-- layouts/partials/loop.html --\n<div>\n{{partialCached \"partials/loop.html\" .}}\n</div>\n",
			[]string{"layouts/partials/loop.html:2:", "without end", "partialCached", "partials/loop.html → partials/loop.html"}},
		{"partialCached includes itself under another key", page(`{{partialCached "partials/loop.html" . 1}}`) +
			"-- layouts/partials/loop.html --\n{{partialCached \"partials/loop.html\" . .Page.Title}}\n",
			[]string{"layouts/partials/loop.html:1:", "without end"}},
		{"two partials include each other", page(`{{partialCached "partials/a.html" .}}`) +
			"-- layouts/partials/a.html --\n<p>a</p>{{partialCached \"partials/b.html\" .}}\n-- layouts/partials/b.html --\n<p>b</p>\n\n{{partialCached \"partials/a.html\" .}}\n",
			[]string{"layouts/partials/", "without end", "partials/a.html → partials/b.html → partials/a.html"}},
		{"a template includes itself", page(`{{template "partials/loop.html" .}}`) +
			"-- layouts/partials/loop.html --\n<div>{{.Page.Title}}\n{{template \"partials/loop.html\" .}}</div>\n",
			[]string{"layouts/partials/loop.html:2:", "without end", "{{template}}"}},
		{"a template includes itself in a loop", page(`{{template "list" .Site.Languages}}`) +
			"-- layouts/partials/list.html --\n{{define \"list\"}}\n{{range .}}<li>{{.Code}}</li>{{template \"list\" $}}{{end}}\n{{end}}\n",
			[]string{"layouts/partials/list.html:2:", "without end", "{{template}}"}},
		{"a block includes itself", page(`{{block "again" .}}<p>{{.Page.Title}}</p>{{template "again" .}}{{end}}`),
			[]string{"layouts/page.html:3:", "without end", "{{template}}"}},
		{"a partial and a template include each other", page(`{{partialCached "partials/a.html" .}}`) +
			"-- layouts/partials/a.html --\n{{with .}}{{template \"partials/b.html\" .}}{{end}}\n-- layouts/partials/b.html --\n{{range $.Site.Languages}}{{end}}\n{{partialCached \"partials/a.html\" $}}\n",
			[]string{"layouts/partials/", "without end"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := runawayErrors(t, c.archive, time.Minute)
			if !hasLine(lines, c.want) {
				t.Errorf("errors:\n%s\nwant a line with %q", strings.Join(lines, "\n"), c.want)
			}
		})
	}
}

// TestLayoutsThatTakeTooLongAreStoppedAtTheirPlace builds layouts that
// loop for ever, or for far too long, with a small time limit: each build
// must stop with an error naming the layout and the line it was at.
func TestLayoutsThatTakeTooLongAreStoppedAtTheirPlace(t *testing.T) {
	page := func(body string) string {
		return "-- layouts/page.html --\n{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n" + body + "\n{{end}}\n"
	}
	cases := []struct {
		name    string
		archive string
		want    []string
	}{
		{"a loop over a huge number that writes nothing", page("{{range $i := 1000000000000}}{{end}}"),
			[]string{"layouts/page.html:3:", "took longer than 200ms", "--render-timeout"}},
		{"a loop over a huge number that writes", page("<ul>\n\n{{range 1000000000000}}<li>x</li>{{end}}</ul>"),
			[]string{"layouts/page.html:", "took longer than 200ms"}},
		{"nested loops", page("{{range 100000000}}\n{{range $.Site.Languages}}{{range 1000}}{{end}}{{end}}{{end}}"),
			[]string{"layouts/page.html:", "took longer than 200ms"}},
		{"a loop in a partial", page(`{{partialCached "partials/slow.html" .}}`) +
			"-- layouts/partials/slow.html --\n<p>\n{{range $i := 1000000000000}}{{if eq $i -1}}never{{end}}{{end}}</p>\n",
			[]string{"layouts/partials/slow.html:2:", "took longer than 200ms"}},
		{"a loop over a number of another type", page("{{range .Site.Now.UnixMilli}}{{end}}"),
			[]string{"layouts/page.html:3:", "took longer than 200ms"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := runawayErrors(t, c.archive, 200*time.Millisecond)
			if !hasLine(lines, c.want) {
				t.Errorf("errors:\n%s\nwant a line with %q", strings.Join(lines, "\n"), c.want)
			}
			if len(lines) > 2 {
				t.Errorf("the pages stopped because another took too long are reported too:\n%s", strings.Join(lines, "\n"))
			}
		})
	}
}

// TestLayoutErrorsDoNotShowTheGuard checks that the calls the guard adds
// to layouts stay out of the errors editors see.
func TestLayoutErrorsDoNotShowTheGuard(t *testing.T) {
	for _, layout := range []string{
		"{{define \"main\"}}\n{{range .Page.Title}}x{{end}}\n{{end}}\n",
		"{{define \"main\"}}\n{{range $i, $e := 3}}x{{end}}\n{{end}}\n",
		"{{define \"main\"}}\n{{range .Site.Languages}}{{template \"partials/pager.html\" .Nope}}{{end}}\n{{end}}\n",
	} {
		lines := runawayErrors(t, "-- layouts/page.html --\n"+layout, time.Minute)
		if !hasLine(lines, []string{"layouts/page.html:2:"}) {
			t.Errorf("%s: errors:\n%s", layout, strings.Join(lines, "\n"))
		}
		for _, l := range lines {
			if strings.Contains(l, "_range") || strings.Contains(l, "_nest") || strings.Contains(l, `at <"`) {
				t.Errorf("%s: the error shows the guard: %s", layout, l)
			}
		}
	}
}

func TestLayoutsThatWriteWithoutEndAreStopped(t *testing.T) {
	for layout, where := range map[string]string{
		"{{define \"main\"}}\n{{range 1000000000000}}<p>Again and again and again.</p>{{end}}\n{{end}}\n":                                                                             "layouts/page.html: ",
		"{{define \"main\"}}\n{{partialCached \"partials/big.html\" .}}\n{{end}}\n-- layouts/partials/big.html --\n{{range 1000000000000}}<p>Again and again and again.</p>{{end}}\n": "layouts/page.html:2:",
	} {
		lines := runawayErrors(t, "-- layouts/page.html --\n"+layout, time.Hour)
		if !hasLine(lines, []string{where, "larger than 64 MiB"}) {
			t.Errorf("errors:\n%s", strings.Join(lines, "\n"))
		}
	}
}

func TestSeqRefusesHugeLists(t *testing.T) {
	lines := runawayErrors(t, "-- layouts/page.html --\n{{define \"main\"}}\n{{range seq 1000000000}}{{.}}{{end}}\n{{end}}\n", time.Minute)
	if !hasLine(lines, []string{"layouts/page.html:2:", "at most 100000", "range $i := 1000000000"}) {
		t.Errorf("errors:\n%s", strings.Join(lines, "\n"))
	}
}

// TestLayoutLimitsLeaveGoodLayoutsAlone checks that a loop, a long list
// and includes nested a few levels deep render as they did.
func TestLayoutLimitsLeaveGoodLayoutsAlone(t *testing.T) {
	b := mustBuild(t, newSite(t, runawayPage+`
-- layouts/page.html --
{{define "main"}}
<ol id="count">{{range $i := 3}}<li>{{$i}}</li>{{else}}none{{end}}</ol>
<p id="none">{{range 0}}x{{else}}none{{end}}</p>
<p id="nested">{{template "partials/nest.html" 3}}</p>
<p id="cached">{{partialCached "partials/cached.html" 2 2}}</p>
{{end}}
-- layouts/partials/nest.html --
{{if gt . 0}}[{{.}}{{template "partials/nest.html" (add . -1)}}]{{end}}
-- layouts/partials/cached.html --
{{if gt . 0}}({{.}}{{partialCached "partials/cached.html" (add . -1) (add . -1)}}){{end}}
`))
	doc := b.page("en/about/index.html")
	for id, want := range map[string]string{"ol:count": "012", "p:none": "none", "p:nested": "[3[2[1]]]", "p:cached": "(2(1))"} {
		tag, id, _ := strings.Cut(id, ":")
		if got := strings.Join(strings.Fields(htmltest.Text(doc.One(t, htmltest.Tag(tag, "id", id), "#"+id))), ""); got != want {
			t.Errorf("#%s = %q, want %q", id, got, want)
		}
	}
}
