// Package view is what the layouts (and the outputs that are not made
// with layouts: feeds, calendars, the search index) see of the site, built
// in one place.
//
// A View is made once a build knows its pages (New): it holds the site in
// every language (Site), and for each HTML page of the build it assembles
// the dot of its layout in one call (View.Context): the page, its body as
// HTML, its list's pager, its canonical address, the description search
// engines show, its section's feed, its translations for hreflang, the
// language switcher and the notices of outdated translations. The
// template functions of a language (T, date, num, ltr, country, ...) are
// Funcs.
//
// As a layout, or the Markdown converter (Doc), reads the site beyond the
// page being rendered (another page, a section's list, the menu, a
// photo), the view records it as a typed Dep in the render's Deps: a
// rebuild renders an output again only when one of its Deps changed.
//
// The view only reads: it never changes the site, and one View serves
// every render of a build at once.
package view

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/assets"
	"github.com/alaqsa-ira/site/internal/photo"
	"github.com/alaqsa-ira/site/internal/site"
)

// Context is the dot of every layout, assembled by View.Context.
//
//	.Site         the site in the page's language (*Site)
//	.Page         the page being rendered (*Page)
//	.Content      the page's Markdown body as HTML
//	.Pager        on lists: the items of this page of the list (*Pager)
//	.Term         on a category's list: the category key
//	.Meta         the head's links and metadata for search engines and previews
//	.Alternates   the page in every language it exists in, and x-default, for hreflang
//	.Switch       the language switcher: one entry per other language
//	.Outdated     on a page whose translation changed after it: one notice per
//	              such language, with the date and the link (see Outdated)
//	.Canonical    the page's absolute URL ("" for the 404 page, which has none)
//	.NoIndex      true for pages search engines are asked to leave out
//	.Description  the meta description
//	.Feed         the URL of the Atom feed for this page's list, if any
//	.Dev          true when served by the dev server
//	.MenuPath     the page's path if the menu links to it, else ""
//	.Offline      the script that registers (or removes) the offline reading worker
type Context struct {
	Site        *Site
	Page        *Page
	Content     template.HTML
	Pager       *Pager
	Term        string
	Alternates  []Alternate
	Switch      []Switch
	Outdated    []Outdated
	Canonical   string
	NoIndex     bool
	Description string
	Feed        string
	Dev         bool
}

// MenuPath is the page's path when the menu links to it, else "": the key
// under which a menu marking the current page can be cached.
func (c *Context) MenuPath() string {
	for _, m := range c.Site.a.Menu(c.Site.Language.Code) {
		p := m.Path
		if p == "" && strings.HasPrefix(m.URL, "/") {
			p = m.URL
		}
		if p != "" && p == c.Page.Path {
			return p
		}
	}
	return ""
}

// Alternate is one language version of a page, or with Lang XDefault the
// version for readers of any other language.
type Alternate struct {
	Lang string
	URL  string // absolute
}

// XDefault is the hreflang of the version for readers of other languages.
const XDefault = "x-default"

// Switch is one entry of the language switcher. Exact is false when the
// page has no translation and URL leads to the nearest page instead.
type Switch struct {
	Language *site.Language
	URL      string
	Exact    bool
}

// Outdated tells the reader of a page that its version in another
// language changed after it, on Date, so this one may lack those changes.
type Outdated struct {
	Language *site.Language
	URL      string
	Date     time.Time
}

// Site is the site as layouts see it in one language.
type Site struct {
	a        *site.Assembly
	Language *site.Language
	base     *url.URL
	assets   *assets.Set
	deps     *Deps
	photos   func(source string) *photo.Photo
}

// Asset returns the URL of a stylesheet, script or font by its path under
// static/ ("/css/site.css"): in a build, its name carries a hash of its
// content.
func (s *Site) Asset(p string) (string, error) {
	a, ok := s.assets.Lookup(p)
	if !ok {
		return "", fmt.Errorf("no asset %s: put the file in static%s", p, p)
	}
	return s.RelURL("/" + a.Name), nil
}

// Title is the office's name in the language.
func (s *Site) Title() string { return s.Language.Title }

// University is the university's name in the language.
func (s *Site) University() string { return s.Language.University }

// Description is the site's description in the language.
func (s *Site) Description() string { return s.Language.Description }

// Languages returns every language of the site.
func (s *Site) Languages() []*site.Language { return s.a.Site.Config.Languages }

// Contact returns the contact details.
func (s *Site) Contact() site.Contact { return s.a.Site.Config.Contact }

// Now is the build's clock.
func (s *Site) Now() time.Time { return s.a.Now }

// BasePath is the path the site lives under, "/" or "/ira/".
func (s *Site) BasePath() string { return s.base.Path }

