package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

// head is what a built HTML page says about itself to search engines.
type head struct {
	file      string
	lang      string
	canonical string
	noindex   bool
	redirect  bool
	alts      map[string]string // hreflang → href
	altOrder  []string          // hreflang=href, in document order
}

// isHTML reports an output file that is an HTML page (pages, redirect
// pages at old .aspx addresses, 404.html).
func isHTML(name string, data []byte) bool {
	start := bytes.ToLower(data[:min(len(data), 20)])
	return strings.HasSuffix(name, ".html") || bytes.HasPrefix(start, []byte("<!doctype html"))
}

// heads parses the head of every HTML page of a build.
func (b *built) heads() map[string]*head {
	b.t.Helper()
	out := map[string]*head{}
	for name, data := range b.files {
		if !isHTML(name, data) {
			continue
		}
		doc := htmltest.Parse(b.t, data)
		h := &head{file: name, alts: map[string]string{}}
		if html := doc.First(htmltest.Tag("html")); html != nil {
			h.lang = htmltest.AttrOf(html, "lang")
		}
		canon := doc.All(htmltest.Tag("link", "rel", "canonical"))
		if len(canon) > 1 {
			b.t.Errorf("%s has %d canonical links", name, len(canon))
		}
		if len(canon) > 0 {
			h.canonical = htmltest.AttrOf(canon[0], "href")
		}
		for _, m := range doc.All(htmltest.Tag("meta", "name", "robots")) {
			h.noindex = h.noindex || strings.Contains(htmltest.AttrOf(m, "content"), "noindex")
		}
		h.redirect = doc.First(htmltest.Tag("meta", "http-equiv", "refresh")) != nil
		for _, l := range doc.All(htmltest.Tag("link", "rel", "alternate", "hreflang", "*")) {
			lang, href := htmltest.AttrOf(l, "hreflang"), htmltest.AttrOf(l, "href")
			if _, dup := h.alts[lang]; dup {
				b.t.Errorf("%s names hreflang %q twice", name, lang)
			}
			h.alts[lang] = href
			h.altOrder = append(h.altOrder, lang+"="+href)
		}
		out[name] = h
	}
	return out
}

