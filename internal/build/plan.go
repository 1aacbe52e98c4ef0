package build

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"

	"github.com/alaqsa-ira/site/internal/assets"
	"github.com/alaqsa-ira/site/internal/atom"
	"github.com/alaqsa-ira/site/internal/cms"
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/photo"
	"github.com/alaqsa-ira/site/internal/regular"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/sitemap"
	"github.com/alaqsa-ira/site/internal/view"
)

// jobKind says how an output file is made.
type jobKind int

const (
	jobPage        jobKind = iota // a content page, or one page of a section's list
	jobTerm                       // one page of a category's list
	jobTerms                      // the list of categories
	jobSitemap                    // the HTML sitemap of a language
	jobFeed                       // the Atom feed of a section
	jobAlias                      // a redirect page
	jobLanding                    // the bilingual page at the site root
	jobNotFound                   // 404.html
	jobSitemapXML                 // sitemap.xml
	jobRobots                     // robots.txt
	jobStatic                     // a file copied from static/
	jobRedirect                   // the page at an old address of data/redirects.yaml
	jobRedirects                  // _redirects, the redirect rules hosts such as Netlify read
	jobSearchIndex                // the search index of a language
	jobCalendar                   // the .ics of a page's deadline and event, or of a section's
	jobWorker                     // the service worker of offline reading
	jobOfflineList                // the list of current files the worker prunes its cache by
	jobEditor                     // a file of the web editor at /admin/ (internal/cms)
)

// job is one output file.
type job struct {
	file   string // output path, slash-separated: "en/about/index.html"
	kind   jobKind
	lang   string
	page   *site.Page // the page shown (synthetic for generated lists)
	layout string     // layout file
	num    int        // page number of a list, from 1
	total  int        // pages in the list
	items  []*site.Page
	target string // alias target path
	from   string // what asked for the file, for collision messages
	moved  []site.Redirect
	data   []byte // a prepared asset's bytes
	// html describes an HTML page made with a layout to the view (see
	// htmlPage); nil for other files.
	html *view.HTMLPage
	// preview marks a photo's source file that only the dev server shows
	// while the photo's derivatives are made: it never reaches a
	// published site, so the metadata it carries is not reported.
	preview bool
}

// Paths of generated pages.
const (
	sitemapXML   = sitemap.File
	robotsTxt    = "robots.txt"
	redirectsTxt = "_redirects"
	searchIndex  = "index.json"
	calendarFile = "calendar.ics"
	notFoundOut  = "404.html"
)

func pageFile(p string) string { return strings.TrimPrefix(p, "/") + "index.html" }