// RelURL puts the base path in front of a path inside the site.
func (s *Site) RelURL(p string) string {
	return strings.TrimSuffix(s.base.Path, "/") + escapePath(p)
}

// AbsURL returns the absolute URL of a path inside the site.
func (s *Site) AbsURL(p string) string {
	return s.base.Scheme + "://" + s.base.Host + s.RelURL(p)
}

// escapePath percent-encodes each segment of p (Arabic slugs included), the
// same way everywhere, so canonical links, hreflang and sitemaps agree.
func escapePath(p string) string {
	if isASCIIPath(p) {
		return p
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func isASCIIPath(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= 0x80 || c == ' ' || c == '%' || c == '?' || c == '#' || c == '"' || c == '<' || c == '>' {
			return false
		}
	}
	return true
}

// Menu returns the menu of the language.
func (s *Site) Menu() []MenuLink {
	s.record(DepMenu, "")
	var out []MenuLink
	for _, m := range s.a.Menu(s.Language.Code) {
		l := MenuLink{Name: m.Name, URL: m.URL, Path: m.Path}
		switch {
		case m.Path != "":
			l.URL = s.RelURL(m.Path)
		case strings.HasPrefix(m.URL, "/") && !strings.HasPrefix(m.URL, "//"):
			l.URL, l.Path = s.RelURL(m.URL), m.URL
		}
		out = append(out, l)
	}
	return out
}

// MenuLink is a menu entry. Path is set for pages of the site, so layouts
// can mark the current one.
type MenuLink struct {
	Name string
	URL  string
	Path string
}

// Home returns the home page of the language.
func (s *Site) Home() *Page {
	s.record(DepHome, "")
	return s.page(s.a.Home(s.Language.Code))
}

// GetPage returns the page with a translation key in the language, or nil.
func (s *Site) GetPage(key string) *Page {
	s.record(DepPage, key)
	return s.page(s.a.ByKey(key, s.Language.Code))
}

// Section returns a section's published pages in list order.
func (s *Site) Section(name string) []*Page {
	s.record(DepSection, name)
	return s.pages(s.a.Section(s.Language.Code, name))
}

// Latest returns the first n pages of a section.
func (s *Site) Latest(name string, n int) []*Page {
	s.record(DepSection, name)
	ps := s.a.Section(s.Language.Code, name)
	return s.pages(ps[:min(n, len(ps))])
}

// SectionPage returns a section's own page, or nil.
func (s *Site) SectionPage(name string) *Page {
	s.record(DepSection, name)
	return s.page(s.a.SectionPage(s.Language.Code, name))
}

// Sections returns every section with its page and pages, for the sitemap.
func (s *Site) Sections() []SectionView {
	s.deps.Add(Dep{Kind: DepAll})
	var out []SectionView
	for _, name := range s.a.Sections(s.Language.Code) {
		out = append(out, SectionView{Name: name, Page: s.SectionPage(name), Pages: s.Section(name)})
	}
	return out
}

// SectionView is a section for listing.
type SectionView struct {
	Name  string
	Page  *Page
	Pages []*Page
}

// RegularPages returns the pages outside any section (about, vision, ...),
// sorted by weight and title.
func (s *Site) RegularPages() []*Page {
	s.deps.Add(Dep{Kind: DepAll})
	var out []*site.Page
	for _, p := range s.a.Pages {
		if p.Lang == s.Language.Code && p.Kind == site.KindPage && p.Section == "" {
			out = append(out, p)
		}
	}
	return s.pages(sortByWeightTitle(out))
}

// Categories returns the categories that have pages in the language.
func (s *Site) Categories() []CategoryLink {
	s.deps.Add(Dep{Kind: DepAll})
	var out []CategoryLink
	for _, c := range s.a.Categories(s.Language.Code) {
		l := CategoryLink{Key: c, URL: s.RelURL(CategoryPath(s.Language.Code, c))}
		for _, p := range s.a.Category(s.Language.Code, c) {
			l.Count++
			if p.Example {
				l.Examples++
			}
		}
		out = append(out, l)
	}
	return out
}

// CategoryLink is a category with its list's URL, and on the list of
// categories how many pages it has, and how many of them are examples.
type CategoryLink struct {
	Key      string
	URL      string
	Count    int
	Examples int
}

// Real is how many of the category's pages are not examples.
func (c CategoryLink) Real() int { return c.Count - c.Examples }

// CategoryPath is the path of a category's list.
func CategoryPath(lang, cat string) string { return "/" + lang + "/categories/" + cat + "/" }

// Objectives returns the office's objectives in the language.
func (s *Site) Objectives() []string {
	var out []string
	for _, o := range s.a.Site.Objectives {
		out = append(out, o.Text[s.Language.Code])
	}
	s.deps.Show(out...)
	return out
}

// Partners returns the partners, in data file order.
func (s *Site) Partners() []Partner {
	out := make([]Partner, 0, len(s.a.Site.Partners))
	for _, p := range s.a.Site.Partners {
		out = append(out, Partner{p: p, s: s})
		s.deps.Show(p.Name[s.Language.Code], p.City[s.Language.Code])
	}
	return out
}

// PartnerCounts returns how many partners are real and how many are
// examples (example: true), which must never be counted as real ones.
func (s *Site) PartnerCounts() PartnerCounts {
	var c PartnerCounts
	for _, p := range s.a.Site.Partners {
		if p.Example {
			c.Examples++
		} else {
			c.Real++
		}
	}
	return c
}

// PartnerCounts counts the partners of data/partners.yaml.
type PartnerCounts struct {
	Real     int
	Examples int
}

// Partner is a partner in one language.
type Partner struct {
	p site.Partner
	s *Site
}

// ID, Name, City, ... return the partner's fields in the site's language.
func (p Partner) ID() string { return p.p.ID }

// Name is the partner's name in the language.
func (p Partner) Name() string { return p.p.Name[p.s.Language.Code] }

// City is the partner's city in the language.
func (p Partner) City() string { return p.p.City[p.s.Language.Code] }

// Country is the ISO 3166 code.
func (p Partner) Country() string { return p.p.Country }

// Type is the kind of institution, a key for T ("partnerType." + Type).
func (p Partner) Type() string { return p.p.Type }

// Since is the year the partnership began.
func (p Partner) Since() int { return p.p.Since }

// Agreements are keys for T ("agreement." + key).
func (p Partner) Agreements() []string { return p.p.Agreements }

// URL is the partner's website.
func (p Partner) URL() string { return p.p.URL }

// Logo is the URL of the logo, or "". A logo that is a photo (JPEG, PNG,
// WebP) is published only as its derivatives: the URL is its smallest.
func (p Partner) Logo() string {
	if p.p.Logo == "" {
		return ""
	}
	if u, ok := p.s.photoURL(p.p.Logo); ok {
		return u
	}
	return p.s.RelURL(p.p.Logo)
}

// LogoAlt is the logo's text alternative in the language.
func (p Partner) LogoAlt() string { return p.p.LogoAlt[p.s.Language.Code] }

// Example reports a sample partner, not a real agreement.
func (p Partner) Example() bool { return p.p.Example }

// Page is a page as layouts see it. The fields of site.Page (Title, Date,
// Categories, ...) are there, and methods give what needs the site.
type Page struct {
	*site.Page
	s *Site
}

func (s *Site) page(p *site.Page) *Page {
	if p == nil {
		return nil
	}
	return &Page{Page: p, s: s}
}

func (s *Site) pages(ps []*site.Page) []*Page {
	out := make([]*Page, len(ps))
	for i, p := range ps {
		out[i] = s.page(p)
	}
	return out
}

// URL is the page's address from the host root, with the base path.
func (p *Page) URL() string { return p.s.RelURL(p.Path) }

// Permalink is the page's absolute address.
func (p *Page) Permalink() string { return p.s.AbsURL(p.Path) }

// IsHome reports the home page.
func (p *Page) IsHome() bool { return p.Kind == site.KindHome }

// HasDeadline reports a page with a deadline.
func (p *Page) HasDeadline() bool { return !p.Deadline.IsZero() }

// HasEvent reports a page about an event with dates.
func (p *Page) HasEvent() bool { return !p.EventDate.IsZero() }

// Calendar is the URL of the page's .ics file (its deadline and event), or
// "" when it has neither.
func (p *Page) Calendar() string {
	if !p.HasDeadline() && !p.HasEvent() {
		return ""
	}
	return p.s.RelURL(p.Path + "calendar.ics")
}

// Open reports whether the page's deadline has not passed at build time.
func (p *Page) Open() bool { return p.HasDeadline() && p.s.a.Now.Before(p.DeadlineEnd()) }

// CategoryLinks returns the page's categories with their lists' URLs.
func (p *Page) CategoryLinks() []CategoryLink {
	out := make([]CategoryLink, 0, len(p.Categories))
	for _, c := range p.Categories {
		out = append(out, CategoryLink{Key: c, URL: p.s.RelURL(CategoryPath(p.Lang, c))})
	}
	return out
}

// Pager is one page of a paginated list.
type Pager struct {
	Items      []*Page
	Number     int // 1-based
	Total      int
	PrevURL    string
	NextURL    string
	Links      []PagerLink
	TotalItems int
}

// PagerLink is a link to one page of a list, or a Gap standing for the
// pages left out between two links.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}
