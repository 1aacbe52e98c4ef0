// Package layout is the template engine: it loads the html/template
// layouts under layouts/, finds the layout of a page and executes it,
// guarded against layouts that loop or include themselves without end. It
// knows nothing of the site: what a layout sees, and the template
// functions of each language, are given to it (see package view).
//
// layouts/ holds base.html (the skeleton of every page), partials/*.html
// (pieces that any layout includes by file name, {{template
// "partials/header.html" .}}) and one file per kind of page. A page layout
// that defines "main" is rendered inside base.html, which shows it with
// {{block "main" .}}; a layout that does not is rendered on its own.
//
// The lookup rule, in one place (Set.Find): a page of kind K in section S,
// with layout: L in its front matter, uses the first file that exists of
// S/L.html, L.html, S/K.html, K.html. The kinds are home, section, page,
// term (a category's list), terms (the list of categories), search,
// sitemap, 404, offline and landing (the bilingual page at the site root).
//
// Every layout is parsed once per language, with the template functions
// Load is given for that language, so that {{T "readMore"}} needs no
// language argument. Pieces that many pages share (the menu, the contact
// block, an announcement's card in every list it appears in) are rendered
// once with {{partialCached "partials/menu.html" . KEY}}: template
// execution, not Markdown, is most of a build's work. A partial reused so
// still counts as read by every page that shows it (see Recorder).
//
// A layout that fails to parse is reported, with its file, line and
// column, and replaced by a stand-in, so that the pages that need it are
// still made (see Load). A layout that includes itself without end, or
// takes longer than the set's Timeout to render a page, fails with its
// place instead of crashing or hanging the program: the layouts are
// changed at load for it (see guard.go).
package layout

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/regular"
)

// Dir is the folder of layouts.
const Dir = "layouts"

const (
	baseName   = "base.html"
	partialDir = "partials/"
)

// Set is the parsed layouts, per language.
type Set struct {
	byLang map[string]map[string]*template.Template // lang, layout file
	names  []string
	caches []*partialCache
	guard  guard
	// Timeout is how long rendering one page may take (DefaultTimeout
	// when 0); a render that takes longer is stopped with an error (see
	// guard.go). Set it before rendering.
	Timeout time.Duration
	// ids are the ids written as they are (id="x") in any layout;
	// brokenIDs those in layouts that failed to parse, which the
	// stand-ins that replace them lack.
	ids, brokenIDs map[string]bool
}

// Stand-ins for layouts that fail to parse: base.html shows the page's main
// block alone, a page layout shows the page's content inside base.html, a
// partial shows nothing.
const (
	baseStandIn    = `{{block "main" .}}{{.Content}}{{end}}`
	pageStandIn    = `{{define "main"}}{{.Content}}{{end}}`
	partialStandIn = ``
)

// Load parses every layout for each language. funcs returns the template
// functions of a language.
//
// Every parse error is reported, once (not once per language), and a
// layout that fails to parse is replaced by a stand-in (see baseStandIn),
// so that the Set is usable even with errors: the pages that need a
// broken layout are still rendered, and their links checked, while the
// build fails on the errors all the same. A layout file that is not a
// regular file (a named pipe) is skipped with a warning, among the errors.
// Only a folder that cannot be read gives no Set.
func Load(fsys fs.FS, langs []string, funcs func(lang string) template.FuncMap) (*Set, error) {
	files, errs, err := readFiles(fsys)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", Dir, err)
	}
	s := &Set{byLang: map[string]map[string]*template.Template{}, ids: map[string]bool{}, brokenIDs: map[string]bool{}}
	for _, f := range files {
		for _, m := range literalID.FindAllStringSubmatch(f, -1) {
			s.ids[m[1]] = true
		}
	}
	if _, ok := files[baseName]; !ok {
		errs = append(errs, diag.Errorf(Dir+"/"+baseName, 0, "the base layout is missing: every page is rendered inside it"))
		files[baseName] = baseStandIn
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if n != baseName && !strings.HasPrefix(n, partialDir) {
			s.names = append(s.names, n)
		}
	}
	broken := func(i int, n string, err error) {
		if i == 0 {
			errs = append(errs, parseError(err))
			for _, m := range literalID.FindAllStringSubmatch(files[n], -1) {
				s.brokenIDs[m[1]] = true
			}
		}
	}
	for i, lang := range langs {
		if err := s.parse(lang, funcs(lang), files, names, func(n string, err error) { broken(i, n, err) }); err != nil {
			return nil, err
		}
	}
	return s, diag.Join(errs)
}

