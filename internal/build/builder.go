package build

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/assets"
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/publish"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/sitemap"
	"github.com/alaqsa-ira/site/internal/view"
)

// Changes names what changed in the source since the last build: paths
// relative to the site root, slash-separated. All means anything may have.
type Changes struct {
	Paths []string
	All   bool
}

// Builder builds a site again and again, redoing only what changed.
//
// It keeps the last successful load: a rebuild after content/ changed
// parses only the changed files; data/ or layouts/ changes reload those.
// With Options.Keep it also keeps every output with the key it was made
// under (see keyer), and renders again only the jobs whose key changed, so
// that editing one announcement renders that page and the few lists that
// show it. Changes are accumulated until a build succeeds, so a file that
// broke the last build is parsed again even if it did not change since.
type Builder struct {
	opts    Options
	site    *site.Site
	layouts *layout.Set
	gen     uint64 // of what load read: data, layouts, options
	keyGen  uint64 // gen and the assets' names: what every output depends on
	out     map[string]*output
	outputs map[string][]byte    // the same files' bytes, as served
	metas   map[string]uint64    // each page's meta at the clock of the last build
	entries map[string]keptEntry // search index entries, by source
	pending map[string]bool
	all     bool
	stable  bool // this build changed no page's meta (see choose)
	// translationWarns are the last check's findings about translations.
	translationWarns []error
	// anchored holds, by file, the files its links point into with a
	// #fragment, as this build's check found them.
	anchored map[string][]string
	// onStage, when set, is called as each stage begins (for tests).
	onStage func(stage string)
}

// output is one file of the last successful build.
type output struct {
	data     []byte
	key      uint64
	deps     []view.Dep
	links    []markdown.Link
	anchored []string // files its links point into with a #fragment
	bodies   bool     // it shows other pages' text (readsBodies)
	extra    []string // the files it wrote besides its own
}

// NewBuilder returns a Builder.
func NewBuilder(opts Options) *Builder {
	if opts.Markdown == nil {
		opts.Markdown = markdown.New()
	}
	return &Builder{opts: opts, pending: map[string]bool{}, all: true}
}

// SetNow sets the clock of the next build.
func (b *Builder) SetNow(t time.Time) { b.opts.Now = t }

