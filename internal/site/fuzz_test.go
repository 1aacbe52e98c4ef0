package site

import (
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

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
	s, errs := LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)}})
	if s == nil {
		f.Fatal(errs)
	}
	md := markdown.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		var p *Page
		var problems []error
		go func() {
			defer close(done)
			p, problems = parsePage("content/announcements/a.en.md", data, s.Config, md)
		}()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("parsing took over 3s: %q", data)
		}
		if p == nil {
			if len(problems) == 0 {
				t.Fatal("a page was refused without a reason")
			}
			return
		}
		if p.Path == "" || !utf8.ValidString(p.Path) || !utf8.ValidString(p.Title) {
			t.Fatalf("accepted page with path %q, title %q", p.Path, p.Title)
		}
		if p.BodyOffset < 0 || p.BodyOffset+p.BodyLen > len(data)+3 {
			t.Fatalf("body at %d+%d in %d bytes", p.BodyOffset, p.BodyLen, len(data))
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
		done := make(chan struct{})
		go func() {
			defer close(done)
			if s, problems := LoadData(fsys); s == nil && len(problems) == 0 {
				t.Error("no site and no reason")
			}
		}()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("loading took over 3s: %q, %q", config, data)
		}
	})
}
