package build

import (
	"errors"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/diag"
)

// errorLines builds archive over the base site and returns the error lines a
// failed build prints.
func errorLines(t *testing.T, archive string) []string {
	t.Helper()
	_, err := buildSite(t, newSite(t, archive))
	if err == nil {
		t.Fatal("the build succeeded; want errors")
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

func TestBadInputGivesPositionedErrors(t *testing.T) {
	bomb := "---\ntitle: Bomb\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nBody.\n"
	cases := []struct {
		name    string
		archive string
		want    []string // substrings of one error line, path:line first
	}{
		{"unterminated front matter", "-- content/a.en.md --\n---\ntitle: A\n\nNo closing line.\n",
			[]string{"content/a.en.md:1: ", "never closed"}},
		{"no front matter", "-- content/a.en.md --\nJust text.\n",
			[]string{"content/a.en.md:1: ", "no front matter"}},
		{"TOML front matter", "-- content/a.en.md --\n+++\ntitle = \"A\"\n+++\n",
			[]string{"content/a.en.md:1: ", "TOML"}},
		{"duplicate keys", "-- content/a.en.md --\n---\ntitle: A\ndate: 2026-01-01\ntitle: B\n---\n",
			[]string{"content/a.en.md:4:1: ", `"title" is given twice (first on line 2)`}},
		{"YAML alias bomb in front matter", "-- content/a.en.md --\n" + bomb,
			[]string{"content/a.en.md:4:", "aliases"}},
		{"YAML alias bomb in data", "-- data/partners.yaml --\n- &a {id: x}\n- *a\n",
			[]string{"data/partners.yaml:2:", "aliases"}},
		{"invalid UTF-8", "-- content/a.en.md --\n---\ntitle: A\n---\nBad \xff byte.\n",
			[]string{"content/a.en.md:4:5: ", "not valid UTF-8"}},
		{"UTF-16", "-- content/a.en.md --\n\xff\xfe-\x00-\x00-\x00\n",
			[]string{"content/a.en.md:1: ", "UTF-16"}},
		{"javascript link", "-- content/a.en.md --\n---\ntitle: A\n---\nLine.\n\nSee [this](javascript:alert(1)).\n",
			[]string{"content/a.en.md:6: ", "javascript:alert(1)", "only http, https, mailto and tel"}},
		{"obfuscated javascript link", "-- content/a.en.md --\n---\ntitle: A\n---\n[x](JaVa&#x09;ScRiPt:alert(1))\n",
			[]string{"content/a.en.md:4: ", "cannot be published", "change it to one of those or remove it"}},
		{"javascript autolink", "-- content/a.en.md --\n---\ntitle: A\n---\n<javascript:alert(1)>\n",
			[]string{"content/a.en.md:4: ", "cannot be published", "change it to one of those or remove it"}},
		{"data image", "-- content/a.en.md --\n---\ntitle: A\n---\n\n![x](data:image/svg+xml;base64,PHN2Zz4=)\n",
			[]string{"content/a.en.md:5: ", "data:image/svg+xml", "save the picture as a file there"}},
		{"slug with dot dot", "-- content/a.en.md --\n---\ntitle: A\nslug: ../../etc\n---\n",
			[]string{"content/a.en.md:3: ", "slug", "must be a single name"}},
		{"slug with only punctuation", "-- content/a.en.md --\n---\ntitle: A\nslug: \"---\"\n---\n",
			[]string{"content/a.en.md:3: ", "no letters or digits"}},
		{"two pages with one URL", "-- content/a.en.md --\n---\ntitle: A\n---\n-- content/b.en.md --\n---\ntitle: B\nslug: a\n---\n",
			[]string{"content/b.en.md:3: ", "same address /en/a/", "content/a.en.md"}},
		{"alias over a page", "-- content/a.en.md --\n---\ntitle: A\n---\n-- content/b.en.md --\n---\ntitle: B\naliases: [/en/a/]\n---\n",
			[]string{"content/b.en.md:3: ", "same address /en/a/"}},
		{"alias with dot dot", "-- content/a.en.md --\n---\ntitle: A\naliases: [/../../etc/passwd/]\n---\n",
			[]string{"content/a.en.md:3: ", "must not contain . or .."}},
		{"bad date", "-- content/a.en.md --\n---\ntitle: A\ndate: 2026-13-45\n---\n",
			[]string{"content/a.en.md:3:", "is not a date", "YYYY-MM-DD"}},
		{"no title", "-- content/a.en.md --\n---\ndate: 2026-01-01\n---\n",
			[]string{"content/a.en.md:2:", "no title"}},
		{"tab indentation", "-- content/a.en.md --\n---\ntitle: A\ncategories:\n\t- news\n---\n",
			[]string{"content/a.en.md:", "YAML", "tabs"}},
		{"unquoted colon", "-- content/a.en.md --\n---\ntitle: Note: this\n---\n",
			[]string{"content/a.en.md:2:", "in quotes"}},
		{"language missing from file name", "-- content/a.md --\n---\ntitle: A\n---\n",
			[]string{"content/a.md: ", "must end in the page's language"}},
		{"unknown category", "-- content/a.en.md --\n---\ntitle: A\ncategories: [scholarships]\n---\n",
			[]string{"content/a.en.md:3: ", "unknown category", "did you mean scholarship"}},
		{"deadline before date", "-- content/a.en.md --\n---\ntitle: A\ndate: 2026-05-01\ndeadline: 2026-04-01\n---\n",
			[]string{"content/a.en.md:4: ", "deadline is before"}},
		{"link to a missing page", "-- content/a.en.md --\n---\ntitle: A\n---\n[v](vision.md)\n",
			[]string{"content/a.en.md:4: ", "vision.md", "does not exist"}},
		{"layout missing", "-- content/a.en.md --\n---\ntitle: A\nlayout: gallery\n---\n",
			[]string{"content/a.en.md:3: ", "gallery"}},
		{"template error", "-- layouts/page.html --\n{{define \"main\"}}\n{{.Page.NoSuchField}}\n{{end}}\n-- content/a.en.md --\n---\ntitle: A\n---\n",
			[]string{"layouts/page.html:2:", "NoSuchField"}},
		{"template syntax error", "-- layouts/page.html --\n{{define \"main\"}}\n{{if}}\n{{end}}\n",
			[]string{"layouts/page.html:2:", "missing value for if"}},
		{"menu names a missing page", "-- data/site.yaml --\nbaseURL: https://example.org/\nlanguages:\n  - {code: en, title: T}\nmenus:\n  en:\n    - page: nowhere\n-- content/_index.ar.md --\n(delete)\n-- content/announcements/_index.ar.md --\n(delete)\n",
			[]string{"data/site.yaml:6: ", "nowhere"}},
		{"bad base URL", "-- data/site.yaml --\nbaseURL: example.org\nlanguages:\n  - {code: en, title: T}\n",
			[]string{"data/site.yaml:1:", "must be a full address"}},
		{"partner with bad country", "-- data/partners.yaml --\n- id: x\n  name: {en: X, ar: س}\n  country: XX\n",
			[]string{"data/partners.yaml:3:", "ISO 3166"}},
		{"partner without Arabic name", "-- data/partners.yaml --\n- id: x\n  name: {en: X}\n",
			[]string{"data/partners.yaml:2:", "no العربية text"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := errorLines(t, c.archive)
			for _, l := range lines {
				if !containsAll(l, c.want) {
					continue
				}
				return
			}
			t.Errorf("no error line has all of %q; got:\n%s", c.want, strings.Join(lines, "\n"))
		})
	}
}

func containsAll(s string, subs []string) bool {
	if !strings.HasPrefix(s, subs[0]) {
		return false
	}
	for _, sub := range subs[1:] {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func TestEveryErrorIsReportedAtOnce(t *testing.T) {
	lines := errorLines(t, `
-- content/a.en.md --
---
title: A
date: not-a-date
---
-- content/b.en.md --
---
title: B
slug: ../x
---
-- content/c.en.md --
---
title: C
---
[bad](javascript:void(0))
`)
	want := []string{"content/a.en.md:3:", "content/b.en.md:3:"}
	for _, w := range want {
		found := false
		for _, l := range lines {
			found = found || strings.HasPrefix(l, w)
		}
		if !found {
			t.Errorf("no error for %s in:\n%s", w, strings.Join(lines, "\n"))
		}
	}
	if len(lines) < 2 {
		t.Errorf("got %d errors, want all of them", len(lines))
	}
}

func TestTemplateErrorOnEveryPageIsReportedOncePerLanguage(t *testing.T) {
	lines := errorLines(t, "-- layouts/partials/footer.html --\n{{T \"missing-key\"}}\n")
	n := 0
	for _, l := range lines {
		if strings.Contains(l, "missing-key") {
			n++
			if !strings.HasPrefix(l, "layouts/partials/footer.html:1:") || !strings.Contains(l, "on ") {
				t.Errorf("error line %q lacks its place or its count", l)
			}
		}
	}
	if n != 2 {
		t.Errorf("the layout error was reported %d times, want once for each language:\n%s", n, strings.Join(lines, "\n"))
	}
}

func TestWarningsDoNotFailTheBuild(t *testing.T) {
	b := mustBuild(t, newSite(t, `
-- content/a.en.md --
---
title: A
titel: typo
---
<div onclick="x()">raw</div>

Text.
`))
	var msgs []string
	for _, w := range b.res.Warnings {
		var d *diag.Error
		if errors.As(w, &d) && d.Severity != diag.SevWarning {
			t.Errorf("warning %v has error severity", w)
		}
		msgs = append(msgs, w.Error())
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{`content/a.en.md:3:1: warning: unknown front matter key "titel"; did you mean "title"?`, "content/a.en.md:5: warning: raw HTML"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
	if strings.Contains(string(b.files["en/a/index.html"]), "onclick") {
		t.Error("raw HTML reached the page")
	}
}
