package build

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// vnuSite adds to the base site (paginated by two) the kinds of page the
// office site lacks or has only one of: events with times, online and
// hybrid events, a cancelled one, a page with footnotes and a table, an
// alias, a redirect of an old address, and enough announcements for a
// second list page and a category.
const vnuSite = `
-- content/announcements/timed.ar.md --
---
title: فعالية بتوقيت
date: 2026-10-01
categories: [conference]
eventDate: 2026-12-10T09:00
eventEnd: 2026-12-10T13:00
location: القاعة الكبرى
address: {street: شارع الجامعة, city: غزة, country: PS}
deadline: 2026-12-01T12:00
aliases: [/ar/old-event/]
---
نص الفعالية.
-- content/announcements/timed.en.md --
---
title: Timed event
date: 2026-10-01
categories: [conference]
eventDate: 2026-12-10T09:00+01:00
eventEnd: 2026-12-12T13:00+01:00
location: Main hall
address: {street: University Street, city: Gaza, country: PS}
deadline: 2026-12-01T12:00
aliases: [/en/old-event/]
---
Text of the event.
-- content/announcements/online.ar.md --
---
title: فعالية عن بعد
date: 2026-10-02
categories: [visit]
eventDate: 2026-12-10T20:00
eventEnd: 2026-12-11T00:00
attendance: online
eventURL: https://meet.example.org/a
---
نص.
-- content/announcements/online.en.md --
---
title: Online event
date: 2026-10-02
categories: [visit]
eventDate: 2026-12-10
eventEnd: 2027-01-02
attendance: hybrid
location: Hall
address: 1 Street, Amman
eventURL: https://meet.example.org/a
eventStatus: cancelled
---
Text.
-- content/announcements/third.ar.md --
---
title: الثالث
date: 2026-10-03
categories: [news]
---
نص مع [رابط](https://example.org/) و` + "`code`" + `.
-- content/announcements/third.en.md --
---
title: Third
date: 2026-10-03
categories: [news]
---
Text with a note.[^1]

[^1]: The note.
-- content/notes.ar.md --
---
title: ملاحظات
---
نص فيه حاشية.[^1]

| العمود | القيمة |
| --- | --- |
| أ | ١ |

[^1]: هذه هي الحاشية.
-- content/notes.en.md --
---
title: Notes
---
## A heading

Text with a footnote.[^1]

| Column | Value |
| --- | --- |
| a | 1 |

> A quotation.

1. one
2. two

[^1]: The footnote.
-- data/redirects.yaml --
- from: /ar/page.aspx?id=3
  to: /ar/notes/
`

// htmlKinds are the pages the checker reads, one of each kind in both
// languages: a pattern for the file's path in a build, and whether the
// build must have one.
var htmlKinds = []struct {
	kind    string
	pattern string
}{
	{"root", `^index\.html$`},
	{"404", `^404\.html$`},
	{"offline", `^offline\.html$`},
	{"home", `^LANG/index\.html$`},
	{"page", `^LANG/about/index\.html$`},
	{"vision", `^LANG/vision/index\.html$`},
	{"partners", `^LANG/partners/index\.html$`},
	{"contact", `^LANG/contact/index\.html$`},
	{"list", `^LANG/announcements/index\.html$`},
	{"list-page-2", `^LANG/announcements/page/2/index\.html$`},
	{"list-page-1-redirect", `^LANG/announcements/page/1/index\.html$`},
	{"categories", `^LANG/categories/index\.html$`},
	{"category", `^LANG/categories/conference/index\.html$`},
	{"sitemap", `^LANG/sitemap/index\.html$`},
	{"search", `^LANG/search/index\.html$`},
	{"alias", `^LANG/(about-us|old-event)/index\.html$`},
	{"old-address", `^LANG/[^/]*\.aspx$`},
	{"event-with-deadline", `^LANG/announcements/(2027-higher-education-conference|timed)/index\.html$`},
	{"online-event", `^LANG/announcements/(2027-summer-school|online)/index\.html$`},
	{"announcement", `^LANG/announcements/(2026-new-mou|third)/index\.html$`},
	{"footnotes", `^LANG/notes/index\.html$`},
}

// TestEveryKindOfPageIsValidHTML runs the Nu HTML checker (the W3C's
// validator, vnu.jar of the npm package vnu-jar) over one page of each kind
// in both languages, from the office site and from a small site with the
// kinds it lacks, in one run of Java: it must find no error. It needs
// VNU_JAR and java; without them it is skipped, unless REQUIRE_VNU or
// REQUIRE_BROWSER is set, as CI does.
func TestEveryKindOfPageIsValidHTML(t *testing.T) {
	jar := os.Getenv("VNU_JAR")
	java, javaErr := exec.LookPath("java")
	if jar == "" || javaErr != nil {
		msg := "VNU_JAR (vnu.jar of the npm package vnu-jar) is not set, or java is not installed"
		if os.Getenv("REQUIRE_VNU") != "" || os.Getenv("REQUIRE_BROWSER") != "" {
			t.Fatal(msg + ", and REQUIRE_VNU or REQUIRE_BROWSER is")
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	var files []string
	covered := map[string]bool{}
	for _, s := range []struct {
		name string
		b    *built
	}{
		{"office", mustBuild(t, os.DirFS(repoRoot))},
		{"small", mustBuild(t, newSite(t, vnuSite))},
	} {
		names := make([]string, 0, len(s.b.files))
		for n := range s.b.files {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, k := range htmlKinds {
			for _, lang := range []string{"ar", "en"} {
				re := regexp.MustCompile(strings.ReplaceAll(k.pattern, "LANG", lang))
				for _, n := range names {
					if !re.MatchString(n) {
						continue
					}
					// Named for what it is, so that an error says which
					// kind of page has it.
					out := filepath.Join(dir, s.name+"-"+k.kind+"-"+lang+".html")
					if !strings.Contains(k.pattern, "LANG") {
						out = filepath.Join(dir, s.name+"-"+k.kind+".html")
					}
					if slices.Contains(files, out) {
						break
					}
					if err := os.WriteFile(out, s.b.files[n], 0o644); err != nil {
						t.Fatal(err)
					}
					files = append(files, out)
					covered[k.kind+"/"+lang] = true
					break
				}
			}
		}
	}
	for _, k := range htmlKinds {
		for _, lang := range []string{"ar", "en"} {
			if strings.Contains(k.pattern, "LANG") && !covered[k.kind+"/"+lang] {
				t.Errorf("no %s page in %s to check (pattern %s)", k.kind, lang, k.pattern)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-Xmx1g", "-jar", jar, "--errors-only", "--format", "json", "--stdout", "--html"}, files...)
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, java, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Messages []struct {
			Type    string `json:"type"`
			URL     string `json:"url"`
			Line    int    `json:"lastLine"`
			Column  int    `json:"firstColumn"`
			Message string `json:"message"`
			Extract string `json:"extract"`
			Subtype string `json:"subType"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("the checker's report does not parse (%v, run: %v):\n%s\n%s", err, runErr, stdout.String(), stderr.String())
	}
	n := 0
	for _, m := range report.Messages {
		if m.Type == "info" {
			continue
		}
		n++
		t.Errorf("%s:%d:%d: %s: %s\n\t%s", filepath.Base(m.URL), m.Line, m.Column, m.Type, m.Message, m.Extract)
	}
	if n == 0 && runErr != nil {
		t.Fatalf("the checker failed without reporting an error: %v\n%s", runErr, stderr.String())
	}
	t.Logf("checked %d pages", len(files))
}
