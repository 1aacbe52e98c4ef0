package site

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
)

// Assembly is the site as published at one moment: the pages that are out,
// paired with their translations and ordered into sections and categories.
// It is derived from a Site and never changes it, so a Site can be
// reassembled after a few pages change.
type Assembly struct {
	Site   *Site
	Now    time.Time
	Drafts bool
	// Pages are the published pages, sorted by source path.
	Pages []*Page

	bySource map[string]*Page // every page, published or not
	byKey    map[keyLang]*Page
	homes    map[string]*Page
	sections map[string]map[string]*Page   // lang, section
	lists    map[string]map[string][]*Page // lang, section: its pages, ordered
	cats     map[string]map[string][]*Page // lang, category: its pages, ordered
	menus    map[string][]MenuItem
	failed   failedPages
}

// keyLang identifies a page by translation key and language.
type keyLang struct{ key, lang string }

// MenuItem is a menu entry with its address resolved.
type MenuItem struct {
	Name string
	Path string // inside the site, for pages; "" for URLs
	URL  string // for external entries
	Page *Page
}

// Assemble decides what is published at now and links it together. It
// reports pages that are paired twice, missing homes and sections, and menu
// entries that name no page.
func Assemble(s *Site, now time.Time, drafts bool) (*Assembly, []error) {
	a := &Assembly{
		Site: s, Now: now, Drafts: drafts,
		bySource: make(map[string]*Page, len(s.Pages)),
		byKey:    make(map[keyLang]*Page, len(s.Pages)),
		homes:    map[string]*Page{},
		sections: map[string]map[string]*Page{},
		lists:    map[string]map[string][]*Page{},
		cats:     map[string]map[string][]*Page{},
		menus:    map[string][]MenuItem{},
		failed:   indexFailed(s.Failed),
	}
	var errs []error
	for _, p := range s.Pages {
		a.bySource[p.Source] = p
		if p.Status(now, drafts) != Published {
			continue
		}
		if other := a.byKey[keyLang{p.Key, p.Lang}]; other != nil {
			errs = append(errs, diag.Errorf(p.Source, p.Line("translationKey"), "this page and %s are both the %s version of %q: give one a different translationKey", other.Source, p.Lang, p.Key))
			continue
		}
		a.byKey[keyLang{p.Key, p.Lang}] = p
		a.Pages = append(a.Pages, p)
		switch p.Kind {
		case KindHome:
			a.homes[p.Lang] = p
		case KindSection:
			setIn(a.sections, p.Lang, p.Section, p)
		case KindPage:
			if p.Section != "" {
				a.lists[p.Lang] = appendIn(a.lists[p.Lang], p.Section, p)
			}
			for _, c := range p.Categories {
				a.cats[p.Lang] = appendIn(a.cats[p.Lang], c, p)
			}
		}
	}
	for _, l := range s.Config.Languages {
		if a.homes[l.Code] == nil {
			if !a.failed.kind(KindHome, l.Code, "") {
				errs = append(errs, diag.Errorf(ContentDir+"/_index."+l.Code+".md", 0, "the %s home page is missing: create this file with a title", l.Name))
			}
			// Every page links to its home: a stand-in, not published,
			// lets the rest of the site be rendered and checked.
			a.homes[l.Code] = &Page{Kind: KindHome, Lang: l.Code, Key: "_index", Path: "/" + l.Code + "/", Title: l.Title}
		}
		for sec, ps := range a.lists[l.Code] {
			slices.SortFunc(ps, Compare)
			if a.sections[l.Code][sec] == nil && !a.failed.kind(KindSection, l.Code, sec) {
				errs = append(errs, diag.Errorf(ContentDir+"/"+sec+"/_index."+l.Code+".md", 0, "the %s page of section %q is missing: create this file with a title (the section has %d %s pages)", l.Name, sec, len(ps), l.Name))
			}
		}
		for _, ps := range a.cats[l.Code] {
			slices.SortFunc(ps, Compare)
		}
	}
	errs = append(errs, a.resolveMenus()...)
	return a, errs
}

func setIn(m map[string]map[string]*Page, k1, k2 string, p *Page) {
	if m[k1] == nil {
		m[k1] = map[string]*Page{}
	}
	m[k1][k2] = p
}

func appendIn(m map[string][]*Page, k string, p *Page) map[string][]*Page {
	if m == nil {
		m = map[string][]*Page{}
	}
	m[k] = append(m[k], p)
	return m
}

// Compare orders pages in lists: by weight when set (lower first), then
// newest first, then by title and source path, so the order never depends
// on anything but the pages.
func Compare(a, b *Page) int {
	switch {
	case a.Weight != 0 && b.Weight == 0:
		return -1
	case a.Weight == 0 && b.Weight != 0:
		return 1
	case a.Weight != b.Weight:
		return cmp.Compare(a.Weight, b.Weight)
	}
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.Source, b.Source)
}

func (a *Assembly) resolveMenus() []error {
	var errs []error
	for _, l := range a.Site.Config.Languages {
		for _, e := range a.Site.Config.Menus[l.Code] {
			item := MenuItem{Name: e.Name, URL: e.URL}
			if e.Page != "" {
				key := strings.Trim(e.Page, "/")
				if key == "" {
					key = "_index"
				}
				p := a.byKey[keyLang{key, l.Code}]
				if p == nil && a.failed.keys[keyLang{key, l.Code}] {
					continue // the page's own errors are reported
				}
				if p == nil {
					errs = append(errs, diag.Errorf(ConfigPath, e.Line, "menu entry %q: there is no published %s page with translation key %q (a page's key is its path under content/ without the language, like about or announcements/_index)", e.Page, l.Name, key))
					continue
				}
				item.Page, item.Path = p, p.Path
				if item.Name == "" {
					item.Name = p.Title
				}
			}
			a.menus[l.Code] = append(a.menus[l.Code], item)
		}
	}
	return errs
}

