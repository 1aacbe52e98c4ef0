package build

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/alaqsa-ira/site/internal/assets"
	"github.com/alaqsa-ira/site/internal/atom"
	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/photo"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/sitemap"
)

// renderer makes the bytes of each job and hands them to the sink.
type renderer struct {
	a       *site.Assembly
	layouts *layout.Set
	md      *markdown.Converter
	base    *url.URL
	sites   map[string]*layout.Site
	paths   map[string]bool             // every planned page path, for switchers of generated pages
	groups  map[group]map[string]string // each page's path in every language (see indexGroups)
	jobs    []*job
	fsys    fs.FS
	sink    Sink
	dev     bool
	latin   string // language of Latin runs in right-to-left text
	rtlLang string // language of Arabic runs in left-to-right text
	images  *imageSizes
	// photos are the photos of this build by source; failedPhotos those
	// that could not be published.
	photos       map[string]*photo.Photo
	failedPhotos map[string]bool
	// history and dates order the changes of a page and its translations
	// (see outdated).
	history *gitlog.History
	dates   map[string]time.Time
	// entries holds the search index entries made in this build, by
	// source path, unless spill does; keptEntry gives those of the last
	// build still valid.
	entries   sync.Map
	spill     *entryFile
	keptEntry func(*site.Page) ([]byte, bool)
	bufs      sync.Pool
}

func newRenderer(a *site.Assembly, layouts *layout.Set, md *markdown.Converter, base *url.URL, jobs []*job, fsys fs.FS, sink Sink, dev bool, set *assets.Set) *renderer {
	r := &renderer{a: a, layouts: layouts, md: md, base: base, jobs: jobs, fsys: fsys, sink: sink, dev: dev,
		sites: map[string]*layout.Site{}, paths: map[string]bool{}}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	r.images = newImageSizes(fsys, base.Path)
	for _, l := range a.Site.Config.Languages {
		r.sites[l.Code] = layout.NewSite(a, l, base, set)
		if l.Dir == "ltr" && r.latin == "" {
			r.latin = l.Code
		}
		if l.Dir == "rtl" && r.rtlLang == "" {
			r.rtlLang = l.Code
		}
	}
	for _, j := range jobs {
		if j.page != nil && j.num <= 1 && (j.kind != jobAlias && j.kind != jobFeed) {
			r.paths[j.page.Path] = true
		}
	}
	r.indexGroups()
	return r
}

// rendered is what rendering one job found besides its bytes.
type rendered struct {
	problems []error         // errors fail the build, warnings do not
	deps     []string        // what the render read of the site (layout.Deps)
	links    []markdown.Link // the links of the page's Markdown
	// incomplete is set when the file was written without its layout,
	// which failed (or is missing): what the layout would have put in it,
	// such as ids, may be missing.
	incomplete bool
	// reported is set when the problems include the metadata of the
	// job's source, which the check of the built site does not repeat.
	reported bool
	// extra are the files the job wrote besides its own (the search
	// index's shards).
	extra []string
}

// maxPooledBuf is the largest buffer kept for reuse: the few large files
// (search indexes, sitemaps, long lists) would otherwise keep megabytes
// alive for the rest of the build.
const maxPooledBuf = 1 << 20

// putBuf returns a buffer to the pool unless it is larger than
// maxPooledBuf.
func (r *renderer) putBuf(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuf {
		r.bufs.Put(b)
	}
}

