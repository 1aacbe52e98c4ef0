package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// copySite copies this project's site (content, data, layouts, static) into
// a new folder and returns it.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := os.DirFS("../..")
	for _, dir := range []string{"content", "data", "layouts", "static"} {
		err := fs.WalkDir(src, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			target := filepath.Join(dst, filepath.FromSlash(p))
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// One cache of photos' derivatives for every copy this test process
	// makes: the sample photos are encoded once, not once per test (under
	// the race detector an encode takes seconds). Tests of the cache use
	// --cache-dir or their own folder.
	if err := os.Symlink(sharedCache.dir(), filepath.Join(dst, ".cache")); err != nil {
		t.Fatal(err)
	}
	return dst
}

// sharedCache is the folder of cached derivatives copySite's copies share,
// made at first use and removed by TestMain.
var sharedCache cacheFolder

type cacheFolder struct {
	once sync.Once
	path string
}

func (c *cacheFolder) dir() string {
	c.once.Do(func() {
		c.path, _ = os.MkdirTemp("", "site-test-cache-")
	})
	return c.path
}

func runSite(args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestBuildWritesTheSiteAndASummary(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796500000")
	site := copySite(t)
	out, errOut, err := runSite("build", "-s", site)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "36 pages (ar 18, en 18), ") || !strings.Contains(out, " written, the rest unchanged) in ") {
		t.Errorf("summary = %q", out)
	}
	for _, f := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "ar/index.html", "en/announcements/atom.xml"} {
		if _, err := os.Stat(filepath.Join(site, "public", f)); err != nil {
			t.Errorf("public/%s: %v", f, err)
		}
	}
}

func TestBuildErrorsArePrintedWithFileAndLineAndExitOne(t *testing.T) {
	site := copySite(t)
	dest := filepath.Join(t.TempDir(), "out")
	if _, errOut, err := runSite("build", "--source", site, "--destination", dest); err != nil {
		t.Fatalf("first build: %v\n%s", err, errOut)
	}
	before, _ := os.ReadFile(filepath.Join(dest, "en", "about", "index.html"))
	about := filepath.Join(site, "content", "about.en.md")
	if err := os.WriteFile(about, []byte("---\ntitle: About\nslug: ../up\ndate: soon\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := runSite("build", "-s", site, "-d", dest)
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want the errors reported (exit 1)", err)
	}
	for _, want := range []string{"content/about.en.md:3: slug", "content/about.en.md:4:7: date", "2 errors; nothing was published"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	after, _ := os.ReadFile(filepath.Join(dest, "en", "about", "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("the failed build changed the published site")
	}
}

func TestCommandLineMistakesAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"publish"}, {"build", "--no-such-flag"}, {"build", "extra"}} {
		_, _, err := runSite(args...)
		var u usageError
		if !errors.As(err, &u) {
			t.Errorf("%q: err = %v, want a usage error (exit 2)", args, err)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, _, err := runSite("build", "-s", t.TempDir()); !errors.As(err, new(usageError)) {
		t.Errorf("a bad SOURCE_DATE_EPOCH: err = %v, want a usage error", err)
	}
}

func TestHelpPrintsTheFlagsAndSucceeds(t *testing.T) {
	for _, cmd := range []string{"build", "serve", "check", "new"} {
		dir := t.TempDir()
		_, stderr, err := runSite(cmd, "-h", "-s", dir)
		if err != nil {
			t.Errorf("site %s -h: err = %v, want success (exit 0)", cmd, err)
		}
		if !strings.Contains(stderr, "-s") || !strings.Contains(stderr, "source") {
			t.Errorf("site %s -h printed %q, want its flags", cmd, stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("site %s -h wrote %d entries, want nothing done", cmd, len(entries))
		}
	}
}

func TestBuildRefusesToReplaceTheSource(t *testing.T) {
	site := copySite(t)
	_, errOut, err := runSite("build", "-s", site, "-d", site)
	if err == nil || !strings.Contains(errOut, "refusing to publish") {
		t.Fatalf("err = %v, stderr = %q; want a refusal", err, errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "about.en.md")); err != nil {
		t.Errorf("the source was touched: %v", err)
	}
}

func TestBuildAtASubPathSaysWhereCrawlersLookForTheSitemap(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796500000")
	site := copySite(t)
	for _, tc := range []struct{ base, want string }{
		{"https://example.edu/ira/", "note: the site is at a sub-path, and crawlers read only https://example.edu/robots.txt, not its own robots.txt: add this line to that file (or submit the sitemap to search engines) so that they find the sitemap:\n  Sitemap: https://example.edu/ira/sitemap.xml\n"},
		{"https://example.edu/offices/ira/", "  Sitemap: https://example.edu/offices/ira/sitemap.xml\n"},
		{"https://ira.example.edu/", ""},
	} {
		out, errOut, err := runSite("build", "-s", site, "-b", tc.base)
		if err != nil {
			t.Fatalf("build: %v\n%s", err, errOut)
		}
		if tc.want == "" {
			if strings.Contains(out, "note:") {
				t.Errorf("%s, at the root of its host: %q", tc.base, out)
			}
		} else if !strings.Contains(out, tc.want) {
			t.Errorf("%s: output %q lacks %q", tc.base, out, tc.want)
		}
		robots, err := os.ReadFile(filepath.Join(site, "public", "robots.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(robots), "\nSitemap: "+tc.base+"sitemap.xml\n") {
			t.Errorf("%s: robots.txt:\n%s", tc.base, robots)
		}
	}
}
