package build

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/translation"
	"golang.org/x/net/html"
)

// checker runs the checks that need the whole planned site: that every
// internal link leads to a file the build makes (and, with a #fragment, to
// an id on that page), that partners' logos exist, and which pages lack a
// translation or have one that is out of date.
type checker struct {
	a     *site.Assembly
	base  *url.URL
	files map[string]*job
	// published holds the source files of static/ and bundles published,
	// as they are or as derivatives.
	published map[string]bool
	read      func(file string) ([]byte, bool) // a built file's bytes
	git       map[string]time.Time
	// history orders the changes of pages and their translations (nil:
	// by git).
	history *gitlog.History
	ids     map[string]map[string]bool
	// incomplete holds the files written without their layout, which
	// failed: they may lack ids the layouts write.
	incomplete map[string]bool
	layouts    *layout.Set
	errs       []error
	warns      []error
}

func newChecker(a *site.Assembly, jobs []*job, base *url.URL, read func(string) ([]byte, bool), git map[string]time.Time) *checker {
	c := &checker{a: a, base: base, read: read, git: git, files: make(map[string]*job, len(jobs)), ids: map[string]map[string]bool{},
		incomplete: map[string]bool{}, published: map[string]bool{}}
	for _, j := range jobs {
		c.files[j.file] = j
		if j.kind == jobStatic {
			c.published[j.target] = true
		}
	}
	return c
}

// links checks the links of one page, written in the file of job j, and
// returns the files its #fragment links point into: only a change to those
// can break its links while no page comes or goes.
func (c *checker) links(j *job, links []markdown.Link) (anchored []string) {
	pageURL := &url.URL{Path: strings.TrimSuffix(c.base.Path, "/") + j.page.Path}
	for _, l := range links {
		if l.External {
			continue
		}
		u, err := url.Parse(l.URL)
		if err != nil {
			c.errs = append(c.errs, diag.Errorf(j.page.Source, l.Line, "the link %q is not a valid address", l.Written))
			continue
		}
		target := pageURL.ResolveReference(u)
		file, ok := c.file(target.Path)
		switch {
		case strings.HasPrefix(l.URL, "#"):
			file, ok = j.file, true
		case !strings.HasPrefix(target.Path, c.base.Path) && target.Path+"/" != c.base.Path:
			c.errs = append(c.errs, diag.Errorf(j.page.Source, l.Line, "the link %q leads outside the site (%s): link to a page of the site, like /%s/about/", l.Written, c.base.Path, j.lang))
			continue
		case !ok && c.a.FailedAt("/"+strings.TrimPrefix(target.Path, c.base.Path)):
			// A page with errors of its own, reported where it is.
			continue
		case !ok && l.Image:
			c.errs = append(c.errs, diag.Errorf(j.page.Source, l.Line, "the image %q leads to %s, which the site does not have: put the file in static/ (static%s) or fix the path", l.Written, target.Path, "/"+strings.TrimPrefix(target.Path, c.base.Path)))
			continue
		case !ok:
			c.errs = append(c.errs, diag.Errorf(j.page.Source, l.Line, "the link %q leads to %s, which the site does not have: check the address, or link to the page's file (about.md)", l.Written, target.Path))
			continue
		}
		if u.Fragment == "" {
			continue
		}
		anchored = append(anchored, file)
		if !c.hasID(file, u.Fragment) && !c.mayLack(file, u.Fragment) {
			c.errs = append(c.errs, diag.Errorf(j.page.Source, l.Line, "the link %q points to #%s, which is not a heading or anchor on that page%s", l.Written, u.Fragment, c.suggestID(file, u.Fragment)))
		}
	}
	return anchored
}

// mayLack reports whether a file may lack an id only because a layout
// failed, which is reported where it is: the file was written without its
// layout and some layout writes the id, or a layout that failed to parse
// writes it.
func (c *checker) mayLack(file, id string) bool {
	if c.layouts == nil {
		return false
	}
	if c.incomplete[file] && c.layouts.WritesID(id) {
		return true
	}
	return c.layouts.BrokenID(id)
}

// file returns the built file an address inside the site leads to.
func (c *checker) file(p string) (string, bool) {
	rel := strings.TrimPrefix(p, c.base.Path)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if _, ok := c.files[rel]; ok {
		return rel, true
	}
	if _, ok := c.files[rel+"/index.html"]; ok {
		return rel + "/index.html", true
	}
	return "", false
}

// hasID reports whether a built page has an element with the id.
func (c *checker) hasID(file, id string) bool {
	ids, ok := c.ids[file]
	if !ok {
		ids = map[string]bool{}
		if data, found := c.read(file); found {
			z := html.NewTokenizer(bytes.NewReader(data))
			for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
				if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
					continue
				}
				tag, more := z.TagName()
				for more {
					var k, v []byte
					k, v, more = z.TagAttr()
					if string(k) == "id" || (string(k) == "name" && string(tag) == "a") {
						ids[string(v)] = true
					}
				}
			}
		}
		c.ids[file] = ids
	}
	if ids[id] {
		return true
	}
	if un, err := url.PathUnescape(id); err == nil && ids[un] {
		return true
	}
	return false
}

func (c *checker) suggestID(file, id string) string {
	var all []string
	for k := range c.ids[file] {
		if k != "main" {
			all = append(all, k)
		}
	}
	if len(all) == 0 {
		return " (it has none)"
	}
	slices.Sort(all)
	if len(all) > 8 {
		all = append(all[:8], "...")
	}
	return " (it has: " + strings.Join(all, ", ") + ")"
}

