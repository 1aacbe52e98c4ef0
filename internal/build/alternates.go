package build

import (
	"strings"

	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/sitemap"
	"github.com/alaqsa-ira/site/internal/translation"
)

// One address, one set of translations. A page for search engines is an
// HTML page of the site that is neither a redirect nor marked noindex (the
// 404 page, example entries). Each such page belongs to a group: the same
// page in every language, which is the same content page (by translation
// key) or the same generated page (search, sitemap, a category), and, for a
// list, the same page number. A page's hreflang alternates are its group:
// itself included, with x-default, and only when the group has two
// languages or more. Since every member of a group lists the same group,
// alternates are always reciprocal, and the sitemap, which lists the first
// page of each list and every other page for search engines once, gives
// exactly the alternates the pages' heads give.

// group names one page across its languages.
type group struct {
	key string // "p:" and a content page's translation key, or "g:" and a generated page's key
	num int    // the page of a list, from 1; 1 for other pages
}

// forSearch reports the jobs that make a page for search engines.
func forSearch(j *job) bool {
	switch j.kind {
	case jobPage, jobTerm, jobTerms, jobSitemap, jobLanding:
		return j.page != nil && !noindex(j.page)
	}
	return false
}

// noindex reports pages that search engines are asked to leave out:
// entries marked example: true, which must never pass for real ones.
func noindex(p *site.Page) bool { return p.Example }

// groupOf returns j's group; ok is false for the landing page, which is
// itself in every language, and for jobs that are not pages for search
// engines.
func groupOf(j *job) (g group, ok bool) {
	if !forSearch(j) || j.kind == jobLanding {
		return group{}, false
	}
	num := max(j.num, 1)
	if j.page.Source != "" {
		return group{"p:" + j.page.Key, num}, true
	}
	return group{"g:" + j.page.Key, num}, true
}

// indexGroups records, for every group, the path of its page in each
// language.
func (r *renderer) indexGroups() {
	r.groups = map[group]map[string]string{}
	for _, j := range r.jobs {
		g, ok := groupOf(j)
		if !ok {
			continue
		}
		m := r.groups[g]
		if m == nil {
			m = map[string]string{}
			r.groups[g] = m
		}
		m[j.lang] = listPath(j.page.Path, g.num)
	}
}

// alternates returns the hreflang alternates of j, in the site's language
// order then x-default (the default language's version, else the first
// language's), or nil when j has no translation.
func (r *renderer) alternates(j *job) []layout.Alternate {
	g, ok := groupOf(j)
	if !ok {
		return nil
	}
	m := r.groups[g]
	if len(m) < 2 {
		return nil
	}
	var alts []layout.Alternate
	xdef := ""
	for _, l := range r.a.Site.Config.Languages {
		p, ok := m[l.Code]
		if !ok {
			continue
		}
		u := r.sites[l.Code].AbsURL(p)
		alts = append(alts, layout.Alternate{Lang: l.Code, URL: u})
		if xdef == "" || l.Code == r.a.Site.Config.DefaultLanguage {
			xdef = u
		}
	}
	return append(alts, layout.Alternate{Lang: layout.XDefault, URL: xdef})
}

// switcher returns the language switcher of j: for each other language,
// the same page in it (Exact), else the nearest page: the translated page
// of a content page's section, the first page of the same list, or the
// home.
func (r *renderer) switcher(j *job) []layout.Switch {
	p := j.page
	if p.Kind == "landing" || p.Kind == "404" {
		return nil
	}
	g, grouped := groupOf(j)
	var out []layout.Switch
	for _, l := range r.a.Site.Config.Languages {
		if l.Code == p.Lang {
			continue
		}
		s := r.sites[l.Code]
		if path, ok := r.groups[g][l.Code]; grouped && ok {
			out = append(out, layout.Switch{Language: l, URL: s.RelURL(path), Exact: true})
			continue
		}
		var target *site.Page
		exact := false
		if p.Source != "" {
			// The translation of a page left out of search engines' view
			// (an example) is still the page to switch to; the translation
			// of a list whose other language has fewer pages is its first.
			target, exact = r.a.Nearest(p, l.Code)
			exact = exact && j.num <= 1
		} else if other := "/" + l.Code + strings.TrimPrefix(p.Path, "/"+p.Lang); r.paths[other] {
			target = &site.Page{Path: other}
		} else {
			target = r.a.Home(l.Code)
		}
		if target == nil {
			continue
		}
		out = append(out, layout.Switch{Language: l, URL: s.RelURL(target.Path), Exact: exact})
	}
	return out
}

// outdated returns the notices of a content page whose translations
// changed after it (see package translation): one for each language whose
// version is newer, with the date it changed and where it is. Only the
// first page of a list has them.
func (r *renderer) outdated(j *job) []layout.Outdated {
	p := j.page
	if j.kind != jobPage || p.Source == "" || j.num > 1 {
		return nil
	}
	var out []layout.Outdated
	for _, t := range r.a.Translations(p) {
		st := translation.Compare(r.history, r.dates, p, t)
		if st.Status != translation.Outdated {
			continue
		}
		out = append(out, layout.Outdated{Language: r.a.Site.Config.Language(t.Lang), URL: r.sites[t.Lang].RelURL(t.Path), Date: st.Changed})
	}
	return out
}

// sitemapURLs lists every page for search engines once, lists by their
// first page, with the alternates of its head.
func (r *renderer) sitemapURLs() []sitemap.URL {
	var urls []sitemap.URL
	for _, j := range r.jobs {
		if !forSearch(j) || j.num > 1 {
			continue
		}
		u := sitemap.URL{Loc: r.sites[j.lang].AbsURL(j.page.Path), Lastmod: j.page.Updated}
		for _, a := range r.alternates(j) {
			u.Alternates = append(u.Alternates, sitemap.Alternate{Hreflang: a.Lang, Href: a.URL})
		}
		urls = append(urls, u)
	}
	return urls
}
