// Package build turns a site root into the published site.
//
// A build runs these named stages, in this order, and wraps each error with
// the name of the stage that found it:
//
//	load      read data/ and content/ (site.LoadData, site.LoadContent) and layouts/ (layout.Load)
//	assemble  decide what is published now, pair translations, order lists
//	          (site.Assemble), and plan every output file, refusing two
//	          outputs at one address
//	photos    make the derivatives of every photo of static/ and of the
//	          published page bundles (package photo), or take them from
//	          the cache; a photo that cannot be published is an error
//	render    convert Markdown and execute layouts for every output, on all
//	          cores, and hand the bytes to a Sink
//	check     follow every internal link and anchor, check partners' logos,
//	          report pages without (or with outdated) translations, and refuse
//	          any file written with EXIF, GPS, XMP, IPTC or a PDF's author
//	          (see published.go: static files are checked, and SVGs
//	          cleaned, as they are rendered), and any page or stylesheet
//	          that loads from another site (see remote.go)
//	write     put the new site in place of the destination (package publish)
//
// An editor's mistake does not stop the stages: each runs on everything
// the stages before it could make (a page whose front matter fails is left
// out, a layout that fails is replaced by a stand-in), so that one build
// reports every mistake, and what points at something that failed is not
// reported again (see Builder.Build). Any error stops the build before
// write.
//
// Output never depends on scheduling: the plan is sorted, each job writes
// its own file, and problems are sorted before they are reported. A build
// that fails leaves the destination exactly as it was: the render hands its
// files to a publish.Tx, which stages them and puts them in place only when
// the check passed.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/imaging"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/photo"
	"github.com/alaqsa-ira/site/internal/publish"
	"github.com/alaqsa-ira/site/internal/shutdown"
	"github.com/alaqsa-ira/site/internal/site"
	"golang.org/x/sync/errgroup"
)

// Options configures a build.
type Options struct {
	Source    fs.FS  // the site root
	SourceDir string // the site root on disk, for git dates and checks; may be ""
	Dest      string // the destination folder; "" to write only to Sink
	Sink      Sink   // receives the files when Dest is ""
	// Publish configures publishing to Dest (taking over a folder site
	// build did not make, and the tests' fault injection).
	Publish publish.Options
	// Guard, when set, is the program's: the commit to Dest holds it, so
	// that a program that stops waits for a commit begun to finish, and
	// begins none once it is stopping (see package shutdown).
	Guard   *shutdown.Guard
	BaseURL string // overrides baseURL in data/site.yaml
	Drafts  bool   // publish drafts too
	Now     time.Time
	// GitDates maps source paths to their last commit; when nil and
	// SourceDir is set, it is read from git, with History.
	GitDates map[string]time.Time
	// History is the git history of the site's files, which says how far
	// each translation has fallen behind (package translation); when nil,
	// translations are compared by GitDates.
	History *gitlog.History
	Dev     bool // rendering for the dev server
	// Keep holds the site in memory between builds (Result.Outputs), so
	// that a rebuild renders only what a change can affect.
	Keep bool
	// Report fills Result.Translations and Result.External, for site check.
	Report bool
	// Markdown is the converter to use; a new one when nil.
	Markdown *markdown.Converter
	// CacheDir is the folder where photos' derivatives are cached between
	// builds; "" caches nothing on disk. Photos, when set, is the catalog
	// of photos to use (the dev server keeps one across builds, in its
	// background mode); else the builder makes one with CacheDir.
	CacheDir string
	Photos   *photo.Catalog
	// PhotosReady, when set, makes the builder's catalog work in the
	// background (the dev server): a new photo is shown from its source at
	// once, and PhotosReady is called with its source path when its
	// derivatives are ready, for a rebuild to show them. Close stops the
	// work.
	PhotosReady func(source string)
	// RenderTimeout is how long rendering one page may take
	// (layout.DefaultTimeout when 0): a layout that loops for ever fails
	// the build instead of hanging it.
	RenderTimeout time.Duration
}

// Result describes a finished build.
type Result struct {
	Pages   map[string]int // published content pages per language
	Files   int
	Written int // files whose bytes changed on disk; the rest were already there
	// Hash is a hash of the published files' paths and bytes (see
	// publish.Tx.Hash), when publishing to Dest.
	Hash string
	// Rendered is how many files were rendered; the rest of a rebuild
	// reused the bytes of the last build.
	Rendered int
	// Outputs is the whole site, path to bytes, when the builder keeps it
	// in memory (Options.Keep).
	Outputs map[string][]byte
	// Changed lists the files that differ from the last build (added,
	// changed or removed), sorted, when the builder keeps the site.
	Changed  []string
	Warnings []error
	Elapsed  time.Duration
	Site     *site.Site
	// Stages holds how long each stage took, in order.
	Stages []StageTime
	// Translations and External are filled when Options.Report is set:
	// every page's state in every language, and the links to other sites.
	Translations []TranslationRow
	// History is the git history the translations were compared by (nil
	// when Options.GitDates was given without it).
	History  *gitlog.History
	External []ExternalLink
	// HostRobots and SitemapLine are set for a site published at a
	// sub-path: crawlers read only the host's robots.txt (HostRobots),
	// which must have SitemapLine for the sitemap to be found.
	HostRobots, SitemapLine string
	// Photos counts the image work of this build: derivatives encoded,
	// photos found in the cache, photos refused.
	Photos imaging.Stats
}

// StageTime is the duration of one stage.
type StageTime struct {
	Stage    string
	Duration time.Duration
}

func (r *Result) lap(stage string, since *time.Time) {
	now := time.Now()
	r.Stages = append(r.Stages, StageTime{stage, now.Sub(*since)})
	*since = now
}