// fileOf returns the output file an absolute address of the site is served
// from, or "" when it is not one of the site's.
func fileOf(base, abs string) string {
	if !strings.HasPrefix(abs, base) {
		return ""
	}
	p, err := url.PathUnescape(strings.TrimPrefix(abs, base))
	if err != nil {
		return ""
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// sitemapOf parses sitemap.xml into its addresses and their alternates.
func (b *built) sitemapOf() (locs []string, alts map[string][]string) {
	b.t.Helper()
	var sm xmlSitemap
	if err := xml.Unmarshal(b.files["sitemap.xml"], &sm); err != nil {
		b.t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	alts = map[string][]string{}
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc)
		var a []string
		for _, l := range u.Links {
			a = append(a, l.Hreflang+"="+l.Href)
		}
		alts[u.Loc] = a
	}
	return locs, alts
}

// checkSitemap asserts that sitemap.xml lists every page meant for search
// engines once, and nothing else: each address is an HTML page of the
// build, neither noindex nor a redirect, whose canonical address is itself.
func checkSitemap(t *testing.T, b *built, base string) {
	t.Helper()
	heads := b.heads()
	locs, _ := b.sitemapOf()
	seen := map[string]bool{}
	for _, loc := range locs {
		if seen[loc] {
			t.Errorf("sitemap.xml lists %s more than once", loc)
		}
		seen[loc] = true
		f := fileOf(base, loc)
		h := heads[f]
		switch {
		case h == nil:
			t.Errorf("sitemap.xml lists %s, which is no HTML page of the site (file %q)", loc, f)
		case h.noindex:
			t.Errorf("sitemap.xml lists %s, which asks search engines not to index it", loc)
		case h.redirect:
			t.Errorf("sitemap.xml lists %s, which redirects", loc)
		case h.canonical != loc:
			t.Errorf("sitemap.xml lists %s, whose canonical address is %q", loc, h.canonical)
		}
	}
	// And every page meant for search engines is there, but the later pages
	// of lists, which are reached from the first.
	for name, h := range heads {
		if h.noindex || h.redirect || h.canonical == "" || strings.Contains(name, "/page/") {
			continue
		}
		if fileOf(base, h.canonical) == name && !seen[h.canonical] {
			t.Errorf("%s is a page for search engines but sitemap.xml does not list it", name)
		}
	}
	if len(locs) == 0 {
		t.Fatal("sitemap.xml lists nothing")
	}
}

// checkHreflang asserts over every HTML page of a build that its hreflang
// alternates include itself, are reciprocal, come with x-default, lead to
// pages for search engines, and agree with sitemap.xml.
func checkHreflang(t *testing.T, b *built, base string) {
	t.Helper()
	heads := b.heads()
	byCanon := map[string]*head{}
	for _, h := range heads {
		if h.canonical != "" && !h.redirect && !h.noindex {
			byCanon[h.canonical] = h
		}
	}
	_, smAlts := b.sitemapOf()
	for name, h := range heads {
		if len(h.alts) == 0 {
			if alts, ok := smAlts[h.canonical]; ok && len(alts) > 0 && fileOf(base, h.canonical) == name {
				t.Errorf("%s has no hreflang but sitemap.xml gives it %v", name, alts)
			}
			continue
		}
		if h.noindex || h.redirect {
			t.Errorf("%s is not for search engines but has hreflang alternates %v", name, h.altOrder)
		}
		if got := h.alts[h.lang]; got != h.canonical {
			t.Errorf("%s: its hreflang %q is %q, not itself (%q)", name, h.lang, got, h.canonical)
		}
		xdef, ok := h.alts["x-default"]
		if !ok {
			t.Errorf("%s has hreflang alternates %v but no x-default", name, h.altOrder)
		}
		if _, hasX := h.alts["x-default"]; len(h.alts) < 2 || (hasX && len(h.alts) < 3) {
			t.Errorf("%s has hreflang for one language only: %v", name, h.altOrder)
		}
		inSet := false
		for lang, href := range h.alts {
			if lang == "x-default" {
				continue
			}
			inSet = inSet || href == xdef
			other := byCanon[href]
			if other == nil {
				t.Errorf("%s: hreflang %s leads to %s, which is not a page for search engines of this build", name, lang, href)
				continue
			}
			if other.lang != lang {
				t.Errorf("%s: hreflang %s leads to %s, a page in %q", name, lang, href, other.lang)
			}
			if !maps.Equal(other.alts, h.alts) {
				t.Errorf("%s and %s do not name each other alike:\n  %v\n  %v", name, other.file, h.altOrder, other.altOrder)
			}
		}
		if !inSet {
			t.Errorf("%s: x-default %s is none of its language versions", name, xdef)
		}
		if alts, ok := smAlts[h.canonical]; ok && !slices.Equal(alts, h.altOrder) {
			t.Errorf("%s: sitemap.xml alternates %v, the head's %v", name, alts, h.altOrder)
		}
	}
}

// seoSite has every kind of output that could share an address with a page
// or stand in for one: calendars of pages and of the list, feeds, aliases,
// old addresses, categories in one language and in two, a page in one
// language, lists of different lengths in each language, an example page.
var seoSite = `
-- data/redirects.yaml --
- from: /old/about.aspx
  to: /en/about/
-- content/about.en.md --
---
title: About us
aliases: [/en/about-us/, /en/about.html]
---
About.
-- content/about.ar.md --
---
title: من نحن
aliases: [/ar/من-نحن/]
---
عن المكتب.
-- content/only-english.en.md --
---
title: Only in English
---
No Arabic.
-- content/sample.en.md --
---
title: A sample page
example: true
---
Invented.
-- content/sample.ar.md --
---
title: صفحة توضيحية
example: true
---
مختلق.
` + seoAnnouncements()

// seoAnnouncements writes five Arabic announcements and three English
// ones (paginated by two: three pages and two), with deadlines and events,
// in categories that only Arabic has.
func seoAnnouncements() string {
	var b strings.Builder
	for i := 1; i <= 5; i++ {
		cat := "call"
		if i > 3 {
			cat = "news"
		}
		fmt.Fprintf(&b, "-- content/announcements/a%d.ar.md --\n---\ntitle: إعلان %d\ndate: 2026-10-%02d\ncategories: [%s]\ndeadline: 2027-01-%02d\ntranslationKey: a%d\n---\nنص.\n", i, i, i, cat, i, i)
	}
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, "-- content/announcements/a%d.en.md --\n---\ntitle: Announcement %d\ndate: 2026-10-%02d\ncategories: [call]\neventDate: 2027-02-%02d\n---\nText.\n", i, i, i, i)
	}
	return b.String()
}

