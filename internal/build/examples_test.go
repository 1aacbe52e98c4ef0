package build

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/alaqsa-ira/site/internal/site"
)

// ldOf returns the JSON-LD graph of a page.
func ldOf(t *testing.T, doc *htmltest.Doc) []map[string]any {
	t.Helper()
	var graph []map[string]any
	for _, s := range doc.All(htmltest.Tag("script", "type", "application/ld+json")) {
		var ld struct {
			Graph []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(htmltest.Text(s)), &ld); err != nil {
			t.Fatalf("JSON-LD does not parse: %v", err)
		}
		graph = append(graph, ld.Graph...)
	}
	return graph
}

// exampleSite has an example announcement whose title does not say so,
// with a deadline and an event, beside a real one, and partners of both
// kinds.
const exampleSite = `
-- data/partners.yaml --
- id: real
  name: {en: Real University, ar: الجامعة الحقيقية}
  country: DE
  type: university
  url: https://real.example/
- id: sample
  name: {en: Invented Institute, ar: المعهد المختلق}
  country: TR
  type: university
  url: https://invented.example/
  example: true
-- content/announcements/invented.en.md --
---
title: Scholarships in Ankara
date: 2026-10-01
categories: [scholarship]
deadline: 2027-01-10
eventDate: 2027-02-01
example: true
---
Invented.
-- content/announcements/invented.ar.md --
---
title: منح في أنقرة
date: 2026-10-01
categories: [scholarship]
deadline: 2027-01-10
example: true
---
مختلق.
-- content/announcements/real.en.md --
---
title: Real news
date: 2026-10-02
categories: [news, scholarship]
---
Real.
`

func TestExamplesAreNeverPresentedAsReal(t *testing.T) {
	b := mustBuild(t, newSite(t, exampleSite))
	heads := b.heads()
	for _, lang := range []string{"en", "ar"} {
		doc := b.page(lang + "/announcements/invented/index.html")
		h := heads[lang+"/announcements/invented/index.html"]
		if !h.noindex || len(h.alts) != 0 {
			t.Errorf("%s example: noindex %v, hreflang %v; want noindex and none", lang, h.noindex, h.altOrder)
		}
		for _, g := range ldOf(t, doc) {
			if g["@type"] != "Organization" {
				t.Errorf("%s example page describes itself as a real %v", lang, g["@type"])
			}
		}
		if og := doc.First(htmltest.Tag("meta", "property", "og:type")); htmltest.AttrOf(og, "content") != "website" {
			t.Errorf("%s example page has og:type %q", lang, htmltest.AttrOf(og, "content"))
		}
		if doc.First(htmltest.Class("span", "badge")) == nil {
			t.Errorf("%s example page has no Example badge", lang)
		}
		list := b.page(lang + "/announcements/index.html")
		for _, item := range list.All(htmltest.Class("li", "item")) {
			text := htmltest.Text(item)
			isExample := strings.Contains(text, "Ankara") || strings.Contains(text, "أنقرة")
			if hasBadge := htmltest.All(item, htmltest.Class("span", "badge")) != nil; hasBadge != isExample {
				t.Errorf("%s list: %q has badge %v", lang, text, hasBadge)
			}
		}
	}
	if sm := string(b.files["sitemap.xml"]); strings.Contains(sm, "/invented/") || !strings.Contains(sm, "/en/announcements/real/") {
		t.Errorf("sitemap.xml lists the example or leaves out the real page:\n%s", sm)
	}
	real := ldOf(t, b.page("en/announcements/real/index.html"))
	if len(real) < 2 || real[1]["@type"] != "NewsArticle" {
		t.Errorf("the real announcement is not a NewsArticle: %v", real)
	}
	// Where the title travels alone, it says it is an example.
	var feed atomFeed
	if err := xml.Unmarshal(b.files["en/announcements/atom.xml"], &feed); err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, e := range feed.Entries {
		titles[e.Link.Href] = e.Title
	}
	if got := titles["https://example.org/en/announcements/invented/"]; got != "Example: Scholarships in Ankara" {
		t.Errorf("feed title of the example: %q", got)
	}
	if got := titles["https://example.org/en/announcements/real/"]; got != "Real news" {
		t.Errorf("feed title of the real one: %q", got)
	}
	for _, f := range []string{"en/announcements/invented/calendar.ics", "en/announcements/calendar.ics"} {
		ics := string(b.files[f])
		if !strings.Contains(ics, "SUMMARY:Deadline: Example: Scholarships in Ankara\r\n") || !strings.Contains(ics, "SUMMARY:Example: Scholarships in Ankara\r\n") {
			t.Errorf("%s does not mark the example:\n%s", f, ics)
		}
	}
	if ics := string(b.files["ar/announcements/invented/calendar.ics"]); !strings.Contains(ics, "مثال: منح في أنقرة") {
		t.Errorf("the Arabic calendar does not mark the example:\n%s", ics)
	}
	for _, e := range readIndex(t, b.files, "ar") {
		if strings.Contains(e.URL, "invented") && e.Title != "مثال: منح في أنقرة" {
			t.Errorf("search result title of the example: %q", e.Title)
		}
	}
	// Counts of categories tell examples apart.
	for lang, want := range map[string]string{
		"en": "News (1 announcement)|Scholarships (1 announcement and 1 example)",
		"ar": "منح دراسية (مثال واحد)",
	} {
		list := b.page(lang+"/categories/index.html").One(t, htmltest.Class("ul", "categories"), "list of categories")
		var got []string
		for _, li := range htmltest.All(list, htmltest.Tag("li")) {
			got = append(got, htmltest.Text(li))
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s categories: %q, want %q", lang, strings.Join(got, "|"), want)
		}
	}
	// Partners: one real, one example.
	for lang, want := range map[string][]string{
		"en": {"1 partner institution", "The list also shows 1 example entry"},
		"ar": {"مؤسسة شريكة واحدة", "تعرض القائمة أيضاً مثالاً توضيحياً واحداً"},
	} {
		sec := htmltest.Text(b.page(lang+"/index.html").One(t, htmltest.Class("section", "partners-count"), "partner count"))
		for _, w := range want {
			if !strings.Contains(sec, w) {
				t.Errorf("%s home: %q lacks %q", lang, sec, w)
			}
		}
	}
}