// Build builds the site. ch names what changed since the last call; nil
// means everything.
//
// Every stage runs on everything the stages before it could make, so that
// one run reports every finding: a page whose front matter fails is left
// out and the rest rendered and checked, a data file that fails leaves its
// data empty, a layout that fails is replaced by a stand-in (see
// layout.Load), and the links of a page are all checked whatever else is
// wrong with it. What points at something that failed to load is not
// reported again. Any error fails the build, before anything is written.
//
// When ctx ends, the build stops at the next step it can (between files
// while loading and rendering, at the next loop or include of a layout) and
// returns a *StoppedError: nothing is published, and the Builder is as it
// was before the call. A build that has begun to swap the new site in
// finishes instead.
//
// A Builder is for one goroutine at a time.
func (b *Builder) Build(ctx context.Context, ch *Changes) (*Result, error) {
	start := time.Now()
	opts := &b.opts
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if ch == nil || ch.All {
		b.all = true
	} else {
		for _, p := range ch.Paths {
			b.pending[p] = true
		}
	}
	if opts.Dest != "" {
		if err := publish.Check(opts.SourceDir, opts.Dest, opts.Publish.Force); err != nil {
			return nil, &StageError{Stage: "write", Err: err}
		}
	}
	res := &Result{Pages: map[string]int{}}
	lap := time.Now()
	var failed failures
	// What the check keeps for the next build is kept only if this one
	// succeeds.
	prevAnchored, prevTranslationWarns, ok := b.anchored, b.translationWarns, false
	defer func() {
		if !ok {
			b.anchored, b.translationWarns = prevAnchored, prevTranslationWarns
		}
	}()

	// load
	b.stage("load")
	s, layouts, gen, errs, err := b.load(ctx, res)
	if err := stopped(ctx, "load"); err != nil {
		return res, err
	}
	if err != nil {
		return res, err
	}
	failed.add("load", errs)
	res.Site = s
	res.lap("load", &lap)

	// assemble
	b.stage("assemble")
	a, problems := site.Assemble(s, now, opts.Drafts)
	errs, warnings := diag.Split(problems)
	res.Warnings = append(res.Warnings, warnings...)
	static, skipped, err := staticFiles(opts.Source)
	if err != nil {
		errs = append(errs, err)
	}
	res.Warnings = append(res.Warnings, skipped...)
	set, err := assets.Prepare(opts.Source, staticDir, static, !opts.Dev)
	if err != nil {
		errs = append(errs, err)
		set, _ = assets.Prepare(opts.Source, staticDir, nil, false)
	}
	keyGen := gen ^ hashString(set.Hash())
	for _, p := range a.Pages {
		res.Pages[p.Lang]++
	}
	res.lap("assemble", &lap)
	if err := stopped(ctx, "assemble"); err != nil {
		return res, err
	}

	// photos
	b.stage("photos")
	cat, err := b.catalog()
	if err != nil {
		return res, &StageError{Stage: "photos", Err: err}
	}
	before := cat.Processor().Stats()
	sources := photoSources(a, static)
	photos, photoErrs := cat.Load(ctx, opts.Source, sources)
	if err := stopped(ctx, "photos"); err != nil {
		return res, err
	}
	res.Photos = statsSince(cat.Processor().Stats(), before)
	failed.add("photos", photoErrs)
	res.Warnings = append(res.Warnings, photoWarnings(opts.Source, photos, sources)...)
	jobs, planErrs := plan(a, layouts, static, set, photos, opts.Dev)
	failed.add("assemble", append(errs, planErrs...))
	res.lap("photos", &lap)

	// render: to the publishing transaction when there is a destination,
	// into memory when keeping the site
	b.stage("render")
	sink := opts.Sink
	var tx *publish.Tx
	var mem *MemSink
	switch {
	case opts.Dest != "":
		tx, err = publish.Begin(opts.Dest, opts.Publish)
		if err != nil {
			return res, &StageError{Stage: "write", Err: err}
		}
		defer tx.Close()
		sink = tx
	case opts.Keep:
		mem = NewMemSink()
		sink = mem
	}
	base := s.Config.BaseURL
	if opts.BaseURL != "" {
		base, _ = site.ParseBaseURL(opts.BaseURL)
	}
	res.HostRobots, res.SitemapLine, _ = sitemap.HostRobots(base)
	layouts.Reset()
	layouts.Timeout = opts.RenderTimeout
	scan := newScanSink(sink)
	guard := newRemoteSink(scan, base.Host)
	v := view.New(a, view.Options{Base: base, Assets: set, Pages: htmlPages(jobs), Photos: photos, Sources: sources,
		FS: opts.Source, History: opts.History, Dates: opts.GitDates, Dev: opts.Dev})
	r := newRenderer(a, v, layouts, opts.Markdown, base, jobs, opts.Source, guard, opts.Dev)
	if tx != nil {
		if r.spill, err = newEntryFile(filepath.Dir(opts.Dest)); err != nil {
			return res, &StageError{Stage: "write", Err: err}
		}
		defer r.spill.close()
	}
	todo, k, keys, metas := b.choose(r, jobs, keyGen)
	r.keptEntry = b.keptEntry(k)
	errs, warnings, done := renderTwice(ctx, r, todo)
	if err := stopped(ctx, "render"); err != nil {
		return res, err
	}
	res.Warnings = append(res.Warnings, warnings...)
	failed.add("render", errs)
	res.Files, res.Rendered = len(jobs)+b.extraFiles(jobs, todo, done), len(todo)
	res.lap("render", &lap)

	// check
	b.stage("check")
	errs, translationWarns := b.check(res, a, layouts, jobs, todo, done, base, sink)
	reported := reportedFiles(todo, done)
	errs = append(errs, scan.problems(jobs, reported)...)
	errs = append(errs, guard.problems(opts.Source, jobs, reported)...)
	if err := stopped(ctx, "check"); err != nil {
		return res, err
	}
	failed.add("check", errs)
	if err := failed.err(); err != nil {
		diag.Sort(res.Warnings)
		return res, err
	}
	b.translationWarns = translationWarns
	if opts.Keep {
		b.keep(k, res, jobs, todo, keys, done, mem)
	}
	res.lap("check", &lap)

	// write: the last moment to stop; once the commit begins it finishes
	b.stage("write")
	if tx != nil {
		ch, err := commit(ctx, opts.Guard, tx)
		if ch != nil {
			for _, n := range ch.Notes {
				res.Warnings = append(res.Warnings, errors.New(n))
			}
		}
		if err != nil {
			return res, err
		}
		res.Written, res.Hash = tx.Written(), tx.Hash()
	}
	res.lap("write", &lap)
	b.site, b.layouts, b.gen, b.keyGen, b.metas = s, layouts, gen, keyGen, metas
	if opts.Keep {
		b.keepEntries(r, k)
	}
	b.pending, b.all = map[string]bool{}, false
	diag.Sort(res.Warnings)
	res.Elapsed = time.Since(start)
	ok = true
	return res, nil
}