func TestSitemapListsEveryPageForSearchEnginesOnce(t *testing.T) {
	for _, tc := range []struct {
		name, base string
		fsys       func(t *testing.T) fs.FS
	}{
		{"office site", "https://example.org/", nil},
		{"office site under a sub-path", "https://example.org/ira/", nil},
		{"every kind of output", "https://example.org/", func(t *testing.T) fs.FS { return newSite(t, seoSite) }},
		{"every kind of output under a sub-path", "https://example.org/ira/", func(t *testing.T) fs.FS { return newSite(t, seoSite) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := buildFor(t, tc.fsys, tc.base)
			checkSitemap(t, b, tc.base)
		})
	}
}

func TestHreflangIsReciprocalAndIncludesThePageItself(t *testing.T) {
	for _, tc := range []struct {
		name, base string
		fsys       func(t *testing.T) fs.FS
	}{
		{"office site", "https://example.org/", nil},
		{"every kind of output", "https://example.org/ira/", func(t *testing.T) fs.FS { return newSite(t, seoSite) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkHreflang(t, buildFor(t, tc.fsys, tc.base), tc.base)
		})
	}
}

// buildFor builds the office site, or the site fsys makes, at base.
func buildFor(t *testing.T, fsys func(*testing.T) fs.FS, base string) *built {
	t.Helper()
	set := func(o *Options) { o.BaseURL = base }
	if fsys == nil {
		return mustBuild(t, os.DirFS(repoRoot), set)
	}
	return mustBuild(t, fsys(t), set)
}