// Menu returns a language's menu.
func (a *Assembly) Menu(lang string) []MenuItem { return a.menus[lang] }

// Home returns a language's home page.
func (a *Assembly) Home(lang string) *Page { return a.homes[lang] }

// SectionPage returns the _index page of a section in a language, or nil.
func (a *Assembly) SectionPage(lang, section string) *Page { return a.sections[lang][section] }

// Section returns the published pages of a section in a language, in list
// order.
func (a *Assembly) Section(lang, section string) []*Page { return a.lists[lang][section] }

// Sections returns the section names that have pages in a language, sorted.
func (a *Assembly) Sections(lang string) []string { return sortedKeys(a.lists[lang]) }

// Category returns the published pages of a category in a language.
func (a *Assembly) Category(lang, cat string) []*Page { return a.cats[lang][cat] }

// Categories returns the categories used in a language, sorted.
func (a *Assembly) Categories(lang string) []string { return sortedKeys(a.cats[lang]) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Translations returns p's published translations, in the site's language
// order, without p.
func (a *Assembly) Translations(p *Page) []*Page {
	var out []*Page
	for _, l := range a.Site.Config.Languages {
		if t := a.byKey[keyLang{p.Key, l.Code}]; t != nil && t != p {
			out = append(out, t)
		}
	}
	return out
}

// BySource returns the page loaded from a source path, published or not.
func (a *Assembly) BySource(src string) *Page { return a.bySource[src] }

// ByKey returns the published page with a translation key in lang, or nil.
func (a *Assembly) ByKey(key, lang string) *Page { return a.byKey[keyLang{key, lang}] }

// Translation returns p in lang, or nil.
func (a *Assembly) Translation(p *Page, lang string) *Page { return a.byKey[keyLang{p.Key, lang}] }

// Nearest returns the page a reader of p who switches to lang should land
// on: p's translation, else the translated page of p's section, else the
// home of lang. exact is false when it is not p's translation.
func (a *Assembly) Nearest(p *Page, lang string) (target *Page, exact bool) {
	if t := a.byKey[keyLang{p.Key, lang}]; t != nil {
		return t, true
	}
	if p.Section != "" {
		if s := a.sections[lang][p.Section]; s != nil {
			return s, false
		}
	}
	return a.homes[lang], false
}

// PageByRef resolves a link written in from's body to another source file:
// ref is relative to from's folder ("vision.md", "../about.md",
// "announcements/call.md") and names a page with or without its language
// ("about.md" is the page in from's language, "about.en.md" the English one).
// A page bundle's folder is its file: "call.md" finds call/index.LANG.md,
// and the links of a bundle's page are relative to its folder.
//
// It also returns the source path the link names, found or not.
func (a *Assembly) PageByRef(from *Page, ref string) (*Page, string, error) {
	dir := from.Dir
	if from.Bundle != "" {
		dir = strings.TrimPrefix(from.Bundle, ContentDir+"/")
	}
	clean := path.Join(dir, ref)
	if strings.HasPrefix(clean, "..") {
		return nil, "", fmt.Errorf("the link %q points outside content/", ref)
	}
	stem := strings.TrimSuffix(clean, ".md")
	lang := from.Lang
	if base, l, ok := cutLast(stem, "."); ok && a.Site.Config.Language(l) != nil && !strings.Contains(l, "/") {
		stem, lang = base, l
	}
	src := ContentDir + "/" + stem + "." + lang + ".md"
	if a.bySource[src] == nil && a.bySource[ContentDir+"/"+stem+"/"+bundleName+"."+lang+".md"] != nil {
		src = ContentDir + "/" + stem + "/" + bundleName + "." + lang + ".md" // a page bundle
	}
	if p := a.bySource[src]; p != nil {
		if p.Status(a.Now, a.Drafts) != Published {
			return nil, src, fmt.Errorf("the link %q points to %s, which is not published (draft, scheduled or expired)", ref, p.Source)
		}
		return p, src, nil
	}
	return nil, src, fmt.Errorf("the link %q points to a page that does not exist (looked for %s/%s.%s.md): check the file name", ref, ContentDir, stem, lang)
}

// aliasPath returns the output file an alias of p is written to.
func aliasPath(p *Page, alias string) (string, error) {
	if strings.ContainsAny(alias, "?#\\") {
		return "", fmt.Errorf("alias %q cannot have ?, # or \\: static hosting cannot redirect it", alias)
	}
	for _, seg := range strings.Split(alias, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("alias %q must not contain . or .. folders: write the old address from the site root, like /en/old-page/", alias)
		}
	}
	a := alias
	if !strings.HasPrefix(a, "/") {
		a = path.Dir(strings.TrimSuffix(p.Path, "/")) + "/" + a
	}
	clean := strings.TrimPrefix(path.Clean(a), "/")
	if clean == "" || clean == "." {
		return "", fmt.Errorf("alias %q is the site root, which the site itself uses", alias)
	}
	switch path.Ext(clean) {
	case ".html", ".htm":
		return clean, nil
	}
	if path.Ext(clean) != "" && !strings.HasSuffix(alias, "/") {
		return "", fmt.Errorf("alias %q ends in %s: static hosting can only redirect folders and .html pages", alias, path.Ext(clean))
	}
	return clean + "/index.html", nil
}

// AliasFiles returns the output files of p's aliases.
func AliasFiles(p *Page) []string {
	var out []string
	for _, al := range p.Aliases {
		if f, err := aliasPath(p, al); err == nil {
			out = append(out, f)
		}
	}
	return out
}
