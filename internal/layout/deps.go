package layout

import "strings"

// Deps records what one render read of the site beyond the page it renders
// and the items it was given: which other pages, lists and menus. A rebuild
// renders a page again only when one of them changed, so the record must
// cover every way a layout can reach another page, and it does: the
// methods of Site that return pages record themselves. A partial rendered
// once and reused (partialCached) carries the record it made.
//
// Each entry is a token:
//
//	home:LANG          the home page of a language
//	page:LANG:KEY      the page with a translation key (or its absence)
//	section:LANG:NAME  a section's own page and its pages, in order
//	menu:LANG          a language's menu
//	all                every published page
//
// It also keeps the text from data files that the render put on the page
// (the objectives, the partners' names and cities), which the search
// index adds to the page's own.
type Deps struct {
	tokens []string
	seen   map[string]bool
	shown  []string
}

// NewDeps returns an empty record.
func NewDeps() *Deps { return &Deps{seen: map[string]bool{}} }

// Add records tokens.
func (d *Deps) Add(tokens ...string) {
	if d == nil {
		return
	}
	for _, t := range tokens {
		if !d.seen[t] {
			d.seen[t] = true
			d.tokens = append(d.tokens, t)
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

// Tokens returns the tokens in the order they were first recorded.
func (d *Deps) Tokens() []string {
	if d == nil {
		return nil
	}
	return d.tokens
}

func (d *Deps) len() int {
	if d == nil {
		return 0
	}
	return len(d.tokens)
}

// since returns the tokens recorded after the first n.
func (d *Deps) since(n int) []string {
	if d == nil {
		return nil
	}
	return append([]string(nil), d.tokens[n:]...)
}

// WithDeps returns a copy of s whose queries are recorded in d.
func (s *Site) WithDeps(d *Deps) *Site {
	c := *s
	c.deps = d
	return &c
}

func (s *Site) record(kind, name string) {
	if name == "" {
		s.deps.Add(kind + ":" + s.Language.Code)
		return
	}
	s.deps.Add(kind + ":" + s.Language.Code + ":" + name)
}

// depsOf finds the record of the render that data belongs to.
func depsOf(data any) *Deps {
	switch v := data.(type) {
	case *Context:
		return v.Site.deps
	case *Page:
		return v.s.deps
	}
	return nil
}
