package site

import (
	"bytes"
	"fmt"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/markdown"
)

const fuzzConfig = `baseURL: https://example.org/
timeZone: Asia/Gaza
categories: [call, news]
languages:
  - {code: ar, name: العربية, direction: rtl, digits: arab, title: مكتب}
  - {code: en, name: English, title: Office}
`

// FuzzParsePage feeds arbitrary bytes to the page parser: it must never
// panic or hang, and a page it accepts must be usable.
func FuzzParsePage(f *testing.F) {
	f.Add([]byte("---\ntitle: A\ndate: 2026-01-02\ncategories: [call]\n---\nBody.\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n"))
	f.Add([]byte("---\ntitle: [unclosed\n"))
	f.Add([]byte("---\ntitle: \"+² +۴\"\ndate: ٢٠٢٦-٠١-٠٢\nslug: \"+٫ ४\"\n---\nمرحبا +² عالم\n"))
	s, errs := LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)}})
	if s == nil {
		f.Fatal(errs)
	}
	md := markdown.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		var p *Page
		var problems []error
		hangtest.Run(t, fmt.Sprintf("parsing %.60q", data), func() {
			p, problems = parsePage("content/announcements/a.en.md", data, s.Config, md)
		})
		if p == nil {
			if len(problems) == 0 {
				t.Fatal("a page was refused without a reason")
			}
			return
		}
		if p.Path == "" || !utf8.ValidString(p.Path) || !utf8.ValidString(p.Title) {
			t.Fatalf("accepted page with path %q, title %q", p.Path, p.Title)
		}
		if utf8.RuneCountInString(p.Summary) > SummaryLength+1 && p.Description == "" {
			t.Fatalf("summary of %d characters", utf8.RuneCountInString(p.Summary))
		}
		if p.BodyOffset < 0 || p.BodyOffset+p.BodyLen > len(data)+3 {
			t.Fatalf("body at %d+%d in %d bytes", p.BodyOffset, p.BodyLen, len(data))
		}
		// The body is the end of the cleaned file, starting on its line.
		src, _ := cleanText("", data)
		if p.BodyOffset+p.BodyLen != len(src) || p.BodyLine != 1+bytes.Count(src[:p.BodyOffset], []byte("\n")) {
			t.Fatalf("body at %d+%d on line %d of %q", p.BodyOffset, p.BodyLen, p.BodyLine, src)
		}
	})
}

// FuzzLoadData feeds arbitrary YAML to every data file.
func FuzzLoadData(f *testing.F) {
	f.Add([]byte(fuzzConfig), []byte("- id: x\n  name: {en: X, ar: س}\n  country: DE\n  since: 2020\n"))
	f.Add([]byte("a: &a [1]\nb: *a\n"), []byte("- &x {id: y}\n- *x\n"))
	f.Fuzz(func(t *testing.T, config, data []byte) {
		fsys := fstest.MapFS{
			ConfigPath:           {Data: config},
			PartnersPath:         {Data: data},
			ObjectivesPath:       {Data: data},
			I18nDir + "/en.yaml": {Data: data},
		}
		var s *Site
		var problems []error
		hangtest.Run(t, fmt.Sprintf("loading %.60q and %.60q", config, data), func() { s, problems = LoadData(fsys) })
		if s == nil && len(problems) == 0 {
			t.Error("no site and no reason")
		}
	})
}
