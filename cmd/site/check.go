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
	"github.com/alaqsa-ira/site/internal/linkcheck"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	var src, base string
	var drafts, strict, external, translations bool
	siteFlags(fs, &src, &base, &drafts, "check drafts too", false)
	var renderTimeout time.Duration
	renderTimeoutFlag(fs, &renderTimeout)
	var cache string
	cacheDirFlag(fs, &cache)
	fs.BoolVar(&strict, "strict", false, "fail on warnings too")
	fs.BoolVar(&external, "external", false, "also check links to other sites (needs the network)")
	fs.BoolVar(&translations, "translations", false, "print the translation table: every page's state in every language")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
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
	res, err := build.Run(ctx, build.Options{
		Source: os.DirFS(src), SourceDir: src, Sink: build.NewMemSink(),
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
	if translations && res != nil && err == nil {
		printTranslations(stdout, res)
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

// printTranslations prints the translation table, one block per section.
func printTranslations(w io.Writer, res *build.Result) {
	var langs []string
	for l := range res.Pages {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	width := 4
	for _, row := range res.Translations {
		width = max(width, len(row.Key))
	}
	section := "\x00"
	for _, row := range res.Translations {
		if row.Section != section {
			section = row.Section
			name := section
			if name == "" {
				name = "(pages)"
			}
			fmt.Fprintf(w, "\n%s\n", name)
			fmt.Fprintf(w, "  %-*s", width, "page")
			for _, l := range langs {
				fmt.Fprintf(w, " %-8s", l)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "  %-*s", width, row.Key)
		for _, l := range langs {
			fmt.Fprintf(w, " %-8s", row.Status[l])
		}
		var todo []string
		for _, l := range langs {
			if row.Status[l] != "ok" {
				todo = append(todo, l)
			}
		}
		if len(todo) > 0 {
			fmt.Fprintf(w, "  to do: %s", strings.Join(todo, ", "))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}