func TestListPagesDeclareTheSamePageInOtherLanguages(t *testing.T) {
	b := mustBuild(t, newSite(t, seoSite))
	heads := b.heads()
	const base = "https://example.org/"
	for file, want := range map[string][]string{
		// Arabic has three pages of announcements, English two.
		"ar/announcements/index.html":        {"ar=" + base + "ar/announcements/", "en=" + base + "en/announcements/", "x-default=" + base + "ar/announcements/"},
		"en/announcements/page/2/index.html": {"ar=" + base + "ar/announcements/page/2/", "en=" + base + "en/announcements/page/2/", "x-default=" + base + "ar/announcements/page/2/"},
		"ar/announcements/page/3/index.html": nil,
		// call is in both languages (Arabic: 2 pages, English: 2); news in Arabic only.
		"ar/categories/call/page/2/index.html": {"ar=" + base + "ar/categories/call/page/2/", "en=" + base + "en/categories/call/page/2/", "x-default=" + base + "ar/categories/call/page/2/"},
		"ar/categories/news/index.html":        nil,
		"en/search/index.html":                 {"ar=" + base + "ar/search/", "en=" + base + "en/search/", "x-default=" + base + "ar/search/"},
		"en/only-english/index.html":           nil,
		"index.html":                           nil,
		"404.html":                             nil,
		"en/sample/index.html":                 nil,
	} {
		h := heads[file]
		if h == nil {
			t.Errorf("no page %s", file)
			continue
		}
		if !slices.Equal(h.altOrder, want) {
			t.Errorf("%s: hreflang %v, want %v", file, h.altOrder, want)
		}
	}
	if c := heads["ar/announcements/page/3/index.html"].canonical; c != base+"ar/announcements/page/3/" {
		t.Errorf("page 3's canonical is %s", c)
	}
	// The switcher of a page that has no counterpart leads to the list.
	doc := b.page("ar/announcements/page/3/index.html")
	sw := doc.One(t, htmltest.Tag("a", "hreflang", "en", "rel", "alternate"), "switch to English")
	if got := htmltest.AttrOf(sw, "href"); got != "/en/announcements/" || htmltest.AttrOf(sw, "aria-describedby") == "" {
		t.Errorf("page 3 switches to %q (described: %v), want the English list, marked as the nearest page", got, htmltest.AttrOf(sw, "aria-describedby") != "")
	}
	sw = b.page("en/announcements/page/2/index.html").One(t, htmltest.Tag("a", "hreflang", "ar", "rel", "alternate"), "switch to Arabic")
	if got := htmltest.AttrOf(sw, "href"); got != "/ar/announcements/page/2/" {
		t.Errorf("English page 2 switches to %q, want Arabic page 2", got)
	}
}

// TestRebuildFollowsTranslationsOfListPages edits one language's list so
// that the other language's pages gain and lose their counterparts, and
// marks a page as an example, and compares each rebuild with a full build.
func TestRebuildFollowsTranslationsOfListPages(t *testing.T) {
	m := newSite(t, seoSite)
	b := NewBuilder(Options{Source: m, Keep: true, Now: testNow, GitDates: map[string]time.Time{}})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	en := func(i int, extra string) edit {
		return set(fmt.Sprintf("content/announcements/a%d.en.md", i), fmt.Sprintf("---\ntitle: Announcement %d\ndate: 2026-10-%02d\ntranslationKey: a%d\n%s---\nText.\n", i, i, i, extra))
	}
	edits := []edit{
		en(4, ""), en(5, ""), // English now has three pages too
		en(2, "example: true\n"),
		remove("content/announcements/a5.en.md"),
		en(2, ""),
	}
	for i, e := range edits {
		paths := e.apply(m)
		res, err := b.Build(context.Background(), &Changes{Paths: paths})
		if err != nil {
			t.Fatalf("edit %d (%s): %v", i, e.name, err)
		}
		full := mustBuild(t, m)
		if got, want := memDigest(res.Outputs), memDigest(full.files); !slices.Equal(got, want) {
			t.Fatalf("edit %d (%s): the rebuild differs from a full build:\n%s", i, e.name, diffLines(got, want))
		}
	}
}

// ogTags returns a page's Open Graph and Twitter card tags; og:locale
// :alternate may repeat, so values are lists.
func ogTags(doc *htmltest.Doc) map[string][]string {
	out := map[string][]string{}
	for _, m := range doc.All(htmltest.Tag("meta")) {
		k := htmltest.AttrOf(m, "property") + htmltest.AttrOf(m, "name")
		if strings.HasPrefix(k, "og:") || strings.HasPrefix(k, "twitter:") {
			out[k] = append(out[k], htmltest.AttrOf(m, "content"))
		}
	}
	return out
}

