package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/layout"
)

// newFlags returns the flag set of a command, printing its messages to
// stderr.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// stringFlag registers a flag under a short and a long name (-s, --source).
func stringFlag(fs *flag.FlagSet, p *string, short, long, value, usage string) {
	fs.StringVar(p, short, value, usage)
	fs.StringVar(p, long, value, usage)
}

// boolFlag registers a flag under a short and a long name (-D, --drafts).
func boolFlag(fs *flag.FlagSet, p *bool, short, long string, value bool, usage string) {
	fs.BoolVar(p, short, value, usage)
	fs.BoolVar(p, long, value, usage)
}

// siteFlags registers the flags every command that reads a site has:
// -s/--source, -b/--base-url and -D/--drafts.
func siteFlags(fs *flag.FlagSet, src, base *string, drafts *bool, draftsUsage string, draftsDefault bool) {
	stringFlag(fs, src, "s", "source", ".", "the site's root `folder`")
	if base != nil {
		stringFlag(fs, base, "b", "base-url", "", "the `URL` the site is published at (overrides data/site.yaml)")
	}
	boolFlag(fs, drafts, "D", "drafts", draftsDefault, draftsUsage)
}

// cacheDirFlag registers --cache-dir, the folder of the photos' cached
// derivatives.
func cacheDirFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "cache-dir", "", "the `folder` where the derivatives of photos are kept between builds (default .cache/images in the site's folder)")
}

// cacheDir returns the cache folder a command uses: the flag's, else the
// default one inside the site's folder.
func cacheDir(src, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return filepath.Join(src, filepath.FromSlash(build.DefaultCacheDir))
}

// parseFlags parses args and refuses any left over. It returns
// flag.ErrHelp after -h, and usage errors otherwise.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s takes no arguments, got %q", fs.Name(), fs.Args())}
	}
	return nil
}

// renderTimeoutFlag registers --render-timeout, the time one page may take
// to render; check it with checkRenderTimeout after parsing.
func renderTimeoutFlag(fs *flag.FlagSet, p *time.Duration) {
	fs.DurationVar(p, "render-timeout", layout.DefaultTimeout, "how long one page may take to render (a `duration` such as 30s) before a layout is taken to loop for ever")
}

func checkRenderTimeout(d time.Duration) error {
	if d <= 0 {
		return usageError{fmt.Sprintf("--render-timeout %s: give a duration above zero, such as 30s", d)}
	}
	return nil
}

// checkSource refuses a source folder (-s) that does not exist or is not a
// folder: a mistake on the command line, not in the site.
func checkSource(src string) error {
	info, err := os.Stat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageError{fmt.Sprintf("-s %s: the source folder does not exist; give the site's folder, the one that holds content/ and data/", src)}
	case err != nil:
		return fmt.Errorf("-s %s: %w", src, err)
	case !info.IsDir():
		return usageError{fmt.Sprintf("-s %s: is a file, not a folder; give the site's folder, the one that holds content/ and data/", src)}
	}
	return nil
}