// render makes one job's file.
func (r *renderer) render(j *job) rendered {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.putBuf(buf)
	var problems []error
	var links []markdown.Link
	var err error
	var extra []string
	incomplete, reported := false, false
	deps := layout.NewDeps()
	switch j.kind {
	case jobPage, jobTerm, jobTerms, jobSitemap, jobLanding, jobNotFound:
		problems, links, err = r.page(buf, j, deps)
		incomplete = err != nil || j.layout == ""
	case jobFeed:
		err = r.feed(buf, j)
	case jobAlias:
		err = r.alias(buf, j)
	case jobRedirect:
		err = r.moved(buf, j)
	case jobRedirects:
		deps.Add("all")
		r.redirectRules(buf)
	case jobCalendar:
		r.calendar(buf, j)
	case jobSearchIndex:
		deps.Add("all", "bodies:"+j.lang)
		extra, err = r.searchIndex(buf, j)
	case jobSitemapXML:
		deps.Add("all")
		err = r.sitemap(buf)
	case jobRobots:
		buf.Write(sitemap.Robots(r.base))
	case jobWorker, jobOfflineList:
		deps.Add("all")
		err = r.offlineFile(buf, j)
	case jobEditor:
		buf.Write(j.data)
	case jobStatic:
		var b []byte
		var found []error
		b, found, reported, err = r.static(j)
		problems = append(problems, found...)
		buf.Write(b)
	}
	if err == nil && !r.dev && isPage(j.kind) {
		min := r.bufs.Get().(*bytes.Buffer)
		min.Reset()
		min.Grow(buf.Len())
		defer r.putBuf(min)
		if err = assets.MinifyHTML(min, buf); err == nil {
			buf = min
		}
	}
	// Written even with errors, so that the check can follow links into it;
	// a build with errors publishes nothing.
	if werr := r.sink.Write(j.file, buf.Bytes()); err == nil {
		err = werr
	}
	if err != nil {
		problems = append(problems, err)
	}
	return rendered{problems: problems, deps: deps.Tokens(), links: links, incomplete: incomplete, reported: reported, extra: extra}
}

// isPage reports the jobs that make HTML.
func isPage(k jobKind) bool {
	switch k {
	case jobPage, jobTerm, jobTerms, jobSitemap, jobLanding, jobNotFound, jobAlias, jobRedirect:
		return true
	}
	return false
}

func (r *renderer) page(buf *bytes.Buffer, j *job, deps *layout.Deps) ([]error, []markdown.Link, error) {
	s := r.sites[j.lang].WithDeps(deps)
	p := j.page
	ctx := &layout.Context{Site: s, Page: s.NewPage(p), Dev: r.dev, Canonical: s.AbsURL(listPath(p.Path, max(j.num, 1))), NoIndex: !forSearch(j)}
	if j.kind == jobNotFound {
		ctx.Canonical = "" // it is served at any address that has no page
	}
	var problems []error
	var links []markdown.Link
	text := ""
	if p.BodyLen > 0 {
		body, err := p.ReadBody(r.fsys)
		if err != nil {
			return nil, nil, err
		}
		content := r.bufs.Get().(*bytes.Buffer)
		content.Reset()
		defer r.putBuf(content)
		doc := r.doc(p, deps)
		if j.num <= 1 && inIndex(p) {
			doc.TextLimit = searchText
		}
		found := r.md.Convert(content, body, doc)
		if j.num <= 1 {
			problems, links = found.Problems, found.Links
			text = found.Text
		}
		ctx.Content = template.HTML(content.String())
	}
	if j.kind == jobTerm {
		ctx.Term = strings.TrimPrefix(p.Key, "categories/")
	}
	if j.total > 0 && (p.Kind == site.KindSection || j.kind == jobTerm) {
		ctx.Pager = r.pager(s, p, j)
	}
	ctx.Description = p.Description
	if ctx.Description == "" {
		ctx.Description = p.Summary
	}
	if ctx.Description == "" {
		ctx.Description = s.Description()
	}
	if r.hasFeed(p) {
		ctx.Feed = s.RelURL("/" + p.Lang + "/" + p.Section + "/" + feedFile)
	}
	ctx.Alternates, ctx.Switch, ctx.Outdated = r.alternates(j), r.switcher(j), r.outdated(j)
	if j.layout == "" {
		// The missing layout is reported by plan; the page's content is
		// still written, for the check of links into it.
		buf.WriteString(string(ctx.Content))
		return problems, links, nil
	}
	if err := r.layouts.Execute(buf, j.lang, j.layout, ctx); err != nil {
		// The page's content alone, for the check of links into it.
		buf.Reset()
		buf.WriteString(string(ctx.Content))
		return problems, links, err
	}
	if j.num <= 1 && inIndex(p) {
		// The page's text, and what the layout showed of the data files.
		if shown := deps.Shown(); shown != "" {
			text += "\n" + shown
		}
		if _, err := r.storeEntry(p, text); err != nil {
			return nil, nil, err
		}
	}
	return problems, links, nil
}

