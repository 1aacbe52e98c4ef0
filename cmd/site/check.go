package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/linkcheck"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/translation"
)

func runCheck(ctx context.Context, st *stopper, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	var src, base string
	var drafts, strict, external, translations, diff bool
	siteFlags(fs, &src, &base, &drafts, "check drafts too", false)
	var renderTimeout time.Duration
	renderTimeoutFlag(fs, &renderTimeout)
	var cache string
	cacheDirFlag(fs, &cache)
	fs.BoolVar(&strict, "strict", false, "fail on warnings too")
	fs.BoolVar(&external, "external", false, "also check links to other sites (needs the network)")
	fs.BoolVar(&translations, "translations", false, "print the translation table: every page's state in every language, and what changed since an outdated translation")
	fs.BoolVar(&diff, "diff", false, "print the translation table (--translations) with the change to each outdated page's source since its translation was last updated")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	translations = translations || diff
	if err := checkRenderTimeout(renderTimeout); err != nil {
		return err
	}
	if err := checkSource(src); err != nil {
		return err
	}
	now, err := buildTime()
	if err != nil {
		return usageError{err.Error()}
	}
	st.leaves("the check did not finish")
	res, err := build.Run(ctx, build.Options{
		Source: site.DirFS(src), SourceDir: src, Sink: build.NewMemSink(),
		BaseURL: base, Drafts: drafts, Now: now, Report: true, RenderTimeout: renderTimeout,
		CacheDir: cacheDir(src, cache),
	})
	if in := stoppedBy(ctx, "the check did not finish"); in != nil {
		return in
	}
	var findings []error
	var se *build.StageError
	switch {
	case errors.As(err, &se):
		findings = se.Errors()
	case err != nil:
		return err
	}
	if res != nil {
		findings = append(findings, res.Warnings...)
		if external && err == nil {
			findings = append(findings, externalFindings(ctx, res.External)...)
			if in := stoppedBy(ctx, "the check of links to other sites did not finish"); in != nil {
				return in
			}
		}
	}
	diag.Sort(findings)
	errs, warnings := diag.Split(findings)
	annotate := os.Getenv("GITHUB_ACTIONS") == "true"
	for _, f := range findings {
		fmt.Fprintln(stdout, diag.Format(f))
		if annotate {
			fmt.Fprintln(stdout, diag.Annotation(f))
		}
	}
	if annotate && res != nil && err == nil {
		leftBehind(ctx, stdout, src, res)
	}
	if translations && res != nil && err == nil {
		translation.Report(ctx, stdout, res.Translations, translation.ReportOptions{Dir: src, History: res.History, Langs: codes(res), Diff: diff})
	}
	pages := 0
	if res != nil {
		for _, n := range res.Pages {
			pages += n
		}
	}
	fmt.Fprintf(stdout, "checked %d pages: %s, %s\n", pages, count(len(errs), "error"), count(len(warnings), "warning"))
	if len(errs) > 0 || (strict && len(warnings) > 0) {
		return errReported
	}
	return nil
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// externalFindings checks links to other sites and reports the broken ones
// as warnings at every place they are written.
func externalFindings(ctx context.Context, links []build.ExternalLink) []error {
	urls := make([]string, len(links))
	for i, l := range links {
		urls[i] = l.URL
	}
	failed := linkcheck.Check(ctx, urls, linkcheck.Options{})
	var out []error
	for _, l := range links {
		if err, bad := failed[l.URL]; bad {
			out = append(out, diag.Warnf(l.Path, l.Line, "the link to %s may be broken: %v; check it in a browser and fix or remove it", l.URL, err))
		}
	}
	return out
}

// codes returns the site's language codes, sorted.
func codes(res *build.Result) []string {
	var langs []string
	for l := range res.Pages {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// leftBehind writes, on a pull request (GITHUB_BASE_REF names its base
// branch), a warning annotation on every file the pull request changed
// whose translation it leaves behind. They are not findings: translations
// may follow later, and --strict does not fail on them.
func leftBehind(ctx context.Context, w io.Writer, dir string, res *build.Result) {
	base := os.Getenv("GITHUB_BASE_REF")
	if base == "" || res.Site == nil {
		return
	}
	if h := res.History; h == nil || h.Missing != "" || h.Shallow {
		fmt.Fprintln(w, "::notice title=Translation::Cannot tell which translations this pull request leaves behind: check out with full history (actions/checkout with fetch-depth: 0)")
		return
	}
	pr, err := gitlog.Since(ctx, dir, base)
	if err != nil {
		msg := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(err.Error())
		fmt.Fprintf(w, "::notice title=Translation::Cannot tell which translations this pull request leaves behind: %s\n", msg)
		return
	}
	name := func(lang string) string { return translation.LanguageName(res.Site.Config, "en", lang) }
	for _, f := range translation.LeftBehind(res.Translations, pr, name) {
		fmt.Fprintln(w, diag.Annotation(f))
	}
}
