package build

import (
	"bytes"
	"os"
	"path"
	"slices"
	"sync"

	"github.com/alaqsa-ira/site/internal/search"
	"github.com/alaqsa-ira/site/internal/site"
)

// searchText is how much of a page's text the search index reads: all of
// it, short of a page of a book's length (search.NewEntry keeps less).
const searchText = 100000

// inIndex reports the pages the search index lists: all but the homes.
func inIndex(p *site.Page) bool { return p.Source != "" && p.Kind != site.KindHome }

// searchEntry returns p's entry of the search index, as JSON: made when
// the page was rendered in this build, else kept from the last build (the
// dev server's), else made now from the page's file.
func (r *renderer) searchEntry(p *site.Page) ([]byte, error) {
	if r.spill != nil {
		if data, ok, err := r.spill.get(p.Source); ok || err != nil {
			return data, err
		}
	} else if v, ok := r.entries.Load(p.Source); ok {
		return v.([]byte), nil
	}
	if r.keptEntry != nil {
		if b, ok := r.keptEntry(p); ok {
			return b, nil
		}
	}
	body, err := p.ReadBody(r.fsys)
	if err != nil {
		return nil, err
	}
	return r.storeEntry(p, r.md.Text(body, searchText, r.view.Doc(p, nil)))
}

// storeEntry makes p's entry from its text and keeps it for the index.
func (r *renderer) storeEntry(p *site.Page, text string) ([]byte, error) {
	s := r.view.Site(p.Lang)
	l := s.Language
	var cats []string
	for _, c := range p.Categories {
		if name, err := l.Locale.T("category." + c); err == nil {
			cats = append(cats, name)
		}
	}
	if text == "" {
		text = p.Summary
	}
	data, err := search.NewEntry(r.view.ShownTitle(p), s.RelURL(p.Path), l.Locale.Date(p.Date), cats, text).Marshal()
	if err != nil {
		return nil, err
	}
	if r.spill != nil {
		return data, r.spill.put(p.Source, data)
	}
	r.entries.Store(p.Source, data)
	return data, nil
}

// searchIndex writes the search index of a language, newest first: its
// manifest to buf, its shards and page files to the sink beside it (see
// search.Index), whose names it returns. It runs after the pages, whose
// renders made most of the entries.
func (r *renderer) searchIndex(buf *bytes.Buffer, j *job) ([]string, error) {
	var pages []*site.Page
	for _, p := range r.a.Pages {
		if p.Lang == j.lang && inIndex(p) {
			pages = append(pages, p)
		}
	}
	slices.SortStableFunc(pages, site.Compare)
	dir := path.Dir(j.file) + "/"
	var files []string
	ix := search.NewIndex(func(name string, data []byte) error {
		files = append(files, dir+name)
		return r.sink.Write(dir+name, data)
	})
	var tmp bytes.Buffer
	for _, p := range pages {
		if r.spill != nil {
			tmp.Reset()
			if ok, err := r.spill.writeTo(&tmp, p.Source); ok || err != nil {
				if err == nil {
					err = ix.Add(tmp.Bytes())
				}
				if err != nil {
					return files, err
				}
				continue
			}
		}
		data, err := r.searchEntry(p)
		if err == nil {
			err = ix.Add(data)
		}
		if err != nil {
			return files, err
		}
	}
	m, err := ix.Finish()
	buf.Write(m)
	return files, err
}

// entryFile keeps the search index entries of a build to a folder in a
// temporary file until the indexes are made. Kept in memory, they would
// grow with the site (about 2 KB a page, 40 MB for 20,000 pages) and, held
// through the whole render, make the collector work harder on every page of
// a large site than of a small one.
type entryFile struct {
	mu    sync.Mutex
	f     *os.File
	size  int64
	spans map[string]span
}

type span struct{ off, n int64 }

// newEntryFile creates the file in dir. Where the system allows it (Unix),
// the file is removed at once and lives on, open, until closed: a build
// that the program leaves unfinished when it stops (see cmd/site) leaves
// nothing behind in dir.
func newEntryFile(dir string) (*entryFile, error) {
	f, err := os.CreateTemp(dir, ".site-search-*.tmp")
	if err != nil {
		return nil, err
	}
	_ = os.Remove(f.Name()) // else close removes it
	return &entryFile{f: f, spans: map[string]span{}}, nil
}

func (e *entryFile) put(src string, data []byte) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	n, err := e.f.WriteAt(data, e.size)
	if err != nil {
		return err
	}
	e.spans[src] = span{e.size, int64(n)}
	e.size += int64(n)
	return nil
}

func (e *entryFile) get(src string) ([]byte, bool, error) {
	e.mu.Lock()
	s, ok := e.spans[src]
	e.mu.Unlock()
	if !ok {
		return nil, false, nil
	}
	data := make([]byte, s.n)
	if _, err := e.f.ReadAt(data, s.off); err != nil {
		return nil, true, err
	}
	return data, true, nil
}

// writeTo appends the entry of src to buf, reading it into buf's free
// space.
func (e *entryFile) writeTo(buf *bytes.Buffer, src string) (bool, error) {
	e.mu.Lock()
	s, ok := e.spans[src]
	e.mu.Unlock()
	if !ok {
		return false, nil
	}
	buf.Grow(int(s.n))
	data := buf.AvailableBuffer()[:s.n]
	if _, err := e.f.ReadAt(data, s.off); err != nil {
		return true, err
	}
	buf.Write(data)
	return true, nil
}

// close removes the file.
func (e *entryFile) close() {
	e.f.Close()
	os.Remove(e.f.Name())
}
