package view

import (
	"context"
	"html/template"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alaqsa-ira/site/internal/assets"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/site"
)

// The view's Context and Page carry the record of a render through the
// engine's partial cache.
var (
	_ layout.Recorder = (*Context)(nil)
	_ layout.Recorder = (*Page)(nil)
)

// testSite is a small site in two languages: an announcements section of
// three pages (paginated by two), an about page in both languages and a
// contact page in English only.
var testSite = map[string]string{
	"data/site.yaml": `
baseURL: https://example.org/ira/
defaultLanguage: ar
timeZone: Asia/Gaza
paginate: 2
categories: [news]
languages:
  - {code: ar, name: العربية, direction: rtl, digits: arab, title: مكتب العلاقات, university: جامعة المثال, description: وصف الموقع}
  - {code: en, name: English, direction: ltr, digits: latn, title: Relations Office, university: Example University, description: The site.}
menus:
  ar: [{page: /, name: الرئيسية}, {page: about, name: عن المكتب}]
  en: [{page: /, name: Home}, {page: about, name: About}]
`,
	"content/_index.ar.md":               "---\ntitle: الرئيسية\n---\n",
	"content/_index.en.md":               "---\ntitle: Home\n---\n",
	"content/about.ar.md":                "---\ntitle: عن المكتب\n---\nنص.\n",
	"content/about.en.md":                "---\ntitle: About\ndescription: Who we are.\n---\nText.\n",
	"content/contact.en.md":              "---\ntitle: Contact\n---\nWrite to us. See [about](about.en.md).\n",
	"content/announcements/_index.en.md": "---\ntitle: Announcements\n---\n",
	"content/announcements/a.en.md":      "---\ntitle: A\ndate: 2026-01-03\ncategories: [news]\n---\nFirst paragraph of A.\n",
	"content/announcements/b.en.md":      "---\ntitle: B\ndate: 2026-01-02\nexample: true\n---\nB.\n",
	"content/announcements/c.en.md":      "---\ntitle: C\ndate: 2026-01-01\n---\nC.\n",
}

