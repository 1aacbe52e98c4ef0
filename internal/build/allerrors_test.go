package build

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fault is one mistake an editor can make, written in files of its own,
// with what it must be reported as. Some bring pages that point at what
// the mistake breaks: those must not be reported again.
type fault struct {
	name    string
	archive string
	want    [][]string // one error line each: substrings, path:line first
}

var faults = []fault{
	{"bad date", `
-- content/announcements/call.en.md --
---
title: Call
date: 2026-13-45
categories: [visit]
---
## Part
-- content/announcements/call.ar.md --
---
title: دعوة
date: 2026-10-01
---
[English](call.en.md), [its part](call.en.md#part), [by address](/en/announcements/call/#part), [no slash](/en/announcements/call),
[its category](/en/categories/visit/)
-- data/redirects.yaml --
- from: /en/old-call.aspx
  to: /en/announcements/call/
`, [][]string{{"content/announcements/call.en.md:3:", `date "2026-13-45" is not a date`}}},

	{"YAML error in data", `
-- data/objectives.yaml --
- id: a
  text: {en: [unclosed, ar: x}
`, [][]string{{"data/objectives.yaml:", "YAML"}}},

	{"unknown function in a page layout", `
-- layouts/partners.html --
{{define "main"}}
<h1 id="top">{{shout .Page.Title}}</h1>
{{.Content}}
{{end}}
-- content/partners.en.md --
---
title: Partners
layout: partners
---
## Intro
-- content/partners.ar.md --
---
title: الشركاء
layout: partners
---
[top](/ar/partners/#top), [intro](/en/partners/#intro)
`, [][]string{{"layouts/partners.html:2:", `function "shout" not defined`}}},

	{"unknown function in a partial", `
-- layouts/partials/footer.html --
<footer class="site-footer">{{lastUpdated .Page}}</footer>
`, [][]string{{"layouts/partials/footer.html:1:", `function "lastUpdated" not defined`}}},

	{"broken link", `
-- content/about.en.md --
---
title: About
---
See [nothing](/en/nowhere/).
-- content/about.ar.md --
---
title: من نحن
---
نص.
`, [][]string{{"content/about.en.md:4:", `"/en/nowhere/" leads to /en/nowhere/, which the site does not have`}}},

	{"four broken links on one page", `
-- content/contact.en.md --
---
title: Contact
---
See [the form](form.md).

![the map](/images/map.png)

Jump [down](#nowhere).

Or see [the list](/en/anouncements/).

## Here
-- content/contact.ar.md --
---
title: اتصل بنا
---
نص.
`, [][]string{
		{"content/contact.en.md:4:", `"form.md" points to a page that does not exist`},
		{"content/contact.en.md:6:", `the image "/images/map.png" leads to /images/map.png`, "static/images/map.png"},
		{"content/contact.en.md:8:", `"#nowhere" points to #nowhere, which is not a heading or anchor on that page (it has: here)`},
		{"content/contact.en.md:10:", `"/en/anouncements/" leads to /en/anouncements/, which the site does not have`},
	}},

	{"YAML error in interface strings", `
-- data/i18n/en.yaml --
months: [January
`, [][]string{{"data/i18n/en.yaml:", "YAML"}}},

	{"home that fails", `
-- content/_index.en.md --
---
title: [Home
---
-- content/help.en.md --
---
title: Help
---
Back [home](/en/), or [by file](_index.md).
-- content/help.ar.md --
---
title: مساعدة
---
[English home](_index.en.md)
`, [][]string{{"content/_index.en.md:2:", "YAML"}}},

	{"section page that fails", `
-- content/announcements/_index.en.md --
---
title: Announcements
draft: maybe
---
-- content/announcements/visit.en.md --
---
title: Visit
date: 2026-09-01
---
Back to [the list](_index.md) or [by address](/en/announcements/).
-- content/announcements/visit.ar.md --
---
title: زيارة
date: 2026-09-01
---
نص.
`, [][]string{{"content/announcements/_index.en.md:3:", "draft"}}},

	{"unknown function in base.html", `
-- layouts/base.html --
<!DOCTYPE html>
<html lang="{{.Site.Language.Code}}">
<title>{{.Page.Title}}</title>
<a href="#main">{{T "skipToContent"}}</a>
<main id="main">{{block "main" .}}{{end}}</main>
{{footer .}}
</html>
-- content/skip.en.md --
---
title: Skip
---
[To the text](#main), [the home's text](/en/#main).
-- content/skip.ar.md --
---
title: تخطي
---
نص.
`, [][]string{{"layouts/base.html:6:", `function "footer" not defined`}}},

	{"layout that fails when run", `
-- layouts/vision.html --
{{define "main"}}
<h1>{{.Page.Title}}</h1>
{{.Content}}
<h2 id="objectives">{{T "objectives"}}</h2>
<p>{{index .Site.Objectives 5}}</p>
{{end}}
-- content/vision.en.md --
---
title: Vision
layout: vision
---
## Goals
-- content/vision.ar.md --
---
title: الرؤية
layout: vision
---
[goals](vision.en.md#goals), [objectives](/en/vision/#objectives), [own objectives](#objectives)
`, [][]string{{"layouts/vision.html:5:", "index out of range", "(on 2 pages)"}}},

	{"bad setting in site.yaml", `
-- data/site.yaml --
baseURL: https://example.org/
defaultLanguage: fr
timeZone: Asia/Gaza
paginate: 0
categories: [call, news, scholarship, conference, visit]
languages:
  - {code: ar, name: العربية, direction: rtl, digits: arab, title: مكتب العلاقات, university: جامعة المثال}
  - {code: en, name: English, direction: ltr, digits: latn, title: Relations Office, university: Example University}
menus:
  ar: [{page: /, name: الرئيسية}, {page: announcements/_index}]
  en: [{page: /, name: Home}, {page: announcements/_index}]
`, [][]string{
		{"data/site.yaml:2:", `defaultLanguage "fr" is not one of the languages`},
		{"data/site.yaml:4:", "paginate must be between 1 and 1000"},
	}},

	{"YAML error in partners", `
-- data/partners.yaml --
- id: example
  name: {en: Example, ar: مثال
`, [][]string{{"data/partners.yaml:", "YAML"}}},

	{"two pages at one address", `
-- content/one.en.md --
---
title: One
slug: same
---
-- content/two.en.md --
---
title: Two
slug: same
---
See [one](one.md) and [two](two.md).
-- content/one.ar.md --
---
title: واحد
---
-- content/two.ar.md --
---
title: اثنان
---
`, [][]string{{"content/two.en.md:3:", "same address /en/same/"}}},
}

