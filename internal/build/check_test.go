package build

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
)

// findings builds archive over the base site and returns every error and
// warning, formatted as site check prints them.
func findings(t *testing.T, archive string, change ...func(*Options)) []string {
	t.Helper()
	b, err := buildSite(t, newSite(t, archive), change...)
	var all []error
	if se, ok := err.(*StageError); ok {
		all = se.Errors()
	} else if err != nil {
		t.Fatal(err)
	}
	if b.res != nil {
		all = append(all, b.res.Warnings...)
	}
	var out []string
	for _, e := range all {
		out = append(out, diag.Format(e))
	}
	return out
}

func TestEachCheckReportsItsMistakeOnItsLine(t *testing.T) {
	page := func(body string) string {
		return "-- content/a.en.md --\n---\ntitle: A\n---\n" + body + "\n-- content/a.ar.md --\n---\ntitle: أ\n---\nنص.\n"
	}
	cases := []struct {
		name, archive, want string
	}{
		{"missing static file", page("Line.\n\n![a map](/files/map.png)"),
			"content/a.en.md:6: error: the image \"/files/map.png\" leads to /files/map.png, which the site does not have: put the file in static/ (static/files/map.png)"},
		{"missing page by address", page("See [about](/en/nowhere/)."),
			"content/a.en.md:4: error: the link \"/en/nowhere/\" leads to /en/nowhere/, which the site does not have"},
		{"missing anchor", page("See [the list](/en/announcements/#nothing-here)."),
			"content/a.en.md:4: error: the link \"/en/announcements/#nothing-here\" points to #nothing-here, which is not a heading or anchor on that page"},
		{"missing anchor in a file link", page("See [x](a.md#nope).\n\n## Here"),
			"content/a.en.md:4: error: the link \"a.md#nope\" points to #nope, which is not a heading or anchor on that page (it has: here"},
		{"missing anchor on the same page", page("## Eligibility\n\nSee [below](#eligibilty)."),
			"content/a.en.md:6: error: the link \"#eligibilty\" points to #eligibilty, which is not a heading or anchor on that page (it has: eligibility"},
		{"relative link to nothing", page("[doc](files/doc.pdf)"),
			"content/a.en.md:4: error: the link \"files/doc.pdf\" leads to /en/a/files/doc.pdf, which the site does not have"},
		{"image without alt text", page("![](/css/site.css)"),
			"content/a.en.md:4: error: the image /css/site.css has no alt text: write what it shows between the brackets, ![...](/css/site.css)"},
		{"heading skips a level", page("## Part\n\n#### Detail"),
			"content/a.en.md:6: warning: this heading skips from level 2 to 4"},
		{"second h1", page("# Title again"),
			"content/a.en.md:4: warning: a heading with one # is a second title"},
		{"click here", page("For the form [click here](/en/)."),
			"content/a.en.md:4: warning: the link text \"click here\" says nothing on its own"},
		{"Arabic vague link", "-- content/a.ar.md --\n---\ntitle: أ\n---\nللتفاصيل [اضغط هنا](/ar/).\n-- content/a.en.md --\n---\ntitle: A\n---\nText.\n",
			"content/a.ar.md:4: warning: the link text \"اضغط هنا\" says nothing on its own"},
		{"More..", page("The call is open. [More..](/en/)"),
			"content/a.en.md:4: warning: the link text \"More..\" says nothing on its own"},
		{"empty link", page("A [](/en/) link."),
			"content/a.en.md:4: warning: the link has no text"},
		{"bidi control in the body", page("Pay to \u202eacct 123."),
			"content/a.en.md:4: warning: the text has an invisible direction control character"},
		{"bidi control in a title", "-- content/a.en.md --\n---\ntitle: \"Invoice \u202egnp.exe\"\n---\n",
			"content/a.en.md:2: error: title has an invisible direction control character"},
		{"bidi control in a slug", "-- content/a.en.md --\n---\ntitle: A\nslug: \"a\u2066b\"\n---\n",
			"content/a.en.md:3: error: slug has an invisible direction control character"},
		{"bidi control in a file name", "-- content/a\u202eb.en.md --\n---\ntitle: A\n---\n",
			"content/a\u202eb.en.md:1: error: the file name has an invisible direction control character"},
		{"page in one language", "-- content/only.en.md --\n---\ntitle: Only\n---\n",
			"content/only.en.md: warning: this page has no العربية version yet"},
		{"announcement without date", "-- content/announcements/x.en.md --\n---\ntitle: X\n---\n",
			"content/announcements/x.en.md:1: error: pages in announcements/ are listed newest first and need a date"},
		{"partner logo missing", "-- data/partners.yaml --\n- id: x\n  name: {en: X, ar: س}\n  logo: images/nothing.svg\n  logoAlt: {en: X logo, ar: شعار}\n",
			"data/partners.yaml:1: error: the logo of \"x\", images/nothing.svg, is not in static/"},
		{"partner logo without alt", "-- data/partners.yaml --\n- id: x\n  name: {en: X, ar: س}\n  logo: css/site.css\n",
			"data/partners.yaml:1:3: error: a partner with a logo needs logoAlt"},
		{"partner website over http", "-- data/partners.yaml --\n- id: x\n  name: {en: X, ar: س}\n  url: http://example.org/\n",
			"data/partners.yaml:3:8: error: url \"http://example.org/\" must be a full address starting with https://"},
		{"partner year", "-- data/partners.yaml --\n- id: x\n  name: {en: X, ar: س}\n  since: 1066\n",
			"data/partners.yaml:3:10: error: since 1066 is not a year a partnership can have begun in: write the year it began, from 1900 to"},
		{"duplicate partner", "-- data/partners.yaml --\n- id: x\n  name: {en: X, ar: س}\n- id: x\n  name: {en: Y, ar: ص}\n",
			"data/partners.yaml:3:7: error: partner id \"x\" is used twice (first on line 1)"},
		{"objective in one language", "-- data/objectives.yaml --\n- id: o\n  text: {en: Only English}\n",
			"data/objectives.yaml:2:9: error: text has no العربية text"},
		{"interface string missing", "-- data/i18n/en.yaml --\nmonths: [a, b, c, d, e, f, g, h, i, j, k, l]\nsiteNav: x\n",
			"data/i18n/en.yaml: warning: interface string \"skipToContent\" is missing"},
		{"unknown site setting", "-- data/site.yaml --\nbaseURL: https://example.org/\nlanguages:\n  - {code: en, title: T}\n  - {code: ar, title: ت, direction: rtl}\npaginat: 5\n",
			"data/site.yaml:5:1: warning: unknown site.yaml key \"paginat\"; did you mean \"paginate\"?"},
		{"typo in front matter", "-- content/a.en.md --\n---\ntitle: A\ndeadlin: 2026-01-01\n---\n",
			"content/a.en.md:3:1: warning: unknown front matter key \"deadlin\"; did you mean \"deadline\"?"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := findings(t, c.archive)
			for _, f := range got {
				if strings.HasPrefix(f, c.want) || (strings.HasPrefix(f, c.want[:strings.Index(c.want, ": ")]) && strings.Contains(f, c.want[strings.Index(c.want, ": ")+2:])) {
					return
				}
			}
			t.Errorf("no finding starts with\n  %s\ngot:\n  %s", c.want, strings.Join(got, "\n  "))
		})
	}
}