// hasFeed reports whether p's section has a feed to link to.
func (r *renderer) hasFeed(p *site.Page) bool {
	return p.Section != "" && len(r.a.Section(p.Lang, p.Section)) > 0
}

// doc is what the Markdown converter needs to know about p. The pages its
// links lead to are recorded in deps.
func (r *renderer) doc(p *site.Page, deps *layout.Deps) markdown.Doc {
	s := r.sites[p.Lang]
	return markdown.Doc{
		Path: p.Source, Line: p.BodyLine,
		RTL: s.Language.Dir == "rtl", LatinLang: r.latin, RTLLang: r.rtlLang,
		Digits: p.Digits, Footnotes: footnoteWords(s.Language.Locale), Quotes: s.Language.Locale.Strings["quotes"],
		ImageSize: func(url string) (int, int, bool) {
			deps.Add("image:" + url)
			return r.images.size(url)
		},
		Photo: func(dest string) (markdown.Photo, bool, error) {
			ph, ok, src, err := r.photoFor(p, dest)
			if src != "" {
				deps.Add("photo:" + src)
			}
			return ph, ok, err
		},
		Bundle:     p.Bundle,
		EagerFirst: p.ImageSource == "",
		BasePath:   r.base.Path,
		Resolve: func(ref string) (string, error) {
			t, src, err := r.a.PageByRef(p, ref)
			deps.Add("source:" + src)
			if f := r.a.Failed(src); err != nil && f != nil && f.Path != "" {
				// The page has errors of its own, reported where it is:
				// the link leads to its address, which the check leaves
				// alone until the page loads.
				return s.RelURL(f.Path), nil
			}
			if err != nil {
				return "", err
			}
			return s.RelURL(t.Path), nil
		},
	}
}

// footnoteWords are the words of a language's footnotes, from its
// interface strings (footnote.notes, footnote.ref, footnote.back); the
// converter uses English ones where one is missing.
func footnoteWords(l *locale.Locale) markdown.FootnoteWords {
	var w markdown.FootnoteWords
	w.Notes, _ = l.T("footnote.notes")
	w.Ref, _ = l.T("footnote.ref")
	w.Back, _ = l.T("footnote.back")
	return w
}

