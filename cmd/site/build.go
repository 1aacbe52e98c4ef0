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
	"github.com/alaqsa-ira/site/internal/publish"
	"github.com/alaqsa-ira/site/internal/site"
)

func runBuild(ctx context.Context, st *stopper, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	var src, dest, base string
	var drafts, printHash, dryRun, force bool
	siteFlags(fs, &src, &base, &drafts, "publish drafts too", false)
	stringFlag(fs, &dest, "d", "destination", "public", "the output `folder`")
	fs.BoolVar(&printHash, "print-hash", false, "print a hash of the published files, to compare two builds")
	var renderTimeout time.Duration
	renderTimeoutFlag(fs, &renderTimeout)
	var cache string
	cacheDirFlag(fs, &cache)
	fs.BoolVar(&dryRun, "dry-run", false, "list what would be added, changed and removed in the destination, without touching it")
	fs.BoolVar(&force, "force", false, "take over a destination that site build did not make: its files are kept, and those standing where the site has a file or folder are moved to .NAME.displaced/ beside it")
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
		Source: site.DirFS(src), SourceDir: src, Dest: dest,
		BaseURL: base, Drafts: drafts, Now: now, RenderTimeout: renderTimeout,
		Publish:  publish.Options{Force: force},
		Guard:    st.Guard(),
		CacheDir: cacheDir(src, cache),
	}
	var mem *build.MemSink
	if dryRun {
		mem = build.NewMemSink()
		opts.Dest, opts.Sink = "", mem
		if err := publish.Check(src, dest, force); err != nil {
			return err
		}
	}
	undone := "nothing was published; " + dest + " is as it was"
	st.leaves(undone)
	res, err := build.Run(ctx, opts)
	if err != nil {
		// A build stopped by a signal published nothing; its errors and
		// warnings are those of a build cut short.
		if in := stoppedBy(ctx, undone); in != nil {
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
		return printDiff(stdout, stderr, mem.Files, dest, publish.Options{Force: force}, printHash)
	}
	fmt.Fprintf(stdout, "built %s: %s, %d files (%d written, the rest unchanged) in %s\n", dest, pageCounts(res.Pages), res.Files, res.Written, res.Elapsed.Round(time.Millisecond))
	if ph := res.Photos; ph.Encodes > 0 || ph.CacheHits > 0 {
		fmt.Fprintf(stdout, "photos: %d derivatives made, %d photos taken from the cache (%s)\n", ph.Encodes, ph.CacheHits, cacheDir(src, cache))
	}
	if ph := res.Photos; ph.CacheBad > 0 {
		fmt.Fprintf(stderr, "%s: %d entries were damaged, not regular files, or not what site build writes, and were not used: their photos were made again and the entries replaced; if this happens again, find out what writes in that folder\n", cacheDir(src, cache), ph.CacheBad)
	}
	if res.HostRobots != "" {
		fmt.Fprintf(stdout, "note: the site is at a sub-path, and crawlers read only %s, not its own robots.txt: add this line to that file (or submit the sitemap to search engines) so that they find the sitemap:\n  %s\n", res.HostRobots, res.SitemapLine)
	}
	if printHash {
		fmt.Fprintln(stdout, "content hash:", res.Hash)
	}
	return nil
}

// printDiff lists what a build would change in dest, and what it would
// stop at.
func printDiff(stdout, stderr io.Writer, files map[string][]byte, dest string, opts publish.Options, printHash bool) error {
	ch, err := publish.Diff(dest, files, opts)
	if ch != nil {
		for _, l := range []struct {
			mark  string
			files []string
		}{{"added", ch.Added}, {"changed", ch.Changed}, {"removed", ch.Removed}} {
			for _, f := range l.files {
				fmt.Fprintf(stdout, "%-8s %s\n", l.mark, f)
			}
		}
		if opts.Force {
			for _, d := range ch.Displaced {
				fmt.Fprintf(stdout, "%-8s %s: it would be moved aside (--force)\n", "moved", d)
			}
		}
		for _, n := range ch.Notes {
			fmt.Fprintln(stderr, n)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "dry run: %d added, %d changed, %d removed in %s; nothing was written\n", len(ch.Added), len(ch.Changed), len(ch.Removed), dest)
	if printHash {
		fmt.Fprintln(stdout, "content hash:", publish.HashFiles(files))
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