func TestRootAndNotFoundPagesHaveOpenGraphTags(t *testing.T) {
	office := ogTags(mustBuild(t, os.DirFS(repoRoot)).page("index.html"))
	if d := office["og:description"]; len(d) != 1 || !strings.Contains(d[0], "Al-Aqsa") && !strings.Contains(d[0], "الأقصى") {
		t.Errorf("the office's root page: og:description %q", d)
	}
	for _, base := range []string{"https://example.org/", "https://example.org/ira/"} {
		b := mustBuild(t, newSite(t, ""), func(o *Options) { o.BaseURL = base })
		root := ogTags(b.page("index.html"))
		want := map[string][]string{
			"og:type": {"website"}, "og:site_name": {"مكتب العلاقات"}, "og:title": {"مكتب العلاقات | Relations Office"},
			"og:url": {base}, "og:locale": {"ar_AR"}, "og:locale:alternate": {"en_GB"}, "twitter:card": {"summary"},
		}
		for k, v := range want {
			if !slices.Equal(root[k], v) {
				t.Errorf("%s root page: %s = %q, want %q", base, k, root[k], v)
			}
		}
		if d, ok := root["og:description"]; ok && d[0] == "" {
			t.Errorf("%s root page has an empty og:description", base)
		}
		nf := b.page("404.html")
		tags := ogTags(nf)
		if got := tags["og:title"]; len(got) != 1 || !strings.Contains(got[0], "Page not found") || !strings.Contains(got[0], "الصفحة غير موجودة") {
			t.Errorf("404 og:title = %q, want both languages", got)
		}
		if !slices.Equal(tags["og:locale:alternate"], []string{"en_GB"}) || len(tags["og:description"]) != 1 || tags["og:description"][0] == "" {
			t.Errorf("404 Open Graph tags: %v", tags)
		}
		// The 404 page is served at any address that has no page: it has no
		// address of its own to give, and asks not to be indexed.
		if tags["og:url"] != nil || nf.First(htmltest.Tag("link", "rel", "canonical")) != nil {
			t.Errorf("404 names an address of its own: %v", tags["og:url"])
		}
		if nf.First(htmltest.Tag("meta", "name", "robots", "content", "noindex")) == nil {
			t.Error("404 does not ask to be left out of search engines")
		}
	}
}

// vagueLinks are link texts that say nothing out of context (Lighthouse's
// list for English, and their Arabic counterparts).
var vagueLinks = map[string]bool{
	"click here": true, "click this": true, "go": true, "here": true, "information": true, "learn more": true,
	"more": true, "more info": true, "more information": true, "right here": true, "read more": true,
	"see more": true, "start": true, "this": true, "link": true, "continue": true, "continue reading": true,
	"اضغط هنا": true, "انقر هنا": true, "هنا": true, "المزيد": true, "اقرأ المزيد": true, "اقرأ أكثر": true,
	"الرابط": true, "رابط": true, "التفاصيل": true, "المزيد من المعلومات": true, "اعرف المزيد": true,
}

func TestEveryLinkSaysWhereItLeads(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot))
	n := 0
	for name, data := range b.files {
		if !isHTML(name, data) {
			continue
		}
		doc := htmltest.Parse(t, data)
		for _, a := range doc.All(htmltest.Tag("a", "href", "*")) {
			n++
			text := htmltest.AttrOf(a, "aria-label")
			if text == "" {
				text = htmltest.Text(a)
			}
			norm := strings.ToLower(strings.Trim(text, " .…:!›»←→"))
			if norm == "" || vagueLinks[norm] {
				t.Errorf("%s: the link to %s reads %q", name, htmltest.AttrOf(a, "href"), text)
			}
		}
	}
	if n < 500 {
		t.Errorf("found %d links in the office site: the test looked at too little", n)
	}
	// The home page's link to the about page names it.
	for lang, want := range map[string]string{"en": "Read more: About us", "ar": "اقرأ المزيد: من نحن"} {
		found := false
		for _, a := range b.page(lang + "/index.html").All(htmltest.Class("a", "more")) {
			if strings.HasSuffix(htmltest.AttrOf(a, "href"), "/"+lang+"/about/") {
				found = true
				if got := htmltest.Text(a); got != want {
					t.Errorf("%s home: the link to the about page reads %q, want %q", lang, got, want)
				}
			}
		}
		if !found {
			t.Errorf("%s home has no link to the about page", lang)
		}
	}
}