func (b *Builder) stage(name string) {
	if b.onStage != nil {
		b.onStage(name)
	}
}

// load reads what changed: everything the first time or when data/
// changed, else the changed content files, and the layouts when they or
// the data changed. It returns the editor's errors, with what could be
// loaded despite them, and fails (err) only when nothing can be built:
// data/site.yaml names no language, the layouts cannot be read, git fails.
func (b *Builder) load(ctx context.Context, res *Result) (s *site.Site, layouts *layout.Set, gen uint64, errs []error, err error) {
	opts := &b.opts
	if opts.GitDates == nil && opts.SourceDir != "" {
		h, err := gitlog.Read(ctx, opts.SourceDir)
		if err != nil {
			return nil, nil, 0, nil, &StageError{Stage: "load", Err: err}
		}
		opts.History, opts.GitDates = h, h.Dates()
	}
	var dataChanged, configChanged, layoutsChanged bool
	content := map[string]bool{}
	// A path may be a folder's (a folder removed or moved away, whose
	// files are not known): data and layouts are then read again, and
	// content/ is listed again.
	for p := range b.pending {
		switch {
		case p == site.ConfigPath:
			configChanged = true
		case p == "data" || strings.HasPrefix(p, "data/"):
			dataChanged = true
		case p == layout.Dir || strings.HasPrefix(p, layout.Dir+"/"):
			layoutsChanged = true
		case p == site.ContentDir || strings.HasPrefix(p, site.ContentDir+"/"):
			content[p] = true
		}
	}
	full := b.all || b.site == nil || configChanged
	reload := full || dataChanged || layoutsChanged || b.layouts == nil
	var sources uint64
	if reload {
		sources = sourceHash(opts.Source)
	}
	var problems []error
	loadOpts := site.Options{GitDates: opts.GitDates}
	switch {
	case full || dataChanged:
		s, problems = site.LoadData(opts.Source)
		if s != nil {
			if !full {
				loadOpts.Prev = b.site
			}
			problems = append(problems, site.LoadContent(ctx, opts.Source, s, opts.Markdown, loadOpts)...)
		}
	default:
		s = &site.Site{Config: b.site.Config, Objectives: b.site.Objectives, Partners: b.site.Partners, Redirects: b.site.Redirects}
		loadOpts.Prev, loadOpts.Changed = b.site, content
		problems = site.LoadContent(ctx, opts.Source, s, opts.Markdown, loadOpts)
	}
	errs, warnings := diag.Split(problems)
	res.Warnings = warnings
	if s == nil {
		return nil, nil, 0, nil, stageErr("load", errs)
	}
	base := s.Config.BaseURL.String()
	if opts.BaseURL != "" {
		u, err := site.ParseBaseURL(opts.BaseURL)
		if err != nil {
			return nil, nil, 0, nil, &StageError{Stage: "load", Err: err}
		}
		base = u.String()
	}
	if !reload {
		return s, b.layouts, b.gen, errs, nil
	}
	layouts, err = layout.Load(opts.Source, codes(s), func(lang string) template.FuncMap {
		return view.Funcs(s.Config.Language(lang), s.Config.Languages, latinLang(s))
	})
	if layouts == nil {
		return nil, nil, 0, nil, &StageError{Stage: "load", Err: err}
	}
	layoutErrs, layoutWarnings := diag.Split(diag.Flatten(err))
	errs = append(errs, layoutErrs...)
	res.Warnings = append(res.Warnings, layoutWarnings...)
	return s, layouts, generation(sources, base, opts.Drafts, opts.Dev), errs, nil
}