// newView loads testSite and returns its view, with an HTML page for
// every content page and each page of the announcements' list.
func newView(t *testing.T) (*View, *site.Assembly, []*HTMLPage) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range testSite {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	repo := os.DirFS("../..")
	for _, lang := range []string{"ar", "en"} {
		b, err := fs.ReadFile(repo, "data/i18n/"+lang+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		fsys["data/i18n/"+lang+".yaml"] = &fstest.MapFile{Data: b}
	}
	s, errs := site.LoadData(fsys)
	errs = append(errs, site.LoadContent(context.Background(), fsys, s, markdown.New(), site.Options{})...)
	a, more := site.Assemble(s, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), false)
	if errs = append(errs, more...); len(errs) > 0 {
		t.Fatalf("loading the test site: %v", errs)
	}
	var pages []*HTMLPage
	for _, p := range a.Pages {
		if p.Kind != site.KindSection {
			pages = append(pages, &HTMLPage{Kind: Content, Page: p, Num: 1, Total: 1})
			continue
		}
		items := a.Section(p.Lang, p.Section)
		for n := 1; n <= 2; n++ {
			pages = append(pages, &HTMLPage{Kind: Content, Page: p, Num: n, Total: 2, Items: items[2*(n-1) : min(2*n, len(items))]})
		}
	}
	set, err := assets.Prepare(fsys, "static", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := site.ParseBaseURL("https://example.org/ira/")
	return New(a, Options{Base: base, Assets: set, Pages: pages, FS: fsys}), a, pages
}

// htmlPage finds the HTML page of a source file, or page num of a list.
func htmlPage(t *testing.T, pages []*HTMLPage, source string, num int) *HTMLPage {
	t.Helper()
	for _, hp := range pages {
		if hp.Page.Source == source && max(hp.Num, 1) == num {
			return hp
		}
	}
	t.Fatalf("no page of %s", source)
	return nil
}

func TestDepsRecordEachOnceInTheOrderRead(t *testing.T) {
	d := NewDeps()
	home, menu := Dep{Kind: DepHome, Lang: "en"}, Dep{Kind: DepMenu, Lang: "en"}
	d.Add(home, menu, home)
	mark := d.Mark()
	d.Add(menu, Dep{Kind: DepAll}, Dep{Kind: DepHome, Lang: "ar"})
	if want := []Dep{home, menu, {Kind: DepAll}, {Kind: DepHome, Lang: "ar"}}; !slices.Equal(d.List(), want) {
		t.Errorf("recorded %v, want %v", d.List(), want)
	}
	other := NewDeps()
	other.Replay(d.Since(mark))
	if want := []Dep{{Kind: DepAll}, {Kind: DepHome, Lang: "ar"}}; !slices.Equal(other.List(), want) {
		t.Errorf("replayed %v, want %v", other.List(), want)
	}
	var none *Deps
	none.Add(home)
	none.Show("text")
	none.Replay(d.Since(0))
	if none.List() != nil || none.Shown() != "" || none.Mark() != 0 {
		t.Error("a nil record records")
	}
}

// TestReadingTheSiteRecordsWhatWasRead checks that each way a layout
// reaches other pages records a typed Dep.
func TestReadingTheSiteRecordsWhatWasRead(t *testing.T) {
	v, _, _ := newView(t)
	cases := []struct {
		name string
		read func(s *Site)
		want []Dep
	}{
		{"home", func(s *Site) { s.Home() }, []Dep{{Kind: DepHome, Lang: "en"}}},
		{"page by key", func(s *Site) { s.GetPage("nope") }, []Dep{{Kind: DepPage, Lang: "en", Name: "nope"}}},
		{"section", func(s *Site) { s.Latest("announcements", 1) }, []Dep{{Kind: DepSection, Lang: "en", Name: "announcements"}}},
		{"section page", func(s *Site) { s.SectionPage("announcements") }, []Dep{{Kind: DepSection, Lang: "en", Name: "announcements"}}},
		{"open calls", func(s *Site) { s.OpenCalls(3) }, []Dep{{Kind: DepSection, Lang: "en", Name: "announcements"}}},
		{"menu", func(s *Site) { s.Menu() }, []Dep{{Kind: DepMenu, Lang: "en"}}},
		{"categories", func(s *Site) { s.Categories() }, []Dep{{Kind: DepAll}}},
		{"regular pages", func(s *Site) { s.RegularPages() }, []Dep{{Kind: DepAll}}},
		{"nothing of other pages", func(s *Site) { s.Title(); s.Contact(); s.RelURL("/x/") }, nil},
	}
	for _, c := range cases {
		d := NewDeps()
		c.read(v.Site("en").WithDeps(d))
		if !slices.Equal(d.List(), c.want) {
			t.Errorf("%s recorded %v, want %v", c.name, d.List(), c.want)
		}
	}
}

func TestMarkdownLinksAndImagesRecordWhatTheyReach(t *testing.T) {
	v, a, _ := newView(t)
	d := NewDeps()
	doc := v.Doc(a.BySource("content/contact.en.md"), d)
	if u, err := doc.Resolve("about.en.md"); err != nil || u != "/ira/en/about/" {
		t.Errorf("Resolve = %q, %v", u, err)
	}
	if _, _, ok := doc.ImageSize("/ira/images/none.svg"); ok {
		t.Error("a missing image has a size")
	}
	if _, ok, err := doc.Photo("/images/none.jpg"); ok || err != nil {
		t.Errorf("a photo the site does not have: ok %v, err %v", ok, err)
	}
	want := []Dep{{Kind: DepSource, Name: "content/about.en.md"}, {Kind: DepImage, Name: "/ira/images/none.svg"}}
	if !slices.Equal(d.List(), want) {
		t.Errorf("recorded %v, want %v", d.List(), want)
	}
	if !doc.RTL == (v.Site("en").Language.Dir == "rtl") || doc.LatinLang != "en" || doc.RTLLang != "ar" {
		t.Errorf("doc directions: RTL %v, Latin %q, RTL lang %q", doc.RTL, doc.LatinLang, doc.RTLLang)
	}
}

// TestContextIsAssembledInOneCall checks what View.Context puts in a
// layout's dot: canonical address, description with its fallbacks, feed,
// pager, hreflang alternates and switcher.
func TestContextIsAssembledInOneCall(t *testing.T) {
	v, _, pages := newView(t)
	rec := NewDeps()
	about := v.Context(htmlPage(t, pages, "content/about.en.md", 1), "<p>Text.</p>", rec)
	if about.Canonical != "https://example.org/ira/en/about/" || about.NoIndex || about.Content != "<p>Text.</p>" {
		t.Errorf("about: canonical %q, noindex %v, content %q", about.Canonical, about.NoIndex, about.Content)
	}
	if about.Description != "Who we are." || about.Feed != "" || about.Pager != nil {
		t.Errorf("about: description %q, feed %q, pager %v", about.Description, about.Feed, about.Pager)
	}
	wantAlts := []Alternate{{"ar", "https://example.org/ira/ar/about/"}, {"en", "https://example.org/ira/en/about/"}, {XDefault, "https://example.org/ira/ar/about/"}}
	if !slices.Equal(about.Alternates, wantAlts) {
		t.Errorf("about alternates %v, want %v", about.Alternates, wantAlts)
	}
	if len(about.Switch) != 1 || about.Switch[0].URL != "/ira/ar/about/" || !about.Switch[0].Exact {
		t.Errorf("about switcher %+v", about.Switch)
	}
	contact := v.Context(htmlPage(t, pages, "content/contact.en.md", 1), "", rec)
	if contact.Alternates != nil || len(contact.Switch) != 1 || contact.Switch[0].URL != "/ira/ar/" || contact.Switch[0].Exact {
		t.Errorf("a page without translation: alternates %v, switcher %+v (want the other home, not exact)", contact.Alternates, contact.Switch)
	}
	if contact.Description != "Write to us. See about." {
		t.Errorf("description from the summary: %q", contact.Description)
	}
	list := v.Context(htmlPage(t, pages, "content/announcements/_index.en.md", 2), "", rec)
	if list.Canonical != "https://example.org/ira/en/announcements/page/2/" || list.Feed != "/ira/en/announcements/atom.xml" {
		t.Errorf("list page 2: canonical %q, feed %q", list.Canonical, list.Feed)
	}
	if list.Description != "The site." {
		t.Errorf("description from the site's: %q", list.Description)
	}
	pg := list.Pager
	if pg == nil || pg.Number != 2 || pg.Total != 2 || pg.PrevURL != "/ira/en/announcements/" || pg.NextURL != "" || len(pg.Items) != 1 || pg.Items[0].Title != "C" {
		t.Fatalf("pager %+v", pg)
	}
	if len(pg.Links) != 2 || !pg.Links[1].Current || pg.Links[0].URL != "/ira/en/announcements/" {
		t.Errorf("pager links %+v", pg.Links)
	}
	if len(rec.List()) != 0 {
		t.Errorf("assembling contexts recorded %v: only what layouts read is recorded", rec.List())
	}
}

func TestUnlistedCategoryAndExamplePages(t *testing.T) {
	v, a, _ := newView(t)
	notFound := v.Context(&HTMLPage{Kind: Unlisted, Page: &site.Page{Kind: "404", Lang: "ar", Path: "/404.html", Title: "404"}}, "", nil)
	if notFound.Canonical != "" || !notFound.NoIndex || notFound.Switch != nil || notFound.Alternates != nil {
		t.Errorf("404: canonical %q, noindex %v, switcher %v, alternates %v", notFound.Canonical, notFound.NoIndex, notFound.Switch, notFound.Alternates)
	}
	term := &site.Page{Kind: "term", Lang: "en", Path: CategoryPath("en", "news"), Key: "categories/news"}
	cat := v.Context(&HTMLPage{Kind: Category, Page: term, Num: 1, Total: 1, Items: a.Category("en", "news")}, "", nil)
	if cat.Term != "news" || cat.Pager == nil || len(cat.Pager.Items) != 1 || cat.Canonical != "https://example.org/ira/en/categories/news/" {
		t.Errorf("category: term %q, pager %+v, canonical %q", cat.Term, cat.Pager, cat.Canonical)
	}
	b := a.BySource("content/announcements/b.en.md")
	example := &HTMLPage{Kind: Content, Page: b, Num: 1, Total: 1}
	if ctx := v.Context(example, "", nil); !ctx.NoIndex || example.ForSearch() {
		t.Error("an example entry is offered to search engines")
	}
	if got := v.ShownTitle(b); !strings.HasSuffix(got, ": B") || got == "B" {
		t.Errorf("an example's title in feeds: %q", got)
	}
	if got := v.ShownTitle(a.BySource("content/announcements/a.en.md")); got != "A" {
		t.Errorf("a real entry's title in feeds: %q", got)
	}
}

func TestPagerLinksToTheEndsAndTheNeighbours(t *testing.T) {
	for _, c := range []struct {
		cur, total int
		want       []int
	}{
		{1, 1, []int{1}},
		{1, 9, []int{1, 2, 3, 9}},
		{5, 9, []int{1, 3, 4, 5, 6, 7, 9}},
		{9, 9, []int{1, 7, 8, 9}},
	} {
		if got := pagerWindow(c.cur, c.total); !slices.Equal(got, c.want) {
			t.Errorf("pagerWindow(%d, %d) = %v, want %v", c.cur, c.total, got, c.want)
		}
	}
}

// TestAReusedPartialRecordsWhatItShows renders two pages through the
// template engine with a cached partial that reads the home page: the page
// that reuses it records the home too.
func TestAReusedPartialRecordsWhatItShows(t *testing.T) {
	v, _, pages := newView(t)
	fsys := fstest.MapFS{
		"layouts/base.html":          {Data: []byte(`{{block "main" .}}{{end}}`)},
		"layouts/page.html":          {Data: []byte(`{{define "main"}}{{.Page.Title}} {{partialCached "partials/home.html" .}}{{end}}`)},
		"layouts/partials/home.html": {Data: []byte(`{{.Site.Home.Title}} {{T "readMore" "title" "x"}}`)},
	}
	en := v.Site("en").Language
	set, err := layout.Load(fsys, []string{"en"}, func(string) template.FuncMap { return Funcs(en, []*site.Language{en}, "en") })
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"content/about.en.md", "content/contact.en.md"} {
		rec := NewDeps()
		out, err := set.Render("en", "page.html", v.Context(htmlPage(t, pages, src, 1), "", rec))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), " Home ") {
			t.Errorf("%s: %q", src, out)
		}
		if want := []Dep{{Kind: DepHome, Lang: "en"}}; !slices.Equal(rec.List(), want) {
			t.Errorf("%s recorded %v, want %v", src, rec.List(), want)
		}
	}
}