// TestOfficeSiteNeverPassesExamplesOffAsReal checks every output of the
// office site, whose partners and announcements are all examples: no
// structured data names an example partner or describes an example
// announcement, no example page is offered to search engines, and every
// feed entry, calendar event and search result of one says it is an example.
func TestOfficeSiteNeverPassesExamplesOffAsReal(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot))
	s, errs := site.LoadData(os.DirFS(repoRoot))
	if s == nil {
		t.Fatal(errs)
	}
	var names []string
	for _, p := range s.Partners {
		if !p.Example {
			continue
		}
		for _, n := range p.Name {
			names = append(names, n)
		}
		names = append(names, p.URL)
	}
	if len(names) == 0 {
		t.Fatal("the office site has no example partners: this test checks nothing")
	}
	examplePages := 0
	heads := b.heads()
	for name, data := range b.files {
		if !isHTML(name, data) {
			continue
		}
		doc := htmltest.Parse(t, data)
		for _, g := range ldOf(t, doc) {
			text, _ := json.Marshal(g)
			for _, n := range names {
				if strings.Contains(string(text), n) {
					t.Errorf("%s: JSON-LD names the example partner %q", name, n)
				}
			}
		}
		if strings.HasPrefix(name, "en/announcements/20") || strings.HasPrefix(name, "ar/announcements/") && strings.Count(name, "/") == 3 && !strings.Contains(name, "/page/") {
			examplePages++
			if h := heads[name]; !h.noindex {
				t.Errorf("%s, an example, is offered to search engines", name)
			}
			for _, g := range ldOf(t, doc) {
				if g["@type"] != "Organization" {
					t.Errorf("%s, an example, is described as a real %v", name, g["@type"])
				}
			}
		}
	}
	if examplePages < 20 {
		t.Errorf("found %d example announcement pages, want the 24 samples", examplePages)
	}
	for _, lang := range []string{"en", "ar"} {
		word := map[string]string{"en": "Example", "ar": "مثال"}[lang]
		var feed atomFeed
		if err := xml.Unmarshal(b.files[lang+"/announcements/atom.xml"], &feed); err != nil {
			t.Fatal(err)
		}
		for _, e := range feed.Entries {
			if !strings.HasPrefix(e.Title, word) {
				t.Errorf("%s feed entry %q does not say it is an example", lang, e.Title)
			}
		}
		ics := string(b.files[lang+"/announcements/calendar.ics"])
		for _, line := range strings.Split(ics, "\r\n") {
			if strings.HasPrefix(line, "SUMMARY:") && !strings.Contains(line, word) {
				t.Errorf("%s calendar event %q does not say it is an example", lang, line)
			}
		}
		en := htmltest.Text(b.page("en/index.html").One(t, htmltest.Class("section", "partners-count"), "partner count"))
		if !strings.Contains(en, "No partner institutions listed yet") || !strings.Contains(en, "12 example entries") {
			t.Errorf("English home partner count: %q", en)
		}
	}
}