// parse parses the layouts of one language with its functions: base.html
// and the partials once, then each page layout in a clone of them.
// broken is told of every layout that fails to parse, which a stand-in
// replaces.
func (s *Set) parse(lang string, funcs template.FuncMap, files map[string]string, names []string, broken func(name string, err error)) error {
	g := &s.guard
	pc := &partialCache{guard: g}
	root := template.New("").Funcs(funcs).Funcs(template.FuncMap{
		"partialCached": pc.execute,
		"_range":        g.rangeHook,
		"_range2":       g.range2Hook,
		"_nest":         g.nestHook,
		"_nestInLoop":   g.nestInLoopHook,
	})
	pc.set = root
	s.caches = append(s.caches, pc)
	for _, n := range names {
		if n != baseName && !strings.HasPrefix(n, partialDir) {
			continue
		}
		if _, err := root.New(n).Parse(files[n]); err != nil {
			broken(n, err)
			standIn := partialStandIn
			if n == baseName {
				standIn = baseStandIn
			}
			template.Must(root.New(n).Parse(standIn))
		}
	}
	guardTrees(root)
	s.byLang[lang] = map[string]*template.Template{}
	for _, n := range s.names {
		t, err := root.Clone()
		if err != nil {
			return fmt.Errorf("layouts: %w", err)
		}
		entry := n
		if _, err := t.New(n).Parse(files[n]); err != nil {
			broken(n, err)
			if t, err = root.Clone(); err != nil {
				return fmt.Errorf("layouts: %w", err)
			}
			template.Must(t.New(n).Parse(pageStandIn))
			entry = baseName
		} else if definesMain.MatchString(files[n]) {
			entry = baseName
		}
		guardTrees(t)
		s.byLang[lang][n] = t.Lookup(entry)
	}
	return nil
}

// readFiles reads the layout files, by name under Dir, with their line
// ends made LF. What is not a regular file (a named pipe, a socket, a
// device, a link to one) is skipped with a warning in skipped; links to
// regular files are followed.
func readFiles(fsys fs.FS) (files map[string]string, skipped []error, err error) {
	files = map[string]string{}
	err = fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if t := d.Type(); !t.IsRegular() && t&fs.ModeSymlink == 0 {
			skipped = append(skipped, regular.Skipped(p, t))
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if w, ok := regular.SkippedErr(p, err); ok {
			skipped = append(skipped, w) // a link to one, or made one since it was listed
			return nil
		}
		if err != nil {
			return err
		}
		files[strings.TrimPrefix(p, Dir+"/")] = strings.ReplaceAll(string(b), "\r\n", "\n")
		return nil
	})
	return files, skipped, err
}

// literalID finds the ids written as they are in a layout.
var literalID = regexp.MustCompile(`\bid="([^"{}]+)"`)

// BrokenID reports whether id is written in a layout that failed to
// parse: a page rendered with its stand-in may lack it.
func (s *Set) BrokenID(id string) bool { return s.brokenIDs[id] }

// WritesID reports whether some layout writes the id as it is (id="x"): a
// page whose layout failed to run may lack it.
func (s *Set) WritesID(id string) bool { return s.ids[id] }

// partialCache renders a partial once per key for a build, for the pieces
// that many pages share: {{partialCached "partials/menu.html" . KEY...}}
// renders the partial with the given data the first time it is asked for
// with that name and those keys, and returns the same HTML afterwards. The
// keys must name everything the partial's output depends on; with none, it
// is rendered once per language. When the data is a Recorder, what the
// first render recorded is replayed into the record of every render that
// reuses it.
type partialCache struct {
	set   *template.Template
	guard *guard
	cache sync.Map // name and keys -> cached
}

type cached struct {
	html     template.HTML
	recorded any // what rendering it recorded (see Recorder), or nil
}

// A Recorder is the data of a render that records what it reads (the
// view's context of a page, and its pages): a partial rendered once and
// reused by partialCached must count, in every render that reuses it, as
// having read what it read the first time. The record is the Recorder's
// own business; the engine only carries it.
//
// The methods are named so that they cannot be mistaken for what a layout
// shows of a page.
type Recorder interface {
	// RecordMark returns the place the record has reached.
	RecordMark() int
	// RecordSince returns what was recorded after mark, in a form
	// RecordReplay takes.
	RecordSince(mark int) any
	// RecordReplay records again what RecordSince returned.
	RecordReplay(recorded any)
}

func (pc *partialCache) execute(name string, data any, keys ...any) (template.HTML, error) {
	key := name + "\x00" + fmt.Sprint(keys...)
	rec, _ := data.(Recorder)
	if v, ok := pc.cache.Load(key); ok {
		c := v.(cached)
		if rec != nil && c.recorded != nil {
			rec.RecordReplay(c.recorded)
		}
		return c.html, nil
	}
	if err := pc.guard.stopErr(); err != nil {
		return "", &guardError{err: err}
	}
	deep := pc.guard.enterPartial()
	defer pc.guard.leavePartial()
	if deep {
		return "", &nestError{chain: []string{name}, levels: levels()}
	}
	mark := 0
	if rec != nil {
		mark = rec.RecordMark()
	}
	var b strings.Builder
	if err := pc.set.ExecuteTemplate(&guardedWriter{w: &b, g: pc.guard}, name, data); err != nil {
		var ne *nestError
		if errors.As(err, &ne) {
			// One error for the whole chain, not one wrapped in another
			// at every level.
			ne.outer(name, err)
			return "", ne
		}
		return "", err
	}
	c := cached{html: template.HTML(b.String())}
	if rec != nil {
		c.recorded = rec.RecordSince(mark)
	}
	pc.cache.Store(key, c)
	return c.html, nil
}