// plan lists every output of the build and reports two outputs with the same
// path, and pages whose layout does not exist.
func plan(a *site.Assembly, layouts *layout.Set, static []string, set *assets.Set, photos map[string]*photo.Photo, dev bool) ([]*job, []error) {
	var jobs []*job
	var errs []error
	per := a.Site.Config.Paginate
	add := func(j *job) { jobs = append(jobs, j) }
	found := map[[3]string]string{}
	findLayout := func(p *site.Page, kind string) string {
		k := [3]string{kind, p.Section, p.Layout}
		name, ok := found[k]
		if !ok {
			name = layouts.Find(kind, p.Section, p.Layout)
			found[k] = name
		}
		if name == "" {
			what := kind + ".html"
			if p.Layout != "" {
				what = p.Layout + ".html"
			}
			errs = append(errs, diag.Errorf(p.Source, p.Line("layout"), "no layout for this page: create layouts/%s", what))
		} else if p.Layout != "" && !strings.HasSuffix(name, "/"+p.Layout+".html") && name != p.Layout+".html" {
			errs = append(errs, diag.Errorf(p.Source, p.Line("layout"), "layout %q does not exist: create layouts/%s.html or remove the layout key", p.Layout, p.Layout))
		}
		return name
	}
	for _, p := range a.Pages {
		switch p.Kind {
		case site.KindSection:
			items := a.Section(p.Lang, p.Section)
			name := findLayout(p, "section")
			paginate(items, per, func(n, total int, chunk []*site.Page) {
				add(&job{file: pageFile(view.ListPath(p.Path, n)), kind: jobPage, lang: p.Lang, page: p, layout: name, num: n, total: total, items: chunk, from: p.Source})
			})
			add(&job{file: pageFile(p.Path + "page/1/"), kind: jobAlias, lang: p.Lang, page: p, target: p.Path, from: p.Source})
			if dated := datedItems(items); len(dated) > 0 {
				add(&job{file: strings.TrimPrefix(p.Path, "/") + calendarFile, kind: jobCalendar, lang: p.Lang, page: p, items: dated, from: p.Source})
			}
			if len(items) > 0 {
				add(&job{file: strings.TrimPrefix(p.Path, "/") + atom.File, kind: jobFeed, lang: p.Lang, page: p, items: items[:min(len(items), feedSize)], from: p.Source})
			}
		default:
			kind := string(p.Kind)
			add(&job{file: pageFile(p.Path), kind: jobPage, lang: p.Lang, page: p, layout: findLayout(p, kind), num: 1, total: 1, from: p.Source})
			if len(datedItems([]*site.Page{p})) > 0 {
				add(&job{file: strings.TrimPrefix(p.Path, "/") + calendarFile, kind: jobCalendar, lang: p.Lang, page: p, items: []*site.Page{p}, from: p.Source})
			}
		}
		for _, f := range site.AliasFiles(p) {
			add(&job{file: f, kind: jobAlias, lang: p.Lang, page: p, target: p.Path, from: p.Source + " (aliases)"})
		}
	}
	for _, l := range a.Site.Config.Languages {
		cats := a.Categories(l.Code)
		if len(cats) > 0 {
			p := &site.Page{Kind: "terms", Lang: l.Code, Path: "/" + l.Code + "/categories/", Key: "categories"}
			p.Title, p.Description = describe(l, "categories", "categories")
			add(&job{file: pageFile(p.Path), kind: jobTerms, lang: l.Code, page: p, layout: need(layouts, "terms", &errs), from: "categories of " + l.Code})
		}
		for _, c := range cats {
			p := &site.Page{Kind: "term", Lang: l.Code, Path: view.CategoryPath(l.Code, c), Key: "categories/" + c}
			p.Title, p.Description = describe(l, "category."+c, "category")
			name := need(layouts, "term", &errs)
			paginate(a.Category(l.Code, c), per, func(n, total int, chunk []*site.Page) {
				add(&job{file: pageFile(view.ListPath(p.Path, n)), kind: jobTerm, lang: l.Code, page: p, layout: name, num: n, total: total, items: chunk, from: "category " + c})
			})
		}
		sp := &site.Page{Kind: "search", Lang: l.Code, Path: "/" + l.Code + "/search/", Key: "search"}
		sp.Title, sp.Description = describe(l, "search", "search")
		add(&job{file: pageFile(sp.Path), kind: jobSitemap, lang: l.Code, page: sp, layout: need(layouts, "search", &errs), from: "search page of " + l.Code})
		add(&job{file: strings.TrimPrefix(sp.Path, "/") + searchIndex, kind: jobSearchIndex, lang: l.Code, from: "search index of " + l.Code})
		sm := &site.Page{Kind: "sitemap", Lang: l.Code, Path: "/" + l.Code + "/sitemap/", Key: "sitemap"}
		sm.Title, sm.Description = describe(l, "sitemap", "sitemap")
		add(&job{file: pageFile(sm.Path), kind: jobSitemap, lang: l.Code, page: sm, layout: need(layouts, "sitemap", &errs), from: "HTML sitemap of " + l.Code})
	}
	def := a.Site.Config.DefaultLanguage
	landing := &site.Page{Kind: "landing", Lang: def, Path: "/", Title: inEveryLanguage(a, func(l *site.Language) string { return l.Title }),
		Description: inEveryLanguage(a, func(l *site.Language) string { return l.Description })}
	add(&job{file: "index.html", kind: jobLanding, lang: def, page: landing, layout: need(layouts, "landing", &errs), from: "the landing page"})
	notFound := &site.Page{Kind: "404", Lang: def, Path: "/404.html",
		Title:       inEveryLanguage(a, func(l *site.Language) string { s, _ := l.Locale.T("notFoundTitle"); return s }),
		Description: inEveryLanguage(a, func(l *site.Language) string { s, _ := l.Locale.T("notFoundText"); return s })}
	add(&job{file: notFoundOut, kind: jobNotFound, lang: def, page: notFound, layout: need(layouts, "404", &errs), from: "the 404 page"})
	jobs = append(jobs, offlineJobs(a, layouts, dev, &errs)...)
	add(&job{file: sitemapXML, kind: jobSitemapXML, from: "the XML sitemap"})
	add(&job{file: robotsTxt, kind: jobRobots, from: "robots.txt"})
	add(&job{file: redirectsTxt, kind: jobRedirects, from: "_redirects"})
	editor, err := cms.Files(a.Site.Config)
	if err != nil {
		errs = append(errs, fmt.Errorf("the web editor's files: %w", err))
	}
	for _, f := range editor {
		add(&job{file: f.Name, kind: jobEditor, data: f.Data, from: "the web editor"})
	}
	byFile := map[string]*job{}
	for _, r := range a.Site.Redirects {
		file, err := site.RedirectFile(r.Path)
		if err != nil {
			errs = append(errs, diag.Errorf(site.RedirectsPath, r.Line, "%v", err))
			continue
		}
		j := byFile[file]
		if j == nil {
			j = &job{file: file, kind: jobRedirect, lang: a.Site.Config.DefaultLanguage, from: fmt.Sprintf("%s:%d", site.RedirectsPath, r.Line)}
			byFile[file] = j
			add(j)
		}
		j.moved = append(j.moved, r)
	}
	for _, f := range static {
		rel := strings.TrimPrefix(f, staticDir+"/")
		if site.RasterExt(f) {
			// Published only as its derivatives.
			if ph := photos[f]; ph != nil {
				photoJobs(add, ph, strings.TrimPrefix(photo.Dir(f, "", ""), "/"))
			}
			continue
		}
		if as, ok := set.Lookup(rel); ok && assets.IsAsset(rel) {
			add(&job{file: as.Name, kind: jobStatic, target: f, data: as.Data, from: f})
			continue
		}
		add(&job{file: rel, kind: jobStatic, target: f, from: f})
	}
	bundleJobs(a, photos, add)
	jobs, clashes := collisions(jobs)
	for _, j := range jobs {
		j.html = htmlPage(j)
	}
	return jobs, append(errs, clashes...)
}