// redirects checks that every entry of data/redirects.yaml leads to a page
// of the site, and not to another redirect (which would make a chain, or a
// loop).
func (c *checker) redirects() {
	for _, r := range c.a.Site.Redirects {
		file, ok := c.file(strings.TrimSuffix(c.base.Path, "/") + r.To)
		switch j := c.files[file]; {
		case !ok && c.a.FailedAt(r.To):
			// The page has errors of its own, reported where it is.
		case !ok:
			c.errs = append(c.errs, diag.Errorf(site.RedirectsPath, r.Line, "the redirect of %s leads to %s, which the site does not have: point it at an existing page", r.From, r.To))
		case j.kind == jobAlias || j.kind == jobRedirect:
			c.errs = append(c.errs, diag.Errorf(site.RedirectsPath, r.Line, "the redirect of %s leads to %s, which is itself a redirect (%s): point it at the page at the end, so that readers are not sent round", r.From, r.To, j.from))
		}
	}
}

// emblem checks that the university's emblem is a file the site publishes.
func (c *checker) emblem() {
	e := c.a.Site.Config.Emblem
	if e == "" {
		return
	}
	rel := strings.TrimPrefix(e, "/")
	if _, ok := c.files[rel]; !ok && !c.published[staticDir+"/"+rel] {
		c.errs = append(c.errs, diag.Errorf(site.ConfigPath, c.a.Site.Config.EmblemLine, "the emblem %s is not in static/ (static/%s): add the file or fix the path", e, rel))
	}
}

// partners checks that every logo is a file of static/.
func (c *checker) partners() {
	for _, p := range c.a.Site.Partners {
		if p.Logo == "" {
			continue
		}
		rel := strings.TrimPrefix(p.Logo, "/")
		if _, ok := c.files[rel]; !ok && !c.published[staticDir+"/"+rel] {
			c.errs = append(c.errs, diag.Errorf(site.PartnersPath, p.Line, "the logo of %q, %s, is not in static/: add the file or fix the path", p.ID, strings.TrimPrefix(p.Logo, "/")))
		}
	}
}

// externalLinks returns the links to other sites in the pages' Markdown and
// the partners' websites, with where each is written.
func externalLinks(jobs map[*job][]markdown.Link, s *site.Site) []ExternalLink {
	var out []ExternalLink
	for j, links := range jobs {
		for _, l := range links {
			if l.External {
				out = append(out, ExternalLink{URL: l.URL, Path: j.page.Source, Line: l.Line})
			}
		}
	}
	for _, p := range s.Partners {
		if p.URL != "" {
			out = append(out, ExternalLink{URL: p.URL, Path: site.PartnersPath, Line: p.Line})
		}
	}
	slices.SortFunc(out, func(a, b ExternalLink) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return strings.Compare(a.URL, b.URL)
	})
	return out
}

// ExternalLink is a link to another site and where it is written.
type ExternalLink struct {
	URL  string
	Path string
	Line int
}

// check runs the checks of the whole site (see checker) and returns its
// errors, and the warnings about translations to keep for the next build;
// its warnings go to the result.
func (b *Builder) check(res *Result, a *site.Assembly, layouts *layout.Set, jobs, todo []*job, done []rendered, base *url.URL, sink Sink) (errs, translationWarns []error) {
	read := func(file string) ([]byte, bool) {
		if r, ok := sink.(reader); ok {
			if data, ok := r.Read(file); ok {
				return data, true
			}
		}
		if o, ok := b.out[file]; ok {
			return o.data, true
		}
		return nil, false
	}
	links := map[*job][]markdown.Link{}
	rendered := make(map[*job]bool, len(todo))
	for i, j := range todo {
		rendered[j] = true
		if len(done[i].links) > 0 {
			links[j] = done[i].links
		}
	}
	for _, j := range jobs {
		if o, ok := b.out[j.file]; ok && !rendered[j] && len(o.links) > 0 {
			links[j] = o.links
		}
	}
	// While no page comes, goes or changes its meta, a page's links can
	// only break if it changed, or if a page it points into with #fragment
	// did: the others passed the last build's check.
	renderedFile := make(map[string]bool, len(todo))
	for _, j := range todo {
		renderedFile[j.file] = true
	}
	c := newChecker(a, jobs, base, read, b.opts.GitDates)
	c.history = b.opts.History
	c.layouts = layouts
	for i, j := range todo {
		if done[i].incomplete {
			c.incomplete[j.file] = true
		}
	}
	b.anchored = map[string][]string{}
	for _, j := range jobs {
		l := links[j]
		if len(l) == 0 {
			continue
		}
		if prev, ok := b.out[j.file]; ok && b.stable && !rendered[j] && !slices.ContainsFunc(prev.anchored, func(f string) bool { return renderedFile[f] }) {
			b.anchored[j.file] = prev.anchored
			continue
		}
		b.anchored[j.file] = c.links(j, l)
	}
	c.partners()
	c.emblem()
	c.redirects()
	if b.stable && b.translationWarns != nil {
		// Which pages lack a translation, or have an older one, depends on
		// the pages' metas and commits only: unchanged.
		translationWarns = b.translationWarns
		c.warns = append(c.warns, translationWarns...)
	} else {
		before := len(c.warns)
		c.translations()
		translationWarns = append([]error{}, c.warns[before:]...)
	}
	res.Warnings = append(res.Warnings, c.warns...)
	if b.opts.Report {
		res.Translations = translation.Rows(a, b.opts.History, b.opts.GitDates)
		res.History = b.opts.History
		res.External = externalLinks(links, a.Site)
	}
	return c.errs, translationWarns
}
