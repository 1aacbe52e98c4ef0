package build

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alaqsa-ira/site/internal/cms"
	"github.com/alaqsa-ira/site/internal/htmltest"
	"golang.org/x/net/html"
)

const lifecycleSite = `
-- content/announcements/published.en.md --
` + "---\ntitle: Published\ndate: 2026-10-01\n---\nOut.\n" + `
-- content/announcements/draft.en.md --
` + "---\ntitle: Draft\ndate: 2026-10-01\ndraft: true\n---\nNot yet.\n" + `
-- content/announcements/future.en.md --
` + "---\ntitle: Future\ndate: 2026-10-01\npublishDate: 2027-01-01\n---\nLater.\n" + `
-- content/announcements/future-date.en.md --
` + "---\ntitle: Future date\ndate: 2027-02-01\n---\nLater.\n" + `
-- content/announcements/expired.en.md --
` + "---\ntitle: Expired\ndate: 2026-01-01\nexpiryDate: 2026-06-01\n---\nGone.\n"

func TestDraftsFutureAndExpiredAreLeftOut(t *testing.T) {
	b := mustBuild(t, newSite(t, lifecycleSite))
	hidden := []string{"draft", "future", "future-date", "expired"}
	for _, name := range hidden {
		if b.has("en/announcements/" + name + "/index.html") {
			t.Errorf("%s was published", name)
		}
	}
	if !b.has("en/announcements/published/index.html") {
		t.Fatal("the published announcement is missing")
	}
	everywhere := []string{"en/announcements/index.html", "en/index.html", "en/announcements/atom.xml", "sitemap.xml", "en/sitemap/index.html"}
	for _, f := range everywhere {
		text := string(b.files[f])
		if !strings.Contains(text, "/en/announcements/published/") {
			t.Errorf("%s does not list the published announcement", f)
		}
		for _, name := range hidden {
			if strings.Contains(text, "/en/announcements/"+name+"/") {
				t.Errorf("%s lists %s", f, name)
			}
		}
	}

	withDrafts := mustBuild(t, newSite(t, lifecycleSite), func(o *Options) { o.Drafts = true })
	doc := withDrafts.page("en/announcements/draft/index.html")
	if doc.First(htmltest.Class("p", "draft-marker")) == nil {
		t.Error("a draft built with drafts on has no draft marker")
	}
	if withDrafts.has("en/announcements/future/index.html") {
		t.Error("drafts on must not publish future pages")
	}
}

func TestAliasesRedirectToThePage(t *testing.T) {
	b := mustBuild(t, newSite(t, `
-- content/about.en.md --
---
title: About
aliases: [/en/about-us/, /old/about.html, who-we-are]
---
Text.
`))
	for _, f := range []string{"en/about-us/index.html", "old/about.html", "en/who-we-are/index.html"} {
		doc := b.page(f)
		refresh := doc.One(t, htmltest.Tag("meta", "http-equiv", "refresh"), "meta refresh in "+f)
		if got := htmltest.AttrOf(refresh, "content"); got != "0; url=/en/about/" {
			t.Errorf("%s: refresh = %q", f, got)
		}
		canon := doc.One(t, htmltest.Tag("link", "rel", "canonical"), "canonical in "+f)
		if got := htmltest.AttrOf(canon, "href"); got != "https://example.org/en/about/" {
			t.Errorf("%s: canonical = %q", f, got)
		}
		if doc.First(htmltest.Tag("a", "href", "/en/about/")) == nil {
			t.Errorf("%s: no plain link for readers whose browser ignores refresh", f)
		}
	}
}