// choose returns the jobs to render: all of them, unless the builder keeps
// the site, when only those whose key changed are. keys holds the key of
// every job whose previous output can be reused. metas are the pages'
// metas at this build's clock.
//
// When no page's meta changed (an edit below a page's first paragraph, the
// commonest edit of all) no job's key can have changed but those of the
// edited pages, so only theirs are rendered, without computing the rest.
func (b *Builder) choose(r *renderer, jobs []*job, gen uint64) ([]*job, *keyer, map[*job]uint64, map[string]uint64) {
	k := newKeyer(r, gen)
	metas := make(map[string]uint64, len(r.a.Site.Pages))
	for _, p := range r.a.Site.Pages {
		metas[p.Source] = k.meta(p)
	}
	if !b.opts.Keep || b.out == nil {
		return jobs, k, nil, metas
	}
	stable := gen == b.keyGen && len(metas) == len(b.metas) && !b.photoChanged()
	for src, m := range metas {
		if !stable {
			break
		}
		prev, ok := b.metas[src]
		stable = ok && prev == m
	}
	b.stable = stable
	keys := make(map[*job]uint64, len(jobs))
	var todo []*job
	for _, j := range jobs {
		prev := b.out[j.file]
		switch {
		case prev == nil:
		case j.kind == jobStatic:
			if !b.all && !b.pending[j.target] {
				keys[j] = prev.key
				continue
			}
		case stable && !prev.bodies && (j.page == nil || !b.pending[j.page.Source]):
			keys[j] = prev.key
			continue
		default:
			if key := k.job(j, prev.deps); key == prev.key {
				keys[j] = key
				continue
			}
		}
		todo = append(todo, j)
	}
	return todo, k, keys, metas
}

// renderTwice renders the jobs on all cores, the search indexes last: the
// pages' renders make their entries. err is set only when the build was
// cancelled.
func renderTwice(ctx context.Context, r *renderer, jobs []*job) (errs, warnings []error, done []rendered) {
	var pages, indexes []int
	for i, j := range jobs {
		if j.kind == jobSearchIndex {
			indexes = append(indexes, i)
		} else {
			pages = append(pages, i)
		}
	}
	done = make([]rendered, len(jobs))
	for n, phase := range [][]int{pages, indexes} {
		if n == 1 {
			// The indexes use no layouts: let the partials the pages
			// shared go before the indexes are made, the build's largest
			// files.
			r.layouts.ResetCache()
		}
		if ctx.Err() != nil {
			break
		}
		part := make([]*job, len(phase))
		for n, i := range phase {
			part[n] = jobs[i]
		}
		e, w, d := renderAll(ctx, r, part)
		errs, warnings = append(errs, e...), append(warnings, w...)
		for n, i := range phase {
			done[i] = d[n]
		}
	}
	diag.Sort(errs)
	return errs, warnings, done
}

// keptEntry returns a lookup of the search index entries of the last build
// that are still valid: the page's file and meta, and the generation, are
// unchanged.
func (b *Builder) keptEntry(k *keyer) func(*site.Page) ([]byte, bool) {
	return func(p *site.Page) ([]byte, bool) {
		e, ok := b.entries[p.Source]
		if !ok || e.key != entryKey(k, p) {
			return nil, false
		}
		return e.data, true
	}
}

