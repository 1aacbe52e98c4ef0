package view

import (
	"cmp"
	"html/template"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/assets"
	"github.com/alaqsa-ira/site/internal/atom"
	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/photo"
	"github.com/alaqsa-ira/site/internal/site"
)

// A View is the site as one build's outputs see it.
type View struct {
	a     *site.Assembly
	base  *url.URL
	dev   bool
	sites map[string]*Site
	// latin is the language of Latin runs in right-to-left text, rtlLang
	// that of Arabic runs in left-to-right text.
	latin, rtlLang string
	// paths holds the path of the first page of every HTML page of the
	// build, for the switchers of generated pages; groups each page's
	// path in every language (see index).
	paths  map[string]bool
	groups map[group]map[string]string
	// history and dates order the changes of a page and its translations
	// (see Outdated).
	history *gitlog.History
	dates   map[string]time.Time
	// photos are the build's photos by source; failedPhotos those that
	// could not be published.
	photos       map[string]*photo.Photo
	failedPhotos map[string]bool
	images       *imageSizes
}

// Options are what a View needs to know besides the assembled site.
type Options struct {
	Base   *url.URL    // the site's address
	Assets *assets.Set // the stylesheets, scripts and fonts, by path under static/
	// Pages are every HTML page of the build: the language switchers and
	// hreflang links lead to them.
	Pages []*HTMLPage
	// Photos are the build's photos by source path; Sources are every
	// photo asked for, those that failed included.
	Photos  map[string]*photo.Photo
	Sources []string
	// FS is the site root, where the sizes of images that are not photos
	// (SVG, GIF) are read.
	FS fs.FS
	// History and Dates order the changes of pages and their translations
	// (see package translation).
	History *gitlog.History
	Dates   map[string]time.Time
	Dev     bool // rendering for the dev server
}

// Kind is the kind of an HTML page, as far as what its layout sees
// depends on it.
type Kind uint8

// The kinds of HTML page.
const (
	// Content is a content page, or one page of a section's list.
	Content Kind = iota
	// Category is one page of a category's list.
	Category
	// Generated is a page the build makes in every language: the list of
	// categories, the search page, the HTML sitemap.
	Generated
	// Landing is the page at the site root, in every language at once.
	Landing
	// Unlisted is a page served at addresses that have none of their own,
	// which has no canonical address and is no translation: 404, the
	// offline page.
	Unlisted
)

// An HTMLPage is one HTML file of the build made with a layout: a page, or
// one page of a list.
type HTMLPage struct {
	Kind  Kind
	Page  *site.Page   // the page shown; made up for generated pages
	Num   int          // the page of a list, from 1; 0 or 1 for a page that is no list
	Total int          // the pages of the list; 0 for a generated page
	Items []*site.Page // the items of this page of the list
}

// New returns the view of a.
func New(a *site.Assembly, o Options) *View {
	v := &View{a: a, base: o.Base, dev: o.Dev, sites: map[string]*Site{}, history: o.History, dates: o.Dates,
		photos: o.Photos, failedPhotos: map[string]bool{}, images: newImageSizes(o.FS, o.Base.Path)}
	for _, s := range o.Sources {
		if o.Photos[s] == nil {
			v.failedPhotos[s] = true
		}
	}
	find := func(src string) *photo.Photo { return o.Photos[src] }
	for _, l := range a.Site.Config.Languages {
		v.sites[l.Code] = &Site{a: a, Language: l, base: o.Base, assets: o.Assets, photos: find}
		if l.Dir == "ltr" && v.latin == "" {
			v.latin = l.Code
		}
		if l.Dir == "rtl" && v.rtlLang == "" {
			v.rtlLang = l.Code
		}
	}
	v.index(o.Pages)
	return v
}

// Site returns the site in a language, or nil.
func (v *View) Site(lang string) *Site { return v.sites[lang] }

// Context returns the dot of the layout of hp, whose body converted to HTML
// is content; what the layout reads of the site is recorded in rec.
func (v *View) Context(hp *HTMLPage, content template.HTML, rec *Deps) *Context {
	p := hp.Page
	s := v.sites[p.Lang].WithDeps(rec)
	c := &Context{
		Site: s, Page: s.page(p), Content: content, Dev: v.dev, NoIndex: !hp.ForSearch(),
		Description: cmp.Or(p.Description, p.Summary, s.Description()), Feed: v.Feed(p),
		Alternates: v.Alternates(hp), Switch: v.Switcher(hp), Outdated: v.Outdated(hp),
	}
	if hp.Kind != Unlisted {
		// An unlisted page is served at any address that has no page.
		c.Canonical = s.AbsURL(ListPath(p.Path, max(hp.Num, 1)))
	}
	if hp.Kind == Category {
		c.Term = strings.TrimPrefix(p.Key, "categories/")
	}
	if hp.Total > 0 && (p.Kind == site.KindSection || hp.Kind == Category) {
		c.Pager = s.pager(hp)
	}
	return c
}

// Feed returns the URL of the Atom feed of p's section, or "" when p is in
// no section or its section has no pages.
func (v *View) Feed(p *site.Page) string {
	if p.Section == "" || len(v.a.Section(p.Lang, p.Section)) == 0 {
		return ""
	}
	return v.sites[p.Lang].RelURL("/" + p.Lang + "/" + p.Section + "/" + atom.File)
}

// ListPath is the path of page n of the list whose first page is at
// first.
func ListPath(first string, n int) string {
	if n == 1 {
		return first
	}
	return first + "page/" + strconv.Itoa(n) + "/"
}

func (s *Site) pager(hp *HTMLPage) *Pager {
	p := hp.Page
	pg := &Pager{Number: hp.Num, Total: hp.Total, Items: s.pages(hp.Items)}
	if hp.Num > 1 {
		pg.PrevURL = s.RelURL(ListPath(p.Path, hp.Num-1))
	}
	if hp.Num < hp.Total {
		pg.NextURL = s.RelURL(ListPath(p.Path, hp.Num+1))
	}
	if hp.Total > 1 {
		prev := 0
		for _, n := range pagerWindow(hp.Num, hp.Total) {
			if n > prev+1 {
				pg.Links = append(pg.Links, PagerLink{Gap: true})
			}
			pg.Links = append(pg.Links, PagerLink{Number: n, URL: s.RelURL(ListPath(p.Path, n)), Current: n == hp.Num})
			prev = n
		}
	}
	return pg
}

// pagerWindow returns the page numbers a pager links to: the first and
// last pages and two on each side of the current one, so a list of two
// hundred pages still has a short pager.
func pagerWindow(cur, total int) []int {
	var out []int
	for n := 1; n <= total; n++ {
		if n == 1 || n == total || (n >= cur-2 && n <= cur+2) {
			out = append(out, n)
		}
	}
	return out
}