func TestLinksToPagesFilesAndAnchorsThatExistPass(t *testing.T) {
	got := findings(t, `
-- content/a.en.md --
---
title: A
---
[vision](vision.md#objectives), [about](/en/about/), [the call](announcements/call.md#eligibility),
[licence](/fonts/Cairo-OFL.txt), [list](/en/announcements/), [self](#part), [home](../), [mail](mailto:a@example.org)

## Part
-- content/a.ar.md --
---
title: أ
---
[الرؤية](vision.md#objectives) و[الرؤية بالإنجليزية](vision.en.md).
-- content/vision.en.md --
---
title: Vision
layout: vision
---
-- content/vision.ar.md --
---
title: الرؤية
layout: vision
---
-- content/about.en.md --
---
title: About
---
-- content/about.ar.md --
---
title: من نحن
---
-- content/announcements/call.en.md --
---
title: Call
date: 2026-10-01
translationKey: call
---
## Eligibility
-- content/announcements/call.ar.md --
---
title: دعوة
date: 2026-10-01
translationKey: call
---
نص.
`)
	if len(got) > 0 {
		t.Errorf("findings on a site without mistakes:\n  %s", strings.Join(got, "\n  "))
	}
}

func TestOutdatedTranslationIsReported(t *testing.T) {
	git := map[string]time.Time{
		"content/about.en.md": time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		"content/about.ar.md": time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
	}
	got := findings(t, pairedSite, func(o *Options) { o.GitDates = git })
	want := "content/about.ar.md: warning: this translation is probably out of date: content/about.en.md changed later"
	if !slices.ContainsFunc(got, func(f string) bool { return strings.HasPrefix(f, want) }) {
		t.Errorf("no finding %q in:\n  %s", want, strings.Join(got, "\n  "))
	}
	// lastmod, when both files set it, decides over the commits.
	got = findings(t, pairedSite+"-- content/about.en.md --\n---\ntitle: About\nlastmod: 2026-01-01\n---\nx\n-- content/about.ar.md --\n---\ntitle: من نحن\nlastmod: 2026-02-01\n---\nس\n", func(o *Options) { o.GitDates = git })
	var outdated []string
	for _, f := range got {
		if strings.Contains(f, "out of date") {
			outdated = append(outdated, f)
		}
	}
	if len(outdated) != 1 || !strings.HasPrefix(outdated[0], "content/about.en.md: warning: this translation is probably out of date: content/about.ar.md changed later (lastmod 2026-02-01)") {
		t.Errorf("with lastmod, outdated findings = %q; want only the English page, older by lastmod", outdated)
	}
}