type xmlSitemap struct {
	URLs []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

func TestSitemapHasHreflangAlternatesAndXDefault(t *testing.T) {
	b := mustBuild(t, newSite(t, pairedSite))
	var sm xmlSitemap
	if err := xml.Unmarshal(b.files["sitemap.xml"], &sm); err != nil {
		t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	byLoc := map[string][]string{}
	for _, u := range sm.URLs {
		var alts []string
		for _, l := range u.Links {
			alts = append(alts, l.Hreflang+"="+l.Href)
		}
		byLoc[u.Loc] = alts
	}
	want := []string{
		"ar=https://example.org/ar/about/",
		"en=https://example.org/en/about/",
		"x-default=https://example.org/ar/about/",
	}
	for _, loc := range []string{"https://example.org/en/about/", "https://example.org/ar/about/"} {
		if got := byLoc[loc]; !slices.Equal(got, want) {
			t.Errorf("%s alternates = %v, want %v", loc, got, want)
		}
	}
	if alts, ok := byLoc["https://example.org/en/only-english/"]; !ok || len(alts) != 0 {
		t.Errorf("an untranslated page: present %v, alternates %v; want present without alternates", ok, alts)
	}
	arabic := "https://example.org/ar/announcements/%D9%85%D9%86%D8%AD%D8%A9/"
	if _, ok := byLoc[arabic]; !ok {
		t.Errorf("the Arabic slug is not in the sitemap percent-encoded as %s", arabic)
	}
	robots := string(b.files["robots.txt"])
	if !strings.Contains(robots, "Sitemap: https://example.org/sitemap.xml") {
		t.Errorf("robots.txt does not point to the sitemap:\n%s", robots)
	}
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestFeedsParseAsAtom(t *testing.T) {
	b := mustBuild(t, newSite(t, pairedSite))
	for _, f := range []string{"en/announcements/atom.xml", "ar/announcements/atom.xml"} {
		var feed atomFeed
		if err := xml.Unmarshal(b.files[f], &feed); err != nil {
			t.Fatalf("%s is not Atom: %v", f, err)
		}
		if feed.ID == "" || feed.Title == "" || feed.Updated == "" || len(feed.Links) < 2 {
			t.Errorf("%s lacks required feed elements: %+v", f, feed)
		}
		if len(feed.Entries) == 0 {
			t.Fatalf("%s has no entries", f)
		}
		for _, e := range feed.Entries {
			if e.ID == "" || e.Title == "" || e.Updated == "" || !strings.HasPrefix(e.Link.Href, "https://example.org/") {
				t.Errorf("%s: incomplete entry %+v", f, e)
			}
		}
	}
}

// TestEveryLinkResolvesUnderASubPath builds the office site itself under a
// sub-path and follows every internal link and resource of every page.
func TestEveryLinkResolvesUnderASubPath(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot), func(o *Options) { o.BaseURL = "https://ira.test/ira/" })
	checked := 0
	for f, data := range b.files {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		doc := htmltest.Parse(t, data)
		for _, n := range doc.All(func(n *html.Node) bool { return n.Type == html.ElementNode }) {
			link, ok := htmltest.Attr(n, "href")
			if !ok {
				link, ok = htmltest.Attr(n, "src")
			}
			if !ok {
				continue
			}
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad URL %q", f, link)
				continue
			}
			switch {
			case strings.HasPrefix(f, cms.Dir+"/") && n.Data == "script" && link == cms.ScriptURL:
				// The web editor, not a reader's page, loads its CMS from
				// the CDN, pinned with an integrity hash.
				if _, ok := htmltest.Attr(n, "integrity"); !ok {
					t.Errorf("%s: the CMS script has no integrity hash", f)
				}
				continue
			case u.Host != "" && u.Host != "ira.test" && n.Data != "a":
				t.Errorf("%s: <%s> loads %q from another site; pages load nothing from third parties", f, n.Data, link)
				continue
			case u.Host == "ira.test" && n.Data == "a":
				t.Errorf("%s: <a href=%q> is absolute; links in pages must work on any host", f, link)
				continue
			case u.Host == "ira.test":
			case u.Scheme != "" || u.Host != "" || link == "" || strings.HasPrefix(link, "#"):
				continue
			}
			p := u.Path
			if !strings.HasPrefix(p, "/") {
				p = path.Join("/ira/"+path.Dir(f), p)
			}
			if !strings.HasPrefix(p, "/ira/") {
				t.Errorf("%s: link %q escapes the sub-path /ira/", f, link)
				continue
			}
			target := strings.TrimPrefix(p, "/ira/")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if !b.has(target) {
				t.Errorf("%s: link %q leads to %s, which was not built", f, link, target)
			}
			checked++
		}
	}
	if checked < 500 {
		t.Errorf("only %d links checked; the crawl is not seeing the site", checked)
	}
}

