package build

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/alaqsa-ira/site/internal/assets"
	"github.com/alaqsa-ira/site/internal/atom"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/sitemap"
	"github.com/alaqsa-ira/site/internal/view"
)

// renderer makes the bytes of each job and hands them to the sink.
type renderer struct {
	a       *site.Assembly
	view    *view.View
	layouts *layout.Set
	md      *markdown.Converter
	base    *url.URL
	jobs    []*job
	fsys    fs.FS
	sink    Sink
	dev     bool
	// entries holds the search index entries made in this build, by
	// source path, unless spill does; keptEntry gives those of the last
	// build still valid.
	entries   sync.Map
	spill     *entryFile
	keptEntry func(*site.Page) ([]byte, bool)
	bufs      sync.Pool
}

func newRenderer(a *site.Assembly, v *view.View, layouts *layout.Set, md *markdown.Converter, base *url.URL, jobs []*job, fsys fs.FS, sink Sink, dev bool) *renderer {
	r := &renderer{a: a, view: v, layouts: layouts, md: md, base: base, jobs: jobs, fsys: fsys, sink: sink, dev: dev}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	return r
}

// rendered is what rendering one job found besides its bytes.
type rendered struct {
	problems []error         // errors fail the build, warnings do not
	deps     []view.Dep      // what the render read of the site
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
	deps := view.NewDeps()
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
		deps.Add(view.Dep{Kind: view.DepAll})
		r.redirectRules(buf)
	case jobCalendar:
		r.calendar(buf, j)
	case jobSearchIndex:
		deps.Add(view.Dep{Kind: view.DepAll}, view.Dep{Kind: view.DepBodies, Lang: j.lang})
		extra, err = r.searchIndex(buf, j)
	case jobSitemapXML:
		deps.Add(view.Dep{Kind: view.DepAll})
		err = r.sitemap(buf)
	case jobRobots:
		buf.Write(sitemap.Robots(r.base))
	case jobWorker, jobOfflineList:
		deps.Add(view.Dep{Kind: view.DepAll})
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
	return rendered{problems: problems, deps: deps.List(), links: links, incomplete: incomplete, reported: reported, extra: extra}
}

// isPage reports the jobs that make HTML.
func isPage(k jobKind) bool {
	switch k {
	case jobPage, jobTerm, jobTerms, jobSitemap, jobLanding, jobNotFound, jobAlias, jobRedirect:
		return true
	}
	return false
}

// page renders an HTML page with its layout: its body converted, then its
// layout executed with the context the view assembles for it. What both
// read of the site is recorded in deps.
func (r *renderer) page(buf *bytes.Buffer, j *job, deps *view.Deps) ([]error, []markdown.Link, error) {
	p := j.page
	var problems []error
	var links []markdown.Link
	var content template.HTML
	text := ""
	if p.BodyLen > 0 {
		body, err := p.ReadBody(r.fsys)
		if err != nil {
			return nil, nil, err
		}
		html := r.bufs.Get().(*bytes.Buffer)
		html.Reset()
		defer r.putBuf(html)
		doc := r.view.Doc(p, deps)
		if j.num <= 1 && inIndex(p) {
			doc.TextLimit = searchText
		}
		found := r.md.Convert(html, body, doc)
		if j.num <= 1 {
			problems, links = found.Problems, found.Links
			text = found.Text
		}
		content = template.HTML(html.String())
	}
	if j.layout == "" {
		// The missing layout is reported by plan; the page's content is
		// still written, for the check of links into it.
		buf.WriteString(string(content))
		return problems, links, nil
	}
	if err := r.layouts.Execute(buf, j.lang, j.layout, r.view.Context(j.html, content, deps)); err != nil {
		// The page's content alone, for the check of links into it.
		buf.Reset()
		buf.WriteString(string(content))
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

func (r *renderer) feed(buf *bytes.Buffer, j *job) error {
	s := r.view.Site(j.lang)
	f := atom.Feed{
		ID:     s.AbsURL(j.page.Path),
		Lang:   j.lang,
		Title:  j.page.Title + " — " + s.Title(),
		Author: s.Title() + ", " + s.University(),
		Link:   s.AbsURL(j.page.Path),
		Self:   s.AbsURL(j.page.Path + atom.File),
	}
	for _, p := range j.items {
		f.Entries = append(f.Entries, atom.Entry{
			ID: s.AbsURL(p.Path), Title: r.view.ShownTitle(p), Link: s.AbsURL(p.Path),
			Published: p.Date, Updated: p.Updated, Summary: r.view.EventLine(p) + p.Summary, Categories: p.Categories,
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
	s := r.view.Site(j.lang)
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
	s := r.view.Site(j.lang)
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
	s := r.view.Site(r.a.Site.Config.DefaultLanguage)
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

// sitemapURLs lists every page for search engines once, lists by their
// first page, with the alternates of its head.
func (r *renderer) sitemapURLs() []sitemap.URL {
	var urls []sitemap.URL
	for _, j := range r.jobs {
		if j.html == nil || !j.html.ForSearch() || j.num > 1 {
			continue
		}
		u := sitemap.URL{Loc: r.view.Site(j.lang).AbsURL(j.page.Path), Lastmod: j.page.Updated}
		for _, a := range r.view.Alternates(j.html) {
			u.Alternates = append(u.Alternates, sitemap.Alternate{Hreflang: a.Lang, Href: a.URL})
		}
		urls = append(urls, u)
	}
	return urls
}