// StageError is the failure of a build: of one stage, or, when several
// stages had errors (a build goes on after an error to report them all),
// of each of them: then Stage names them all ("load, check") and Err joins
// a StageError for each.
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }

// Unwrap returns the stage's errors.
func (e *StageError) Unwrap() error { return e.Err }

// Errors returns the errors one by one, sorted by file and line: editors'
// mistakes as they are (path:line: message), anything else prefixed with
// its stage.
func (e *StageError) Errors() []error {
	out := e.errors()
	diag.Sort(out)
	return out
}

func (e *StageError) errors() []error {
	var out []error
	for _, err := range diag.Flatten(e.Err) {
		var d *diag.Error
		if inner, ok := err.(*StageError); ok {
			out = append(out, inner.errors()...)
		} else if errors.As(err, &d) {
			out = append(out, err)
		} else {
			out = append(out, fmt.Errorf("%s: %w", e.Stage, err))
		}
	}
	return out
}

func stageErr(stage string, errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return &StageError{Stage: stage, Err: diag.Join(errs)}
}

// failures gathers the errors of every stage of a build.
type failures struct {
	stages []string
	errs   []error
}

func (f *failures) add(stage string, errs []error) {
	if len(errs) > 0 {
		f.stages = append(f.stages, stage)
		f.errs = append(f.errs, stageErr(stage, errs))
	}
}

// err returns the build's failure: nil, the StageError of the one stage
// that failed, or one that joins those of every stage that did.
func (f *failures) err() error {
	switch len(f.errs) {
	case 0:
		return nil
	case 1:
		return f.errs[0]
	}
	return &StageError{Stage: strings.Join(f.stages, ", "), Err: errors.Join(f.errs...)}
}

// StoppedError is the error of a build whose context ended before the
// build finished. Nothing was published: the destination is as it was.
type StoppedError struct {
	Stage string
	Err   error // the context's error: context.Canceled or DeadlineExceeded
	Cause error // why the context ended (context.Cause)
}

func (e *StoppedError) Error() string {
	return "the build was stopped during " + e.Stage + ": " + e.Cause.Error()
}

// Unwrap returns the context's error and its cause, so that errors.Is
// finds context.Canceled and errors.As finds the cause.
func (e *StoppedError) Unwrap() []error { return []error{e.Err, e.Cause} }

// stopped returns a *StoppedError when ctx has ended, else nil.
func stopped(ctx context.Context, stage string) error {
	if ctx.Err() == nil {
		return nil
	}
	return &StoppedError{Stage: stage, Err: ctx.Err(), Cause: context.Cause(ctx)}
}

// errProgramStopping is the cause of a build whose commit the program's
// Guard refused before its context ended.
var errProgramStopping = errors.New("the program is stopping")

// commit puts the new site in place, holding the program's Guard: unless
// ctx has ended or the program is stopping, the commit runs to its end.
func commit(ctx context.Context, guard *shutdown.Guard, tx *publish.Tx) (*publish.Changes, error) {
	release, ok := guard.Hold()
	defer release()
	if err := stopped(ctx, "write"); err != nil {
		return nil, err
	}
	if !ok {
		return nil, &StoppedError{Stage: "write", Err: context.Canceled, Cause: errProgramStopping}
	}
	ch, err := tx.Commit()
	if err != nil {
		return ch, &StageError{Stage: "write", Err: err}
	}
	return ch, nil
}

// Run builds the site once.
func Run(ctx context.Context, opts Options) (*Result, error) {
	return NewBuilder(opts).Build(ctx, nil)
}

// renderAll renders the jobs on all cores and returns the problems, sorted,
// and what each render found (by job; a job not rendered because ctx ended
// has an empty entry). A layout error that every page hits is reported
// once, with a count. When ctx ends, the layouts being executed stop at
// their next loop or include, and the jobs not started are skipped; the
// caller sees ctx.Err() and discards the result.
func renderAll(ctx context.Context, r *renderer, jobs []*job) (errs, warnings []error, out []rendered) {
	out = make([]rendered, len(jobs))
	abort := context.AfterFunc(ctx, func() { r.layouts.Abort(context.Cause(ctx)) })
	defer abort()
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if ctx.Err() == nil {
				out[i] = r.render(j)
			}
			return nil
		})
	}
	_ = g.Wait()
	if ctx.Err() != nil {
		return nil, nil, out
	}
	first := map[string]*diag.Error{}
	count := map[string]int{}
	var aborted []error // renders stopped because another failed
	for _, f := range out {
		e, w := diag.Split(f.problems)
		warnings = append(warnings, w...)
		for _, err := range e {
			if errors.Is(err, layout.ErrAborted) {
				aborted = append(aborted, err)
				continue
			}
			var d *diag.Error
			if errors.As(err, &d) && strings.HasPrefix(d.Path, layout.Dir+"/") {
				key := d.Error()
				if count[key]++; count[key] > 1 {
					continue
				}
				c := *d
				first[key] = &c
				err = &c
			}
			errs = append(errs, err)
		}
	}
	for key, d := range first {
		if n := count[key]; n > 1 {
			d.Msg += fmt.Sprintf(" (on %d pages)", n)
		}
	}
	if len(errs) == 0 && len(aborted) > 0 {
		errs = aborted[:1]
	}
	diag.Sort(errs)
	return errs, warnings, out
}

func codes(s *site.Site) []string {
	var out []string
	for _, l := range s.Config.Languages {
		out = append(out, l.Code)
	}
	return out
}

// latinLang is the language that Latin runs in right-to-left text are
// marked with: the first left-to-right language.
func latinLang(s *site.Site) string {
	for _, l := range s.Config.Languages {
		if l.Dir == "ltr" {
			return l.Code
		}
	}
	return ""
}