// htmlPage describes j to the view when it is an HTML page made with a
// layout, else returns nil.
func htmlPage(j *job) *view.HTMLPage {
	var kind view.Kind
	switch j.kind {
	case jobPage:
		kind = view.Content
	case jobTerm:
		kind = view.Category
	case jobTerms, jobSitemap:
		kind = view.Generated
	case jobLanding:
		kind = view.Landing
	case jobNotFound:
		kind = view.Unlisted
	default:
		return nil
	}
	return &view.HTMLPage{Kind: kind, Page: j.page, Num: j.num, Total: j.total, Items: j.items}
}

// htmlPages lists the HTML pages of jobs.
func htmlPages(jobs []*job) []*view.HTMLPage {
	var out []*view.HTMLPage
	for _, j := range jobs {
		if j.html != nil {
			out = append(out, j.html)
		}
	}
	return out
}

// inEveryLanguage joins what f gives for each language, for the pages that
// are in every language at once (the root page, 404).
func inEveryLanguage(a *site.Assembly, f func(*site.Language) string) string {
	var parts []string
	for _, l := range a.Site.Config.Languages {
		if s := f(l); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " | ")
}

// datedItems returns the pages with a deadline or an event.
func datedItems(ps []*site.Page) []*site.Page {
	var out []*site.Page
	for _, p := range ps {
		if !p.Deadline.IsZero() || !p.EventDate.IsZero() {
			out = append(out, p)
		}
	}
	return out
}

// feedSize is how many entries a feed holds.
const feedSize = 20

func need(layouts *layout.Set, kind string, errs *[]error) string {
	name := layouts.Find(kind, "", "")
	if name == "" {
		err := diag.Errorf(layout.Dir+"/"+kind+".html", 0, "this layout is missing: the site needs it to render its %s page", kind)
		if !slices.ContainsFunc(*errs, func(e error) bool { return e.Error() == err.Error() }) {
			*errs = append(*errs, err)
		}
	}
	return name
}

// paginate calls fn for each page of items, at least once.
func paginate(items []*site.Page, per int, fn func(n, total int, chunk []*site.Page)) {
	total := max(1, (len(items)+per-1)/per)
	for n := 1; n <= total; n++ {
		lo := (n - 1) * per
		fn(n, total, items[min(lo, len(items)):min(lo+per, len(items))])
	}
}

// collisions reports output files claimed twice, naming both claimants,
// and returns the jobs without the second claimants (the build fails, but
// goes on to check the rest). Paths are compared as a case-insensitive
// file system would, since sites are often published to one.
func collisions(jobs []*job) ([]*job, []error) {
	var errs []error
	kept := jobs[:0:0]
	seen := make(map[string]*job, len(jobs))
	for _, j := range jobs {
		key := j.file
		if hasUpper(key) {
			key = strings.ToLower(key)
		}
		if other, dup := seen[key]; dup {
			errs = append(errs, collisionError(j, other))
			continue
		}
		seen[key] = j
		kept = append(kept, j)
	}
	if len(errs) == 0 {
		return jobs, nil
	}
	return kept, errs
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func collisionError(j, other *job) error {
	msg := fmt.Sprintf("two outputs have the same address /%s: this (%s) and %s; change a slug, an alias or a file name", strings.TrimSuffix(j.file, "index.html"), j.from, other.from)
	src := j.from
	line := 0
	if len(j.moved) > 0 {
		src, line = site.RedirectsPath, j.moved[0].Line
	}
	if j.page != nil && j.page.Source != "" {
		src = j.page.Source
		if j.kind == jobAlias {
			line = j.page.Line("aliases")
		} else {
			line = j.page.Line("slug")
		}
	}
	if !strings.Contains(src, "/") {
		src = "content"
	}
	return diag.Errorf(strings.TrimSuffix(src, " (aliases)"), line, "%s", msg)
}

// staticDir is the folder copied as it is into the output.
const staticDir = "static"

// staticFiles lists the files under static/, and warns about what it
// skips: anything that is not a regular file or a folder (a link, a named
// pipe, a socket, a device).
func staticFiles(fsys fs.FS) (files []string, warnings []error, err error) {
	err = fs.WalkDir(fsys, staticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == staticDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if p != staticDir && site.IgnoredName(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type().IsRegular():
			files = append(files, p)
		case !d.IsDir():
			warnings = append(warnings, regular.Skipped(p, d.Type()))
		}
		return nil
	})
	slices.Sort(files)
	return files, warnings, err
}