// ResetCache forgets what partialCached rendered, for a rebuild after pages
// changed.
func (s *Set) ResetCache() {
	for _, pc := range s.caches {
		pc.cache.Clear()
	}
}

// Has reports whether the layout file exists.
func (s *Set) Has(name string) bool { return slices.Contains(s.names, name) }

// Find applies the lookup rule and returns the layout file name, or "".
func (s *Set) Find(kind, section, layout string) string {
	var candidates []string
	if layout != "" {
		if section != "" {
			candidates = append(candidates, path.Join(section, layout+".html"))
		}
		candidates = append(candidates, layout+".html")
	}
	if section != "" {
		candidates = append(candidates, path.Join(section, kind+".html"))
	}
	candidates = append(candidates, kind+".html")
	for _, c := range candidates {
		if s.Has(c) {
			return c
		}
	}
	return ""
}

// Execute renders the layout file name in lang with data into w. Errors
// name the layout file and line. A render that takes longer than the
// set's Timeout is stopped (see guard.go); so is one of a set that is
// aborted, with an error that wraps ErrAborted.
func (s *Set) Execute(w io.Writer, lang, name string, data any) error {
	t := s.byLang[lang][name]
	if t == nil {
		return fmt.Errorf("no layout %s for language %s", name, lang)
	}
	if err := s.guard.stopErr(); err != nil {
		return err
	}
	limit := cmp.Or(s.Timeout, DefaultTimeout)
	timer := time.AfterFunc(limit, func() { s.guard.abort(timeoutError{limit}) })
	err := t.Execute(&guardedWriter{w: w, g: &s.guard}, data)
	// When the timer has fired, the other renders are being stopped: this
	// one must report why, even if it finished meanwhile.
	late := !timer.Stop()
	if err == nil && !late {
		return nil
	}
	var ge *guardError
	var ne *nestError
	switch {
	case late:
		where := ""
		if errors.As(err, &ge) {
			where = ge.where
		}
		return diagError(where, name, timeoutError{limit})
	case errors.As(err, &ne):
		if ne.where == "" {
			ne.outer(name, err)
			ne.chain = ne.chain[1:]
		}
		return diagError(ne.where, name, ne)
	case errors.Is(err, ErrAborted):
		return err
	case errors.Is(err, errTooLarge):
		// A partial's is quoted at the place it is included; a write
		// error of the page itself carries no position.
		if d := execError(err); d != err {
			return d
		}
		return diagError("", name, errTooLarge)
	}
	return execError(err)
}

// definesMain finds a layout that fills base.html's "main" block.
var definesMain = regexp.MustCompile(`{{-?\s*(define|block)\s+"main"`)

// hookCalls are the calls guard.go adds to layouts, which errors quote.
var hookCalls = regexp.MustCompile(` \| _(nest|nestInLoop)( "[^"]*")+`)

// includeName finds the template an error quotes an include of.
var includeName = regexp.MustCompile(`at <\{\{template "([^"]+)"`)

var tmplPos = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// parseError turns an html/template parse error into a positioned error.
func parseError(err error) error {
	if m := tmplPos.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return &diag.Error{Path: Dir + "/" + m[1], Line: line, Col: col, Msg: "template: " + m[4], Err: err}
	}
	return fmt.Errorf("layouts: %w", err)
}

// execError turns an execution error into a positioned error naming the
// layout file, and keeps the cause's message (an interface string that is
// missing, a value that is not there) readable.
func execError(err error) error {
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" {
		return &diag.Error{Path: Dir + "/" + te.Name, Line: te.Line, Msg: te.Description, Err: err}
	}
	msg := err.Error()
	if m := tmplPos.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		text := hookCalls.ReplaceAllString(m[4], "")
		if i := strings.Index(text, ": error calling "); i >= 0 {
			if j := strings.Index(text[i+len(": error calling "):], ": "); j >= 0 {
				text = text[i+len(": error calling ")+j+2:]
			}
		}
		if strings.HasSuffix(text, "exceeded maximum template depth (100000)") {
			// A loop of includes that crosses no {{range}} (see guard.go).
			ne := &nestError{template: true, levels: 100000}
			if n := includeName.FindStringSubmatch(text); n != nil {
				ne.chain = []string{n[1]}
			}
			text = ne.Error()
		}
		return &diag.Error{Path: Dir + "/" + m[1], Line: line, Col: col, Msg: text, Err: err}
	}
	return err
}

// Render executes into a fresh buffer.
func (s *Set) Render(lang, name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := s.Execute(&b, lang, name, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