func TestTranslationReport(t *testing.T) {
	b := mustBuild(t, newSite(t, pairedSite), func(o *Options) {
		o.Report = true
		o.GitDates = map[string]time.Time{
			"content/about.en.md": time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
			"content/about.ar.md": time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		}
	})
	rows := map[string]string{}
	for _, r := range b.res.Translations {
		rows[r.Section+"/"+r.Key] = r.Status["ar"] + " " + r.Status["en"]
	}
	want := map[string]string{
		"/about":                   "outdated ok",
		"/only-english":            "missing ok",
		"announcements/grant-2026": "unknown unknown", // neither file in the dates
		"announcements/announcements/english-news": "missing ok",
	}
	for k, v := range want {
		if rows[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, rows[k], v, rows)
		}
	}
}

func TestOfficeSiteHasNoFindings(t *testing.T) {
	b, err := buildSite(t, os.DirFS(repoRoot), func(o *Options) { o.Report = true })
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range b.res.Warnings {
		t.Errorf("the office site has a finding: %s", diag.Format(w))
	}
}

func TestDirectionMarksArabicTextUsesPass(t *testing.T) {
	got := findings(t, "-- content/a.ar.md --\n---\ntitle: \"مكتب \u200fIRA\u200f \u061c2026\"\n---\nنص \u200eGaza\u200e و\u061cأرقام.\n-- content/a.en.md --\n---\ntitle: A\n---\nText.\n")
	if len(got) > 0 {
		t.Errorf("the marks U+200E, U+200F and U+061C gave findings:\n  %s", strings.Join(got, "\n  "))
	}
}

// TestMissingEmblemIsAnErrorAtItsLine names an emblem that static/ does
// not have: every page would show a broken picture in its header.
func TestMissingEmblemIsAnErrorAtItsLine(t *testing.T) {
	yaml := strings.Replace(siteYAML(t), "paginate: 2", "paginate: 2\nemblem: /images/missing.svg", 1)
	lines := errorLines(t, "-- data/site.yaml --\n"+yaml)
	for _, l := range lines {
		if containsAll(l, []string{"data/site.yaml:5: ", "the emblem /images/missing.svg is not in static/ (static/images/missing.svg)"}) {
			return
		}
	}
	t.Errorf("no error names the missing emblem at its line; got:\n%s", strings.Join(lines, "\n"))
}
