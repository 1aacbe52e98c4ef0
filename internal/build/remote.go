package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/alaqsa-ira/site/internal/cms"
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/remote"
	"github.com/alaqsa-ira/site/internal/site"
)

// The last check that pages load nothing from other sites. Where an
// address enters the site it is checked already (an image in Markdown, a
// cover photo, a logo, the emblem); remoteSink reads every page and
// stylesheet, XML document and web app manifest the build writes, whatever made it (a layout, a file of
// static/, a path that forgets the first checks), as a browser would
// (package remote), and any load from another host fails the build. The
// one exception is the web editor at /admin/, which is not a reader's
// page: it loads its pinned CMS script from the CDN (package cms).

// remoteSink records the loads from other hosts of every page and
// stylesheet written through it.
type remoteSink struct {
	Sink
	own   string // the site's host: its own absolute addresses are fine
	mu    sync.Mutex
	found map[string][]remote.Ref // by output path
}

func newRemoteSink(s Sink, own string) *remoteSink {
	return &remoteSink{Sink: s, own: own, found: map[string][]remote.Ref{}}
}

// Write implements Sink.
func (s *remoteSink) Write(p string, data []byte) error {
	if refs := remoteLoads(p, data, s.own); len(refs) > 0 {
		s.mu.Lock()
		s.found[p] = refs
		s.mu.Unlock()
	}
	return s.Sink.Write(p, data)
}

// Read gives back a file written, when the Sink beneath can.
func (s *remoteSink) Read(p string) ([]byte, bool) {
	if r, ok := s.Sink.(reader); ok {
		return r.Read(p)
	}
	return nil, false
}

// remoteLoads returns what the file at output path p, a page or a
// stylesheet, loads from another host than own.
func remoteLoads(p string, data []byte, own string) []remote.Ref {
	var refs []remote.Ref
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm", ".xhtml":
		refs = remote.RemoteHTML(data, own)
	case ".css":
		refs = far(remote.CSS(string(data), 1), own)
	case ".xml", ".xsl", ".xslt", ".rss", ".atom", ".svg":
		refs = far(remote.XML(data), own)
	case ".webmanifest":
		refs = far(remote.Manifest(data), own)
	case ".json":
		if path.Base(p) == "manifest.json" {
			refs = far(remote.Manifest(data), own)
		}
	}
	return slices.DeleteFunc(refs, func(r remote.Ref) bool { return editorScript(p, r) })
}

// far keeps the refs that load from another host than own.
func far(refs []remote.Ref, own string) []remote.Ref {
	return slices.DeleteFunc(refs, func(r remote.Ref) bool { _, far := r.Remote(own); return !far })
}

// editorScript reports the one load from another site the build makes:
// the web editor's page loads its CMS from the CDN, pinned by version
// and integrity hash.
func editorScript(p string, r remote.Ref) bool {
	return p == cms.Dir+"/index.html" && r.Tag == "script" && r.Attr == "src" && r.URL == cms.ScriptURL
}

// problems returns one error for each address loaded from another site,
// at the source that writes it (a layout, a file of static/, a page, a
// data file), with how many files load it. A file whose source was
// refused already (reported: not of a kind the site publishes) is not
// reported again.
func (s *remoteSink) problems(fsys fs.FS, jobs []*job, reported map[string]bool) []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.found) == 0 {
		return nil
	}
	type key struct {
		path string
		line int
		url  string
	}
	type load struct {
		file  string // the first file with the load
		ref   remote.Ref
		count int
	}
	loads := map[key]*load{}
	var keys []key
	loc := &locator{fsys: fsys}
	for _, j := range jobs {
		if reported[j.file] {
			continue
		}
		for _, r := range s.found[j.file] {
			p, line := loc.find(r.URL, sourcesOf(j))
			k := key{p, line, r.URL}
			if l := loads[k]; l != nil {
				l.count++
				continue
			}
			loads[k] = &load{file: j.file, ref: r, count: 1}
			keys = append(keys, k)
		}
	}
	var errs []error
	for _, k := range keys {
		l := loads[k]
		host, _ := l.ref.Remote(s.own)
		more := ""
		if l.count > 1 {
			more = fmt.Sprintf(" (and %d more)", l.count-1)
		}
		in := l.ref.Attr
		if l.ref.Tag != "" {
			in = "<" + l.ref.Tag + " " + in + ">"
		}
		errs = append(errs, diag.Errorf(k.path, k.line, "the published file %s%s loads %q from another site (%s, in %s), and pages of this site load nothing from other sites: "+
			"save the file in static/ and refer to it by its path (like /images/name.png), or remove it", l.file, more, k.url, host, in))
	}
	return errs
}

// sourcesOf lists the files that may hold what job j writes, the likeliest
// first: its page or static file; the layouts and data files come after.
func sourcesOf(j *job) []string {
	var out []string
	if j.kind == jobStatic && j.target != "" {
		out = append(out, j.target)
	}
	if j.page != nil && j.page.Source != "" {
		out = append(out, j.page.Source)
	}
	return out
}

// locator finds where a text is written among the site's sources.
type locator struct {
	fsys  fs.FS
	files []string // the layouts and data files, read once asked
	read  map[string][]byte
}

// find returns the file and line that hold needle: among first, then the
// layouts, then the data files. Not found, it is the first of first (or
// the layouts' folder) at line 0.
func (l *locator) find(needle string, first []string) (string, int) {
	if l.files == nil {
		l.read = map[string][]byte{}
		l.files = []string{}
		for _, dir := range []string{layout.Dir, path.Dir(site.ConfigPath)} {
			_ = fs.WalkDir(l.fsys, dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() {
					l.files = append(l.files, p)
				}
				return nil
			})
		}
		slices.Sort(l.files)
	}
	for _, f := range append(slices.Clip(first), l.files...) {
		data, ok := l.read[f]
		if !ok {
			data, _ = fs.ReadFile(l.fsys, f)
			l.read[f] = data
		}
		if i := bytes.Index(data, []byte(needle)); i >= 0 {
			return f, 1 + bytes.Count(data[:i], []byte("\n"))
		}
	}
	if len(first) > 0 {
		return first[0], 0
	}
	return layout.Dir, 0
}
