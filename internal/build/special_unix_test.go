//go:build unix

package build

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/corpus"
	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/regular/regulartest"
	"github.com/alaqsa-ira/site/internal/site"
)

// specialPlaces are where TestSpecialFilesAreSkippedInEveryFolder plants
// a file that is not a regular file: in every folder a build reads.
var specialPlaces = []string{
	"content/announcements/f.en.md",                    // a page
	"content/announcements/2026-visit/photo.jpg",       // a file of a page bundle
	"content/announcements/2026-visit/programme.en.md", // named like a page, in a bundle
	"data/partners.yaml",
	"data/redirects.yaml",
	"layouts/extra.html",
	"layouts/partials/extra.html",
	"static/files/form.pdf",
	"static/css/extra.css",
}

// specialSite writes a small site to a folder on disk, with a page bundle,
// and returns the folder.
func specialSite(t *testing.T) string {
	t.Helper()
	m := newSite(t, `
-- content/announcements/2026-visit/index.en.md --
`+announcement("A visit", "", "The programme is attached.")+`
-- content/announcements/2026-visit/index.ar.md --
`+announcement("زيارة", "", "البرنامج مرفق.")+`
-- content/announcements/call.en.md --
`+announcement("A call", "categories: [call]\n", "Apply by January."))
	root := t.TempDir()
	if err := corpus.WriteDir(root, m); err != nil {
		t.Fatal(err)
	}
	return root
}

// lstatTree describes everything under dir without reading anything but
// regular files: a folder, a regular file's bytes and modification time,
// anything else its kind.
func lstatTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			out[rel+"/"] = info.Mode().String()
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			out[rel] = fmt.Sprintf("%x %d", sha256.Sum256(b), info.ModTime().UnixNano())
			return err
		default:
			out[rel] = info.Mode().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSpecialFilesAreSkippedInEveryFolder plants a named pipe, a socket and
// a device (where this user may make one) in every folder a build reads:
// content/, a page bundle, data/, layouts/ and static/. Each build ends
// (under a hang guard: a named pipe opened the plain way waits for a writer
// for ever, a device like /dev/zero never ends), warns about every planted
// file by name, publishes the site it publishes without them, and changes
// nothing but its destination.
func TestSpecialFilesAreSkippedInEveryFolder(t *testing.T) {
	plain := specialSite(t)
	want := mustBuild(t, site.DirFS(plain)).files
	for _, sp := range regulartest.Specials {
		t.Run(sp.Name, func(t *testing.T) {
			root := specialSite(t)
			for _, p := range specialPlaces {
				full := filepath.Join(root, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Remove(full); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				if !sp.Make(t, full) {
					t.Skip("cannot make one here")
				}
			}
			dest := filepath.Join(t.TempDir(), "public")
			before := lstatTree(t, root)
			var res *Result
			var err error
			hangtest.Run(t, "building with a "+sp.Name+" in every folder", func() {
				res, err = Run(context.Background(), Options{Source: site.DirFS(root), SourceDir: root, Dest: dest,
					Now: testNow, GitDates: map[string]time.Time{}, CacheDir: sharedCache.dir()})
			})
			if err != nil {
				t.Fatalf("the build failed: %v", err)
			}
			var warnings []string
			for _, w := range res.Warnings {
				warnings = append(warnings, w.Error())
			}
			for _, p := range specialPlaces {
				if !hasLine(warnings, []string{p + ": warning: this is ", "not a regular file, and is skipped"}) {
					t.Errorf("no warning names %s:\n%s", p, strings.Join(warnings, "\n"))
				}
			}
			if after := lstatTree(t, root); !maps.Equal(before, after) {
				t.Errorf("the build changed its source:\n%s", mapDiff(before, after))
			}
			got := map[string]string{}
			for p, h := range treeHashes(t, dest) {
				if !strings.HasSuffix(p, "/") {
					got[p] = h
				}
			}
			sameTree(t, "the site built with special files", got, memSnapshot(want))
		})
	}
}

// TestLinksToDevicesAreSkipped plants links to /dev/zero, whose reads never
// end, which any user can make: in data/ and layouts/, where links are
// followed, each is refused as the device it leads to; in content/ and
// static/, where links are not followed, as a link. Either way the build
// ends, warns about each by name, and builds the rest.
func TestLinksToDevicesAreSkipped(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	root := specialSite(t)
	want := map[string]string{
		"data/partners.yaml":            "this is a device, not a regular file",
		"layouts/extra.html":            "this is a device, not a regular file",
		"content/announcements/z.en.md": "symbolic links are not followed",
		"static/files/zero.pdf":         "symbolic links are not followed",
	}
	for p := range want {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/dev/zero", full); err != nil {
			t.Fatal(err)
		}
	}
	var res *Result
	var err error
	hangtest.Run(t, "building with links to /dev/zero", func() {
		res, err = Run(context.Background(), Options{Source: site.DirFS(root), Sink: NewMemSink(), Now: testNow, GitDates: map[string]time.Time{}})
	})
	if err != nil {
		t.Fatalf("the build failed: %v", err)
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.Error())
	}
	for p, msg := range want {
		if !hasLine(warnings, []string{p + ": warning: " + msg}) {
			t.Errorf("no warning says %s is skipped (%s):\n%s", p, msg, strings.Join(warnings, "\n"))
		}
	}
}
