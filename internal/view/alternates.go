package view

import (
	"strings"

	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/translation"
)

// One address, one set of translations. A page for search engines is an
// HTML page of the site that is not marked noindex (unlisted pages such as
// 404, example entries). Each such page belongs to a group: the same page
// in every language, which is the same content page (by translation key)
// or the same generated page (search, sitemap, a category), and, for a
// list, the same page number. A page's hreflang alternates are its group:
// itself included, with x-default, and only when the group has two
// languages or more. Since every member of a group lists the same group,
// alternates are always reciprocal, and the sitemap, which lists the first
// page of each list and every other page for search engines once, gives
// exactly the alternates the pages' heads give.

// group names one page across its languages.
type group struct {
	content bool   // a content page, by translation key; else a generated page, by its key
	key     string // the page's key
	num     int    // the page of a list, from 1; 1 for other pages
}

// ForSearch reports a page for search engines: an HTML page that is
// neither unlisted nor an example entry, which must never pass for a real
// one.
func (hp *HTMLPage) ForSearch() bool {
	return hp.Kind != Unlisted && hp.Page != nil && !hp.Page.Example
}

// groupOf returns hp's group; ok is false for the landing page, which is
// itself in every language, and for pages that are not for search
// engines.
func groupOf(hp *HTMLPage) (g group, ok bool) {
	if !hp.ForSearch() || hp.Kind == Landing {
		return group{}, false
	}
	return group{content: hp.Page.Source != "", key: hp.Page.Key, num: max(hp.Num, 1)}, true
}

// index records the path of the first page of every HTML page, and for
// every group the path of its page in each language.
func (v *View) index(pages []*HTMLPage) {
	v.paths = map[string]bool{}
	v.groups = map[group]map[string]string{}
	for _, hp := range pages {
		if hp.Num <= 1 {
			v.paths[hp.Page.Path] = true
		}
		g, ok := groupOf(hp)
		if !ok {
			continue
		}
		m := v.groups[g]
		if m == nil {
			m = map[string]string{}
			v.groups[g] = m
		}
		m[hp.Page.Lang] = ListPath(hp.Page.Path, g.num)
	}
}

// Alternates returns the hreflang alternates of hp, in the site's language
// order then x-default (the default language's version, else the first
// language's), or nil when hp has no translation.
func (v *View) Alternates(hp *HTMLPage) []Alternate {
	g, ok := groupOf(hp)
	if !ok {
		return nil
	}
	m := v.groups[g]
	if len(m) < 2 {
		return nil
	}
	var alts []Alternate
	xdef := ""
	for _, l := range v.a.Site.Config.Languages {
		p, ok := m[l.Code]
		if !ok {
			continue
		}
		u := v.sites[l.Code].AbsURL(p)
		alts = append(alts, Alternate{Lang: l.Code, URL: u})
		if xdef == "" || l.Code == v.a.Site.Config.DefaultLanguage {
			xdef = u
		}
	}
	return append(alts, Alternate{Lang: XDefault, URL: xdef})
}

// Switcher returns the language switcher of hp: for each other language,
// the same page in it (Exact), else the nearest page: the translated page
// of a content page's section, the first page of the same list, or the
// home.
func (v *View) Switcher(hp *HTMLPage) []Switch {
	p := hp.Page
	if p.Kind == "landing" || p.Kind == "404" {
		return nil
	}
	g, grouped := groupOf(hp)
	var out []Switch
	for _, l := range v.a.Site.Config.Languages {
		if l.Code == p.Lang {
			continue
		}
		s := v.sites[l.Code]
		if path, ok := v.groups[g][l.Code]; grouped && ok {
			out = append(out, Switch{Language: l, URL: s.RelURL(path), Exact: true})
			continue
		}
		var target *site.Page
		exact := false
		if p.Source != "" {
			// The translation of a page left out of search engines' view
			// (an example) is still the page to switch to; the translation
			// of a list whose other language has fewer pages is its first.
			target, exact = v.a.Nearest(p, l.Code)
			exact = exact && hp.Num <= 1
		} else if other := "/" + l.Code + strings.TrimPrefix(p.Path, "/"+p.Lang); v.paths[other] {
			target = &site.Page{Path: other}
		} else {
			target = v.a.Home(l.Code)
		}
		if target == nil {
			continue
		}
		out = append(out, Switch{Language: l, URL: s.RelURL(target.Path), Exact: exact})
	}
	return out
}

// Outdated returns the notices of a content page whose translations
// changed after it (see package translation): one for each language whose
// version is newer, with the date it changed and where it is. Only the
// first page of a list has them.
func (v *View) Outdated(hp *HTMLPage) []Outdated {
	p := hp.Page
	if hp.Kind != Content || p.Source == "" || hp.Num > 1 {
		return nil
	}
	var out []Outdated
	for _, t := range v.a.Translations(p) {
		st := translation.Compare(v.history, v.dates, p, t)
		if st.Status != translation.Outdated {
			continue
		}
		out = append(out, Outdated{Language: v.a.Site.Config.Language(t.Lang), URL: v.sites[t.Lang].RelURL(t.Path), Date: st.Changed})
	}
	return out
}