func (r *renderer) pager(s *layout.Site, p *site.Page, j *job) *layout.Pager {
	pg := &layout.Pager{Number: j.num, Total: j.total, Items: make([]*layout.Page, len(j.items))}
	for i, it := range j.items {
		pg.Items[i] = s.NewPage(it)
	}
	if j.num > 1 {
		pg.PrevURL = s.RelURL(listPath(p.Path, j.num-1))
	}
	if j.num < j.total {
		pg.NextURL = s.RelURL(listPath(p.Path, j.num+1))
	}
	if j.total > 1 {
		prev := 0
		for _, n := range pagerWindow(j.num, j.total) {
			if n > prev+1 {
				pg.Links = append(pg.Links, layout.PagerLink{Gap: true})
			}
			pg.Links = append(pg.Links, layout.PagerLink{Number: n, URL: s.RelURL(listPath(p.Path, n)), Current: n == j.num})
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

func (r *renderer) feed(buf *bytes.Buffer, j *job) error {
	s := r.sites[j.lang]
	f := atom.Feed{
		ID:     s.AbsURL(j.page.Path),
		Lang:   j.lang,
		Title:  j.page.Title + " — " + s.Title(),
		Author: s.Title() + ", " + s.University(),
		Link:   s.AbsURL(j.page.Path),
		Self:   s.AbsURL(j.page.Path + feedFile),
	}
	for _, p := range j.items {
		f.Entries = append(f.Entries, atom.Entry{
			ID: s.AbsURL(p.Path), Title: r.shownTitle(p), Link: s.AbsURL(p.Path),
			Published: p.Date, Updated: p.Updated, Summary: r.eventLine(s, p) + p.Summary, Categories: p.Categories,
		})
	}
	return atom.Write(buf, f)
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<title>{{.URL}}</title>
<link rel="canonical" href="{{.Abs}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p><a href="{{.URL}}" dir="ltr">{{.URL}}</a></p>
</body>
</html>
`))

func (r *renderer) alias(buf *bytes.Buffer, j *job) error {
	s := r.sites[j.lang]
	return redirectPage.Execute(buf, struct{ Lang, Dir, URL, Abs string }{j.lang, s.Language.Dir, s.RelURL(j.target), s.AbsURL(j.target)})
}

var movedPage = template.Must(template.New("moved").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<meta name="robots" content="noindex">
</head>
<body>
<p>{{.Title}}:</p>
<ul>
{{- range .Links}}
<li>{{with .Query}}<code dir="ltr">?{{.}}</code>: {{end}}<a href="{{.URL}}" dir="ltr">{{.URL}}</a></li>
{{- end}}
</ul>
</body>
</html>
`))

// moved writes the page at an old address. With one destination it
// redirects like an alias; with several (the old site told pages apart by
// their query string, which a static file cannot) it lists them.
func (r *renderer) moved(buf *bytes.Buffer, j *job) error {
	s := r.sites[j.lang]
	targets := map[string]bool{}
	for _, m := range j.moved {
		targets[m.To] = true
	}
	if len(targets) == 1 {
		return redirectPage.Execute(buf, struct{ Lang, Dir, URL, Abs string }{j.lang, s.Language.Dir, s.RelURL(j.moved[0].To), s.AbsURL(j.moved[0].To)})
	}
	type link struct{ Query, URL string }
	data := struct {
		Lang, Dir, Title string
		Links            []link
	}{Lang: j.lang, Dir: s.Language.Dir, Title: s.Title() + " · " + s.University()}
	for _, m := range j.moved {
		data.Links = append(data.Links, link{m.Query, s.RelURL(m.To)})
	}
	return movedPage.Execute(buf, data)
}

// redirectRules writes _redirects: a permanent redirect for every alias
// and every entry of data/redirects.yaml, forced (!) so that it applies
// although the redirect page exists as a file, and with the old site's
// query string as parameters to match.
func (r *renderer) redirectRules(buf *bytes.Buffer) {
	s := r.sites[r.a.Site.Config.DefaultLanguage]
	var lines []string
	for _, j := range r.jobs {
		switch j.kind {
		case jobAlias:
			from := "/" + strings.TrimSuffix(j.file, "index.html")
			lines = append(lines, s.RelURL(from)+" "+s.RelURL(j.target)+" 301!")
		case jobRedirect:
			for _, m := range j.moved {
				from := s.RelURL(m.Path)
				if m.Query != "" {
					q, _ := url.ParseQuery(m.Query)
					keys := make([]string, 0, len(q))
					for k := range q {
						keys = append(keys, k)
					}
					slices.Sort(keys)
					for _, k := range keys {
						from += " " + k + "=" + q.Get(k)
					}
				}
				lines = append(lines, from+" "+s.RelURL(m.To)+" 301!")
			}
		}
	}
	slices.Sort(lines)
	buf.WriteString("# Permanent redirects of old addresses, for hosts that read _redirects.\n")
	for _, l := range lines {
		buf.WriteString(l + "\n")
	}
}

// sitemap writes sitemap.xml (see sitemapURLs).
func (r *renderer) sitemap(buf *bytes.Buffer) error {
	urls := r.sitemapURLs()
	buf.Grow(len(urls) * 500) // a URL and its alternates: a large site's sitemap is megabytes
	return sitemap.Write(buf, urls)
}
