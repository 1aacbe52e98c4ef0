package build

import (
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/alaqsa-ira/site/internal/search"
)

// indexed is one page of a built search index: what a result shows, and
// every term that finds it.
type indexed struct {
	search.Doc
	Terms map[string]bool
}

// finds reports whether searching the text finds the page: every term
// of the text leads to it.
func (e indexed) finds(text string) bool {
	for _, t := range search.Terms(text) {
		if !e.Terms[t] {
			return false
		}
	}
	return true
}

// readIndex reads back the search index of a language from a built
// site's files, page by page, in its order.
func readIndex(t *testing.T, files map[string][]byte, lang string) []indexed {
	t.Helper()
	dir := lang + "/search/"
	rel := map[string][]byte{}
	for name, data := range files {
		if r, ok := strings.CutPrefix(name, dir); ok {
			rel[r] = data
		}
	}
	r, err := search.ReadIndex(files[dir+"index.json"], rel)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]indexed, r.Len())
	for i := range out {
		d, err := r.Doc(i)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = indexed{Doc: d, Terms: map[string]bool{}}
	}
	for name, data := range rel {
		if !strings.HasPrefix(name, "t/") {
			continue
		}
		for _, term := range shardTerms(t, data) {
			for _, i := range r.Find(term) {
				out[i].Terms[term] = true
			}
		}
	}
	return out
}

// shardTerms lists the terms of a shard.
func shardTerms(t *testing.T, data []byte) []string {
	t.Helper()
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestSearchFindsDataTextOnThePagesThatShowIt: the objectives and the
// partners' names and cities, which layouts take from data files, find
// the pages that show them, in each language, and no other page.
func TestSearchFindsDataTextOnThePagesThatShowIt(t *testing.T) {
	b := mustBuild(t, newSite(t, `
-- content/vision.en.md --
---
title: Vision
layout: vision
---
Our vision.
-- content/vision.ar.md --
---
title: الرؤية
layout: vision
---
رؤيتنا.
-- content/partners.en.md --
---
title: Partners
layout: partners
---
-- content/partners.ar.md --
---
title: الشركاء
layout: partners
---
نتعاون مع جامعات.
-- data/objectives.yaml --
- id: one
  text:
    en: To sign agreements with universities in Scandinavia.
    ar: توقيع اتفاقيات مع جامعات في إسكندنافيا.
-- data/partners.yaml --
- id: example-kyoto
  name:
    en: Example Institute of Kyoto
    ar: معهد المثال في كيوتو
  country: JP
  city:
    en: Kyoto
    ar: كيوتو
  type: university
  example: true
`))
	for _, c := range []struct{ lang, page, query string }{
		{"en", "/en/vision/", "Scandinavia"},
		{"en", "/en/vision/", "signing agreements"},
		{"ar", "/ar/vision/", "إسكندنافيا"},
		{"ar", "/ar/vision/", "الاتفاقية"},
		{"en", "/en/partners/", "Kyoto institute"},
		{"ar", "/ar/partners/", "كيوتو"},
		{"ar", "/ar/partners/", "المعهد"},
	} {
		var found []string
		for _, e := range readIndex(t, b.files, c.lang) {
			if e.finds(c.query) {
				found = append(found, e.URL)
			}
		}
		if len(found) != 1 || !strings.HasSuffix(found[0], c.page) {
			t.Errorf("%s: searching %q finds %q, want %s", c.lang, c.query, found, c.page)
		}
	}
}

// TestSearchPageWithoutScriptPointsToTheSitemap: a reader without
// JavaScript is told so on the search page, in its language, and given
// the HTML sitemap of the language, which lists every page.
func TestSearchPageWithoutScriptPointsToTheSitemap(t *testing.T) {
	b := mustBuild(t, newSite(t, ""))
	for _, lang := range []string{"ar", "en"} {
		ns := b.page(lang+"/search/index.html").One(t, htmltest.Tag("noscript"), "noscript")
		// The parser reads noscript's content as text, as a browser
		// with scripts on does: parse it again.
		inner, err := html.Parse(strings.NewReader(htmltest.Text(ns)))
		if err != nil {
			t.Fatal(err)
		}
		links := htmltest.All(inner, htmltest.Tag("a"))
		if len(links) != 1 || htmltest.AttrOf(links[0], "href") != "/"+lang+"/sitemap/" {
			t.Errorf("%s: the search page without script says %q", lang, htmltest.Text(ns))
		}
		if _, ok := b.files[lang+"/sitemap/index.html"]; !ok {
			t.Errorf("%s: there is no sitemap page", lang)
		}
	}
}