func TestOfficeSiteHasItsRealContent(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot))
	vision := b.page("en/vision/index.html")
	objectives := vision.One(t, htmltest.Class("ol", "objectives"), "objectives list")
	if n := len(htmltest.All(objectives, htmltest.Tag("li"))); n != 8 {
		t.Errorf("the English vision page lists %d objectives, want 8", n)
	}
	text := htmltest.Text(vision.Root)
	for _, want := range []string{"seeks to build a broad international network", "Our mission is to build partnerships"} {
		if !strings.Contains(text, want) {
			t.Errorf("the vision page lacks %q", want)
		}
	}
	arVision := b.page("ar/vision/index.html")
	arObjectives := arVision.One(t, htmltest.Class("ol", "objectives"), "Arabic objectives list")
	if n := len(htmltest.All(arObjectives, htmltest.Tag("li"))); n != 8 {
		t.Errorf("the Arabic vision page lists %d objectives, want 8", n)
	}
	partners := b.page("en/partners/index.html")
	cards := partners.All(htmltest.Class("li", "partner"))
	if len(cards) < 12 {
		t.Errorf("%d partners, want a dozen samples", len(cards))
	}
	for _, c := range cards {
		if !strings.Contains(htmltest.Text(c), "example") {
			t.Errorf("a sample partner does not say it is an example: %q", htmltest.Text(c))
		}
	}
	home := b.page("ar/index.html")
	// All twelve partners are examples: none is counted as real.
	count := htmltest.Text(home.One(t, htmltest.Class("section", "partners-count"), "partner count"))
	if !strings.Contains(count, "لم تُدرج أي مؤسسة شريكة بعد") || !strings.Contains(count, "١٢ مثالاً توضيحياً") {
		t.Errorf("Arabic home partner count = %q, want no real partners and ١٢ examples", count)
	}
	if n := len(home.All(htmltest.Class("li", "card"))); n == 0 {
		t.Error("the home page shows no latest announcements")
	}
	for f := range b.files {
		if strings.HasPrefix(f, "en/announcements/20") && strings.HasSuffix(f, "/index.html") {
			if !strings.Contains(htmltest.Text(b.page(f).Root), "Example") {
				t.Errorf("%s does not say it is an example", f)
			}
		}
	}
}

func TestLastUpdatedComesFromLastmodThenGitThenDate(t *testing.T) {
	site := newSite(t, `
-- content/a.en.md --
---
title: A
date: 2026-01-05
lastmod: 2026-03-07
---
-- content/b.en.md --
---
title: B
date: 2026-01-05
---
-- content/c.en.md --
---
title: C
date: 2026-01-05
---
`)
	git := map[string]time.Time{
		"content/a.en.md": time.Date(2026, 9, 9, 0, 0, 0, 0, time.UTC),
		"content/b.en.md": time.Date(2026, 8, 8, 0, 0, 0, 0, time.UTC),
	}
	b := mustBuild(t, site, func(o *Options) { o.GitDates = git })
	for page, want := range map[string]string{"a": "2026-03-07", "b": "2026-08-08", "c": "2026-01-05"} {
		doc := b.page("en/" + page + "/index.html")
		p := doc.One(t, htmltest.Class("p", "updated"), "last updated line")
		tm := htmltest.All(p, htmltest.Tag("time"))
		if len(tm) != 1 || htmltest.AttrOf(tm[0], "datetime") != want {
			t.Errorf("%s: last updated %q, want %s", page, htmltest.Text(p), want)
		}
	}
}

