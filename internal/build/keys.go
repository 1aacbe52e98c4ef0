package build

import (
	"encoding/binary"
	"hash"
	"hash/fnv"
	"io/fs"

	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/view"
)

// keyer computes a key for every job of a rebuild: a hash of everything the
// job's bytes can depend on. A job whose key is the one it had in the last
// build is not rendered again. The inputs are the global generation (data,
// layouts, base URL, drafts), the job itself, its page and items (their
// front matter, summaries and publication state at the build's clock), the
// language switcher, and the values of what the last render of the job
// read of the rest of the site (the view.Deps it recorded).
type keyer struct {
	r     *renderer
	gen   uint64
	memo  map[view.Dep]uint64
	metas map[*site.Page]uint64
	h     hash.Hash64
	buf   [8]byte
}

func newKeyer(r *renderer, gen uint64) *keyer {
	return &keyer{r: r, gen: gen, memo: map[view.Dep]uint64{}, metas: map[*site.Page]uint64{}, h: fnv.New64a()}
}

func (k *keyer) num(h hash.Hash64, v uint64) {
	binary.LittleEndian.PutUint64(k.buf[:], v)
	h.Write(k.buf[:])
}

// languages hashes what j's language switcher and hreflang links show: the
// addresses of its alternates and switcher, and for a content page the
// pages each language's link leads to. Only HTML pages show them.
func (k *keyer) languages(j *job) uint64 {
	h := fnv.New64a()
	p := j.page
	v := k.r.view
	if p.Source != "" {
		for _, l := range k.r.a.Site.Config.Languages {
			t, exact := k.r.a.Nearest(p, l.Code)
			k.num(h, k.meta(t))
			if exact {
				k.num(h, 1)
			}
		}
	}
	if hp := j.html; hp != nil {
		for _, a := range v.Alternates(hp) {
			h.Write([]byte(a.Lang + "\x00" + a.URL + "\x00"))
		}
		for _, s := range v.Switcher(hp) {
			h.Write([]byte(s.URL + "\x00"))
			if s.Exact {
				k.num(h, 1)
			}
		}
		for _, o := range v.Outdated(hp) {
			h.Write([]byte(o.Language.Code + "\x00" + o.URL + "\x00"))
			k.num(h, uint64(o.Date.Unix()))
		}
	}
	if v.Feed(p) != "" {
		k.num(h, 2)
	}
	return h.Sum64()
}

// meta is a page's Meta together with what the clock decides about it.
func (k *keyer) meta(p *site.Page) uint64 {
	if p == nil {
		return 0
	}
	if v, ok := k.metas[p]; ok {
		return v
	}
	a := k.r.a
	st := uint64(p.Status(a.Now, a.Drafts))
	open := uint64(0)
	if !p.Deadline.IsZero() && a.Now.Before(p.DeadlineEnd()) {
		open = 1
	}
	v := p.Meta ^ (st+1)*0x9E3779B97F4A7C15 ^ (open+1)*0xC2B2AE3D27D4EB4F
	k.metas[p] = v
	return v
}

// dep returns the current value of a dependency.
func (k *keyer) dep(d view.Dep) uint64 {
	if v, ok := k.memo[d]; ok {
		return v
	}
	h := fnv.New64a()
	if !k.value(h, d) {
		// A kind added to view.DepKind and not here: hashed as it is,
		// which sees no edit (TestEveryDepKindHasAValue catches it).
		k.num(h, 0xdead)
		h.Write([]byte(d.Kind.String() + "\x00" + d.Lang + "\x00" + d.Name))
	}
	v := h.Sum64()
	k.memo[d] = v
	return v
}

// value hashes what d stands for into h, and reports whether it knows
// d's kind.
func (k *keyer) value(h hash.Hash64, d view.Dep) bool {
	a := k.r.a
	put := func(v uint64) { k.num(h, v) }
	switch d.Kind {
	case view.DepHome:
		put(k.meta(a.Home(d.Lang)))
	case view.DepPage:
		put(k.meta(a.ByKey(d.Name, d.Lang)))
	case view.DepSource:
		put(k.meta(a.BySource(d.Name)))
	case view.DepSection:
		put(k.meta(a.SectionPage(d.Lang, d.Name)))
		for _, p := range a.Section(d.Lang, d.Name) {
			put(k.meta(p))
		}
	case view.DepPhoto:
		if ph := k.r.view.Photo(d.Name); ph != nil {
			h.Write([]byte(ph.Key))
		}
	case view.DepImage:
		w, ht, ok := k.r.view.ImageSize(d.Name)
		if ok {
			put(uint64(w)<<32 | uint64(ht))
		}
	case view.DepMenu:
		for _, m := range a.Menu(d.Lang) {
			h.Write([]byte(m.Name + "\x00" + m.Path + "\x00" + m.URL + "\x00"))
		}
	case view.DepAll:
		for _, p := range a.Pages {
			put(k.meta(p))
		}
	case view.DepBodies:
		for _, p := range a.Pages {
			if p.Lang == d.Lang {
				put(p.Hash)
			}
		}
	default:
		return false
	}
	return true
}

// job returns the key of j given the dependencies its last render
// recorded.
func (k *keyer) job(j *job, deps []view.Dep) uint64 {
	h := k.h
	h.Reset()
	str := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	num := func(v uint64) { k.num(h, v) }
	num(k.gen)
	str(j.file)
	str(j.layout)
	str(j.target)
	str(j.lang)
	num(uint64(j.kind))
	num(uint64(j.num))
	num(uint64(j.total))
	if p := j.page; p != nil {
		if p.Source != "" {
			num(p.Hash)
			num(k.meta(p))
		} else {
			str(p.Path)
			str(string(p.Kind))
			str(p.Key)
		}
		num(k.languages(j))
	}
	for _, it := range j.items {
		num(k.meta(it))
	}
	for _, d := range deps {
		num(k.dep(d))
	}
	return h.Sum64()
}

// generation hashes the inputs that every output depends on: data/ and
// layouts/ (as sourceHash read them), the base URL and the build's
// options.
func generation(sources uint64, base string, drafts, dev bool) uint64 {
	h := fnv.New64a()
	h.Write(binary.LittleEndian.AppendUint64(nil, sources))
	h.Write([]byte(base))
	if drafts {
		h.Write([]byte{1})
	}
	if dev {
		h.Write([]byte{2})
	}
	return h.Sum64()
}

// sourceHash hashes the files of data/ and layouts/. It is read before
// they are loaded: a file that changes between the two then gives a
// generation that differs from the next build's, which renders again,
// rather than outputs made from the old file under the new file's hash,
// which the next build would keep.
func sourceHash(fsys fs.FS) uint64 {
	h := fnv.New64a()
	for _, dir := range []string{"data", "layouts"} {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			// What load does not read, this does not (a named pipe
			// would not answer); links in these folders are followed.
			if err != nil || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err == nil {
				h.Write([]byte(p + "\x00"))
				h.Write(b)
			}
			return nil
		})
	}
	return h.Sum64()
}

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}
