package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/build"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	var src, dest, base string
	var drafts, printHash, dryRun bool
	siteFlags(fs, &src, &base, &drafts, "publish drafts too", false)
	stringFlag(fs, &dest, "d", "destination", "public", "the output `folder`")
	fs.BoolVar(&printHash, "print-hash", false, "print a hash of the published files, to compare two builds")
	var renderTimeout time.Duration
	renderTimeoutFlag(fs, &renderTimeout)
	fs.BoolVar(&dryRun, "dry-run", false, "list what would be added, changed and removed in the destination, without touching it")
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
	if !filepath.IsAbs(dest) && src != "." && !flagSet(fs, "d", "destination") {
		dest = filepath.Join(src, dest)
	}
	opts := build.Options{
		Source: os.DirFS(src), SourceDir: src, Dest: dest,
		BaseURL: base, Drafts: drafts, Now: now, RenderTimeout: renderTimeout,
	}
	var mem *build.MemSink
	if dryRun {
		mem = build.NewMemSink()
		opts.Dest, opts.Sink = "", mem
		if err := build.CheckDest(src, dest); err != nil {
			return err
		}
	}
	res, err := build.Run(ctx, opts)
	if err != nil {
		// A build stopped by a signal published nothing; its errors and
		// warnings are those of a build cut short.
		if in := stoppedBy(ctx, "nothing was published; "+dest+" is as it was"); in != nil {
			return in
		}
	}
	if res != nil {
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, w)
		}
	}
	if err != nil {
		return report(stderr, err)
	}
	if dryRun {
		return printDiff(stdout, mem.Files, dest, printHash)
	}
	fmt.Fprintf(stdout, "built %s: %s, %d files (%d written, the rest unchanged) in %s\n", dest, pageCounts(res.Pages), res.Files, res.Written, res.Elapsed.Round(time.Millisecond))
	if printHash {
		h, err := build.TreeHash(dest)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "content hash:", h)
	}
	return nil
}

// printDiff lists what a build would change in dest.
func printDiff(w io.Writer, files map[string][]byte, dest string, printHash bool) error {
	added, changed, removed, err := build.Diff(files, dest)
	if err != nil {
		return err
	}
	for _, l := range []struct {
		mark  string
		files []string
	}{{"added", added}, {"changed", changed}, {"removed", removed}} {
		for _, f := range l.files {
			fmt.Fprintf(w, "%-8s %s\n", l.mark, f)
		}
	}
	fmt.Fprintf(w, "dry run: %d added, %d changed, %d removed in %s; nothing was written\n", len(added), len(changed), len(removed), dest)
	if printHash {
		fmt.Fprintln(w, "content hash:", build.FilesHash(files))
	}
	return nil
}

// report prints every error of a failed build, one per line, and a count.
func report(w io.Writer, err error) error {
	var se *build.StageError
	if !errors.As(err, &se) {
		return err
	}
	errs := se.Errors()
	for _, e := range errs {
		fmt.Fprintln(w, e)
	}
	noun := "error"
	if len(errs) != 1 {
		noun = "errors"
	}
	fmt.Fprintf(w, "build failed (%s): %d %s; nothing was published\n", se.Stage, len(errs), noun)
	return errReported
}

func pageCounts(m map[string]int) string {
	langs := make([]string, 0, len(m))
	total := 0
	for l, n := range m {
		langs = append(langs, l)
		total += n
	}
	slices.Sort(langs)
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = fmt.Sprintf("%s %d", l, m[l])
	}
	return fmt.Sprintf("%d pages (%s)", total, strings.Join(parts, ", "))
}

// buildTime is the build's clock: SOURCE_DATE_EPOCH when set, so that a
// build is reproducible, else now.
func buildTime() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now(), nil
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}

func flagSet(fs *flag.FlagSet, names ...string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if slices.Contains(names, f.Name) {
			set = true
		}
	})
	return set
}