func TestStylesheetUsesLogicalPropertiesOnly(t *testing.T) {
	css, err := os.ReadFile(repoRoot + "/static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	physical := regexp.MustCompile(`(?m)(^|[;{\s])((margin|padding|border)-(left|right)[a-z-]*|left|right)\s*:|(text-align|float|clear)\s*:\s*(left|right)`)
	for i, line := range strings.Split(string(css), "\n") {
		if m := physical.FindString(line); m != "" {
			t.Errorf("site.css:%d: %q is a physical property; use its logical form (inline-start, inline-end, start, end)", i+1, strings.TrimSpace(line))
		}
	}
}

func TestRootAndNotFoundPagesServeBothLanguagesWithoutScript(t *testing.T) {
	b := mustBuild(t, newSite(t, ""), func(o *Options) { o.BaseURL = "https://example.org/ira/" })
	for _, f := range []string{"index.html", "404.html"} {
		doc := b.page(f)
		for _, s := range doc.All(htmltest.Tag("script")) {
			// The registration of the offline reading worker is not
			// needed to read the page.
			if htmltest.AttrOf(s, "type") != "application/ld+json" && !strings.Contains(htmltest.Text(s), "serviceWorker") {
				t.Errorf("%s needs JavaScript", f)
			}
		}
		for _, lang := range []string{"ar", "en"} {
			sec := doc.First(htmltest.Tag("section", "lang", lang))
			if sec == nil {
				t.Errorf("%s has no %s section", f, lang)
				continue
			}
			home := htmltest.All(sec, htmltest.Tag("a", "href", "/ira/"+lang+"/", "hreflang", lang))
			if len(home) != 1 {
				t.Errorf("%s: the %s section does not link to /ira/%s/", f, lang, lang)
			}
		}
		if doc.First(htmltest.Class("header", "site-header")) != nil {
			t.Errorf("%s is wrapped in the one-language page skeleton", f)
		}
		if len(doc.All(htmltest.Tag("h1"))) != 1 {
			t.Errorf("%s has %d h1, want 1", f, len(doc.All(htmltest.Tag("h1"))))
		}
	}
}

func TestDeadlinesAndEventsHaveCalendars(t *testing.T) {
	b := mustBuild(t, newSite(t, `
-- content/announcements/conf.en.md --
---
title: A conference
date: 2026-10-01
eventDate: 2027-03-22
eventEnd: 2027-03-24
location: Amman
---
Come.
-- content/announcements/call.en.md --
---
title: A call
date: 2026-10-02
deadline: 2027-01-15
---
Apply.
-- content/announcements/news.en.md --
---
title: News
date: 2026-10-03
---
Nothing to add.
`))
	conf := string(b.files["en/announcements/conf/calendar.ics"])
	for _, want := range []string{"DTSTART;VALUE=DATE:20270322\r\n", "DTEND;VALUE=DATE:20270325\r\n", "LOCATION:Amman\r\n", "SUMMARY:A conference\r\n"} {
		if !strings.Contains(conf, want) {
			t.Errorf("the conference's calendar lacks %q:\n%s", want, conf)
		}
	}
	if call := string(b.files["en/announcements/call/calendar.ics"]); !strings.Contains(call, "SUMMARY:Deadline: A call\r\n") || !strings.Contains(call, "DTSTART;VALUE=DATE:20270115\r\n") {
		t.Errorf("the call's calendar:\n%s", call)
	}
	if b.has("en/announcements/news/calendar.ics") {
		t.Error("a page without a deadline or an event has a calendar")
	}
	section := string(b.files["en/announcements/calendar.ics"])
	if strings.Count(section, "BEGIN:VEVENT") != 2 {
		t.Errorf("the section's calendar has %d events, want 2:\n%s", strings.Count(section, "BEGIN:VEVENT"), section)
	}
	doc := b.page("en/announcements/conf/index.html")
	if a := doc.First(htmltest.Class("a", "calendar")); a == nil || htmltest.AttrOf(a, "href") != "/en/announcements/conf/calendar.ics" {
		t.Error("the page does not offer its calendar")
	}
	if ev := doc.First(htmltest.Class("span", "event")); ev == nil || !strings.Contains(htmltest.Text(ev), "22–24 March 2027 · Amman") {
		t.Errorf("the page does not show the event's dates and place")
	}
	if list := b.page("en/announcements/index.html"); list.First(htmltest.Tag("a", "href", "/en/announcements/calendar.ics")) == nil {
		t.Error("the list does not offer the calendar feed")
	}
}

func TestPagesDescribeThemselvesForSharing(t *testing.T) {
	b := mustBuild(t, newSite(t, `
-- content/announcements/conf.en.md --
---
title: A conference
description: Come to the conference.
date: 2026-10-01
eventDate: 2027-03-22
location: Amman
---
Come.
-- content/announcements/odd.en.md --
---
title: "Odd </script><script>alert(1)</script> & \"quotes\""
date: 2026-10-02
---
Text.
`))
	doc := b.page("en/announcements/conf/index.html")
	meta := map[string]string{}
	for _, m := range doc.All(htmltest.Tag("meta")) {
		if k := htmltest.AttrOf(m, "property") + htmltest.AttrOf(m, "name"); k != "" {
			meta[k] = htmltest.AttrOf(m, "content")
		}
	}
	for k, want := range map[string]string{
		"og:type": "article", "og:title": "A conference", "og:description": "Come to the conference.",
		"og:url": "https://example.org/en/announcements/conf/", "og:locale": "en_GB", "twitter:card": "summary",
	} {
		if meta[k] != want {
			t.Errorf("%s = %q, want %q", k, meta[k], want)
		}
	}
	script := doc.One(t, htmltest.Tag("script", "type", "application/ld+json"), "JSON-LD")
	var ld struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(htmltest.Text(script)), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v", err)
	}
	var types []string
	for _, g := range ld.Graph {
		types = append(types, fmt.Sprint(g["@type"]))
	}
	if strings.Join(types, " ") != "Organization NewsArticle Event" {
		t.Errorf("JSON-LD types %v", types)
	}
	if ev := ld.Graph[2]; ev["startDate"] != "2027-03-22" || ev["location"].(map[string]any)["name"] != "Amman" {
		t.Errorf("event %v", ev)
	}
	// A title that tries to end the script element stays inside the JSON.
	odd := b.page("en/announcements/odd/index.html")
	if n := len(odd.All(htmltest.Tag("script"))); n != 2 || !strings.Contains(htmltest.Text(odd.All(htmltest.Tag("script"))[1]), "serviceWorker") {
		t.Fatalf("%d script elements, want the JSON-LD and the offline reading worker's registration alone", n)
	}
	ld.Graph = nil
	if err := json.Unmarshal([]byte(htmltest.Text(odd.One(t, htmltest.Tag("script", "type", "application/ld+json"), "JSON-LD"))), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v", err)
	}
	if h := ld.Graph[1]["headline"]; h != `Odd </script><script>alert(1)</script> & "quotes"` {
		t.Errorf("headline = %q", h)
	}
}