// keepEntries keeps this build's search index entries for the next.
func (b *Builder) keepEntries(r *renderer, k *keyer) {
	if b.entries == nil {
		b.entries = map[string]keptEntry{}
	}
	r.entries.Range(func(src, data any) bool {
		if p := r.a.BySource(src.(string)); p != nil {
			b.entries[src.(string)] = keptEntry{key: entryKey(k, p), data: data.([]byte)}
		}
		return true
	})
	for src := range b.entries {
		if r.a.BySource(src) == nil {
			delete(b.entries, src)
		}
	}
}

type keptEntry struct {
	key  uint64
	data []byte
}

func entryKey(k *keyer, p *site.Page) uint64 {
	return p.Hash ^ k.meta(p)*31 ^ k.gen*17
}

// readsBodies reports a job that shows other pages' text (the search
// index), which a body edit changes without changing any meta.
func readsBodies(deps []view.Dep) bool {
	return slices.ContainsFunc(deps, func(d view.Dep) bool { return d.Kind == view.DepBodies })
}

// keep stores the new site: the rendered files with their keys, and the
// reused files of the last build. The maps of the last build are copied,
// not changed: the dev server may still be serving the last one.
func (b *Builder) keep(k *keyer, res *Result, jobs, todo []*job, keys map[*job]uint64, done []rendered, mem *MemSink) {
	out, files := maps.Clone(b.out), maps.Clone(b.outputs)
	if out == nil {
		out, files = make(map[string]*output, len(jobs)), make(map[string][]byte, len(jobs))
	}
	for _, j := range jobs {
		if _, ok := out[j.file]; !ok {
			out[j.file] = nil // a new file, rendered below
		}
	}
	if len(out) != len(jobs) { // files of the last build that are gone
		planned := make(map[string]bool, len(jobs))
		for _, j := range jobs {
			planned[j.file] = true
		}
		for f, o := range out {
			if !planned[f] {
				delete(out, f)
				delete(files, f)
				res.Changed = append(res.Changed, f)
				if o != nil {
					for _, e := range o.extra {
						delete(files, e)
					}
				}
			}
		}
	}
	for i, j := range todo {
		data := mem.Files[j.file]
		if prev, ok := b.out[j.file]; !ok || !bytes.Equal(prev.data, data) {
			res.Changed = append(res.Changed, j.file)
		}
		if prev := b.out[j.file]; prev != nil {
			for _, e := range prev.extra {
				delete(files, e)
			}
		}
		for _, e := range done[i].extra {
			files[e] = mem.Files[e]
		}
		out[j.file] = &output{data: data, key: k.job(j, done[i].deps), deps: done[i].deps, links: done[i].links, bodies: readsBodies(done[i].deps), extra: done[i].extra}
		files[j.file] = data
	}
	for j, key := range keys {
		if o := out[j.file]; o != nil && o.key != key {
			c := *o
			c.key = key
			out[j.file] = &c
		}
	}
	for f, anchored := range b.anchored {
		if o := out[f]; o != nil && !slices.Equal(o.anchored, anchored) {
			c := *o
			c.anchored = anchored
			out[f] = &c
		}
	}
	slices.Sort(res.Changed)
	b.out, b.outputs = out, files
	res.Outputs = files
}

// extraFiles counts the files jobs wrote besides their own: those rendered
// now (done, of todo), and those kept from the last build.
func (b *Builder) extraFiles(jobs, todo []*job, done []rendered) int {
	n := 0
	for _, d := range done {
		n += len(d.extra)
	}
	rendered := make(map[*job]bool, len(todo))
	for _, j := range todo {
		rendered[j] = true
	}
	for _, j := range jobs {
		if o := b.out[j.file]; o != nil && !rendered[j] {
			n += len(o.extra)
		}
	}
	return n
}
