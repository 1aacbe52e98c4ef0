package view

import (
	"strconv"
	"strings"
)

// A Dep is one thing of the site that an output read beyond its own page
// and the items it was given: another page, a list, a menu, a photo. A
// rebuild renders an output again only when the value of one of its Deps
// changed (see build's keyer), so the record must cover every way an
// output can reach the rest of the site, and it does: the methods of Site
// and Page that return other pages, the Markdown converter's hooks (see
// Doc) and the outputs that read the whole site record themselves. A
// partial rendered once and reused (partialCached) replays the Deps its
// first render recorded.
//
// A Dep is comparable: the record keeps each once, and a map can hold the
// outputs that read it.
type Dep struct {
	Kind DepKind
	Lang string // the language of the pages read; "" for DepAll, DepSource, DepImage, DepPhoto
	Name string // what is read: a translation key, a section, a source path, a URL
}

// DepKind says what a Dep reads.
type DepKind uint8

// The kinds of Dep.
const (
	// DepHome is the home page of Lang.
	DepHome DepKind = iota + 1
	// DepPage is the page of Lang with the translation key Name, or its
	// absence.
	DepPage
	// DepSource is the page made from the source file Name (a link in
	// Markdown to another page's file), or its absence.
	DepSource
	// DepSection is the section Name of Lang: its own page and its pages,
	// in order.
	DepSection
	// DepMenu is the menu of Lang.
	DepMenu
	// DepAll is every published page.
	DepAll
	// DepBodies is the text of every page of Lang (the search index).
	DepBodies
	// DepImage is the size of the image at the URL Name (SVG, GIF).
	DepImage
	// DepPhoto is the photo of the source path Name: its derivatives.
	DepPhoto
	depKindEnd // keep last
)

// DepKinds returns every kind of Dep, for whatever gives each a value.
func DepKinds() []DepKind {
	var out []DepKind
	for k := DepHome; k < depKindEnd; k++ {
		out = append(out, k)
	}
	return out
}

func (k DepKind) String() string {
	names := [...]string{DepHome: "home", DepPage: "page", DepSource: "source", DepSection: "section", DepMenu: "menu",
		DepAll: "all", DepBodies: "bodies", DepImage: "image", DepPhoto: "photo"}
	if int(k) < len(names) && names[k] != "" {
		return names[k]
	}
	return "DepKind(" + strconv.Itoa(int(k)) + ")"
}

// Deps records the Deps of one render, each once, in the order they were
// first read. It also keeps the text from data files that the render put
// on the page (the objectives, the partners' names and cities), which the
// search index adds to the page's own. A nil *Deps records nothing.
type Deps struct {
	list  []Dep
	seen  map[Dep]bool
	shown []string
}

// NewDeps returns an empty record.
func NewDeps() *Deps { return &Deps{seen: map[Dep]bool{}} }

// Add records deps.
func (d *Deps) Add(deps ...Dep) {
	if d == nil {
		return
	}
	for _, t := range deps {
		if !d.seen[t] {
			d.seen[t] = true
			d.list = append(d.list, t)
		}
	}
}

// Show records text from a data file that the page shows.
func (d *Deps) Show(text ...string) {
	if d != nil {
		d.shown = append(d.shown, text...)
	}
}

// Shown returns the text recorded by Show, a line each.
func (d *Deps) Shown() string {
	if d == nil {
		return ""
	}
	return strings.Join(d.shown, "\n")
}

// List returns the Deps in the order they were first recorded.
func (d *Deps) List() []Dep {
	if d == nil {
		return nil
	}
	return d.list
}

// Mark returns how many Deps are recorded, for Since.
func (d *Deps) Mark() int {
	if d == nil {
		return 0
	}
	return len(d.list)
}

// Since returns the Deps recorded after the first mark, as Replay takes
// them.
func (d *Deps) Since(mark int) any {
	if d == nil {
		return []Dep(nil)
	}
	return append([]Dep(nil), d.list[mark:]...)
}

// Replay records again what Since returned, in this record.
func (d *Deps) Replay(recorded any) {
	if deps, ok := recorded.([]Dep); ok {
		d.Add(deps...)
	}
}

// WithDeps returns a copy of s whose reads of the site are recorded in d.
func (s *Site) WithDeps(d *Deps) *Site {
	c := *s
	c.deps = d
	return &c
}

// record records a read of the site in the language of s.
func (s *Site) record(kind DepKind, name string) {
	s.deps.Add(Dep{Kind: kind, Lang: s.Language.Code, Name: name})
}

// RecordMark, RecordSince and RecordReplay make a Context a
// layout.Recorder: partialCached replays, each time it reuses a partial,
// what the partial's first render recorded.
func (c *Context) RecordMark() int { return c.Site.deps.Mark() }

// RecordSince returns what the render recorded after mark.
func (c *Context) RecordSince(mark int) any { return c.Site.deps.Since(mark) }

// RecordReplay records again what RecordSince returned.
func (c *Context) RecordReplay(recorded any) { c.Site.deps.Replay(recorded) }

// RecordMark, RecordSince and RecordReplay make a Page a layout.Recorder,
// for a partial given a page (a list's item).
func (p *Page) RecordMark() int { return p.s.deps.Mark() }

// RecordSince returns what the render recorded after mark.
func (p *Page) RecordSince(mark int) any { return p.s.deps.Since(mark) }

// RecordReplay records again what RecordSince returned.
func (p *Page) RecordReplay(recorded any) { p.s.deps.Replay(recorded) }