func TestImagesReserveTheirPlaceAndLoadLazily(t *testing.T) {
	var png bytes.Buffer
	if err := pngEncode(&png, 120, 80); err != nil {
		t.Fatal(err)
	}
	site := newSite(t, `
-- content/a.en.md --
---
title: A
---
Exchanges grew.

By a third.

![A chart of exchanges](/images/chart.png)
`)
	site["static/images/chart.png"] = &fstest.MapFile{Data: png.Bytes()}
	b := mustBuild(t, site, func(o *Options) { o.BaseURL = "https://example.org/ira/" })
	img := b.page("en/a/index.html").One(t, htmltest.Tag("img"), "image")
	// A photo below the first screen's blocks; its one derivative, as
	// it is narrower than every width.
	for k, want := range map[string]string{"width": "120", "height": "80", "loading": "lazy", "alt": "A chart of exchanges"} {
		if got := htmltest.AttrOf(img, k); got != want {
			t.Errorf("img %s = %q, want %q", k, got, want)
		}
	}
	if src := htmltest.AttrOf(img, "src"); !regexp.MustCompile(`^/ira/images/chart-120\.[0-9a-f]{12}\.jpg$`).MatchString(src) {
		t.Errorf("img src = %q, want the 120 px derivative beside where the PNG was", src)
	}
	partners := mustBuild(t, os.DirFS(repoRoot)).page("en/partners/index.html")
	// The logos in the list (the emblem in the header is decorative, with
	// an empty alt, and loads at once).
	for _, logo := range htmltest.All(partners.One(t, htmltest.Tag("main"), "main"), htmltest.Tag("img")) {
		if htmltest.AttrOf(logo, "width") == "" || htmltest.AttrOf(logo, "height") == "" || htmltest.AttrOf(logo, "loading") != "lazy" || htmltest.AttrOf(logo, "alt") == "" {
			t.Errorf("partner logo %q lacks a size, lazy loading or alt text", htmltest.AttrOf(logo, "src"))
		}
	}
}

func pngEncode(w io.Writer, width, height int) error {
	return png.Encode(w, image.NewGray(image.Rect(0, 0, width, height)))
}

// TestSearchIndexCoversEveryPage checks that the search index of each
// language lists each of its pages, finds each by its title, and reports
// its size against the text it covers.
func TestSearchIndexCoversEveryPage(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot))
	for _, lang := range []string{"ar", "en"} {
		entries := readIndex(t, b.files, lang)
		pages, text, size, gzSize := 0, 0, 0, 0
		for f, data := range b.files {
			if strings.HasPrefix(f, lang+"/") && strings.HasSuffix(f, "/index.html") && !strings.Contains(f, "/page/") &&
				!strings.Contains(f, "/categories/") && !strings.Contains(f, "/sitemap/") && !strings.Contains(f, "/search/") &&
				!strings.Contains(f, "about-us") && f != lang+"/index.html" {
				pages++
			}
			if strings.HasPrefix(f, lang+"/search/") && strings.HasSuffix(f, ".json") {
				var gz bytes.Buffer
				w := gzip.NewWriter(&gz)
				_, _ = w.Write(data)
				_ = w.Close()
				size, gzSize = size+len(data), gzSize+gz.Len()
			}
		}
		for _, e := range entries {
			text += len(e.Title) + len(e.Text)
			if !e.finds(e.Title) {
				t.Errorf("%s: searching the title %q does not find its page", lang, e.Title)
			}
		}
		t.Logf("%s: %d entries, index %d bytes (%d gzip, file by file) for %d bytes of text", lang, len(entries), size, gzSize, text)
		if len(entries) != pages {
			t.Errorf("%s: %d entries for %d pages", lang, len(entries), pages)
		}
		if float64(size) > 4*float64(text) {
			t.Errorf("%s: the index is %d bytes for %d bytes of text", lang, size, text)
		}
	}
}