// errorsOf builds the faults together over the base site and returns the
// errors, formatted as site check prints them, sorted.
func errorsOf(t *testing.T, fs ...fault) []string {
	t.Helper()
	var archive strings.Builder
	for _, f := range fs {
		archive.WriteString(strings.TrimSpace(f.archive) + "\n")
	}
	_, err := buildSite(t, newSite(t, archive.String()))
	return errorStrings(t, err)
}

func errorStrings(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var se *StageError
	if !errors.As(err, &se) {
		t.Fatalf("error is not a StageError: %v", err)
	}
	var out []string
	for _, e := range se.Errors() {
		out = append(out, e.Error())
	}
	slices.Sort(out)
	return out
}

func TestEachFaultIsReportedAloneAndExactly(t *testing.T) {
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			got := errorsOf(t, f)
			if len(got) != len(f.want) {
				t.Errorf("%d errors, want %d:\n  %s", len(got), len(f.want), strings.Join(got, "\n  "))
			}
			for _, w := range f.want {
				if !slices.ContainsFunc(got, func(line string) bool { return matches(line, w) }) {
					t.Errorf("no error like %q in:\n  %s", w, strings.Join(got, "\n  "))
				}
			}
		})
	}
}

func matches(line string, want []string) bool {
	if !strings.HasPrefix(line, want[0]) {
		return false
	}
	for _, w := range want[1:] {
		if !strings.Contains(line, w) {
			return false
		}
	}
	return true
}

// TestNoErrorHidesAnother builds every pair of faults, and all of them,
// and wants exactly the errors of each alone: none hidden, none added.
func TestNoErrorHidesAnother(t *testing.T) {
	alone := make([][]string, len(faults))
	for i, f := range faults {
		alone[i] = errorsOf(t, f)
	}
	union := func(idx ...int) []string {
		var out []string
		for _, i := range idx {
			out = append(out, alone[i]...)
		}
		slices.Sort(out)
		return out
	}
	check := func(name string, idx ...int) {
		var fs []fault
		for _, i := range idx {
			fs = append(fs, faults[i])
		}
		got, want := errorsOf(t, fs...), union(idx...)
		if !slices.Equal(got, want) {
			t.Errorf("%s: errors together differ from the errors of each alone\ngot:\n  %s\nwant:\n  %s", name, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
	}
	var all []int
	for i := range faults {
		all = append(all, i)
		for j := i + 1; j < len(faults); j++ {
			check(faults[i].name+" + "+faults[j].name, i, j)
		}
	}
	check("all faults", all...)
}

// TestBuildToAFolderReportsWhatCheckReports builds all the faults into a
// folder holding a published site: the same errors as a check, and the
// folder untouched.
func TestBuildToAFolderReportsWhatCheckReports(t *testing.T) {
	var archive strings.Builder
	for _, f := range faults {
		archive.WriteString(strings.TrimSpace(f.archive) + "\n")
	}
	fsys := newSite(t, archive.String())
	want := errorStrings(t, func() error {
		_, err := buildSite(t, fsys, func(o *Options) { o.Report = true })
		return err
	}())
	if len(want) == 0 {
		t.Fatal("the faults gave no errors")
	}

	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: newSite(t, ""), Dest: dest, Now: testNow, GitDates: map[string]time.Time{}}); err != nil {
		t.Fatalf("first build: %v", err)
	}
	before := treeFiles(t, dest)
	_, err := Run(context.Background(), Options{Source: fsys, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}})
	if got := errorStrings(t, err); !slices.Equal(got, want) {
		t.Errorf("build errors differ from check errors\nbuild:\n  %s\ncheck:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if after := treeFiles(t, dest); !maps.Equal(before, after) {
		t.Error("the failed build changed the published folder")
	}
}

// treeFiles reads every file under dir.
func treeFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
