package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/publish"
)

// snapshot describes everything under dir without following links: each
// folder, each file's bytes, mode and modification time, each link's
// target.
func snapshot(t *testing.T, dir string) map[string]string {
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
		case d.Type()&fs.ModeSymlink != 0:
			to, err := os.Readlink(p)
			out[rel] = "link to " + to
			return err
		case d.IsDir():
			out[rel+"/"] = info.Mode().String()
		default:
			b, err := os.ReadFile(p)
			out[rel] = fmt.Sprintf("%v %x %d", info.Mode(), b, info.ModTime().UnixNano())
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// files returns the files under dir, path to bytes; a link is "(link)".
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			out[rel] = "(link)"
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

func mapDiff(want, got map[string]string) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok {
			out = append(out, "- "+k)
		} else if g != want[k] {
			out = append(out, "~ "+k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			out = append(out, "+ "+k)
		}
	}
	return strings.Join(out, "\n")
}

func plantFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func plantLink(t *testing.T, target, at string) {
	t.Helper()
	if err := os.RemoveAll(at); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(at), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, at); err != nil {
		t.Fatal(err)
	}
}

// TestBuildNeverReachesOutsideTheDestination builds a site, plants links
// and files the build did not write in and around the destination, builds
// a changed site there, and checks that nothing outside the destination
// changed, that no file the build did not write was lost, and that the
// destination holds the whole new site.
func TestBuildNeverReachesOutsideTheDestination(t *testing.T) {
	first := newSite(t, pairedSite)
	next := newSite(t, pairedSite+`
-- content/only-english.en.md --
(delete)
-- content/about.en.md --
---
title: About us
---
About the office, changed.
-- content/later.en.md --
---
title: Later
---
A page that comes later.
`)
	want, old := map[string]string{}, map[string]string{}
	for p, b := range mustBuild(t, next).files {
		want[p] = string(b)
	}
	for p, b := range mustBuild(t, first).files {
		old[p] = string(b)
	}
	type world struct{ root, dest, outside string }
	cases := []struct {
		name    string
		plant   func(w world) map[string]string // returns the foreign files
		force   bool                            // the build needs --force
		linkDir string                          // the destination is a link to this folder
		// The build cannot tell its earlier files (no manifest): those
		// the new site lacks are kept.
		keepsOld bool
	}{
		{name: "a file link", plant: func(w world) map[string]string {
			plantLink(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.dest, "robots.txt"))
			return nil
		}},
		{name: "a link to a page the build changes", plant: func(w world) map[string]string {
			plantLink(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.dest, "en/about/index.html"))
			return nil
		}},
		{name: "a folder link", plant: func(w world) map[string]string {
			plantLink(t, filepath.Join(w.outside, "en"), filepath.Join(w.dest, "en"))
			return nil
		}},
		{name: "a link in a nested folder", plant: func(w world) map[string]string {
			plantLink(t, filepath.Join(w.outside, "en"), filepath.Join(w.dest, "en/announcements"))
			return nil
		}},
		{name: "a dangling link", plant: func(w world) map[string]string {
			plantLink(t, filepath.Join(w.outside, "nothing"), filepath.Join(w.dest, "ar/index.html"))
			return nil
		}},
		{name: "the destination is a link", linkDir: "www/site", plant: func(w world) map[string]string {
			return nil
		}},
		{name: "links in the staging folder", plant: func(w world) map[string]string {
			for _, name := range []string{"1", "2", "en", "index.html"} {
				plantLink(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.root, ".public.staging", name))
			}
			return nil
		}},
		{name: "the staging folder is a link", plant: func(w world) map[string]string {
			plantLink(t, w.outside, filepath.Join(w.root, ".public.staging"))
			return nil
		}},
		{name: "the manifest is a link", force: true, keepsOld: true, plant: func(w world) map[string]string {
			plantLink(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.root, ".public.manifest"))
			return nil
		}},
		{name: "foreign files in the root, in folders, hidden", plant: func(w world) map[string]string {
			return map[string]string{
				"google1234.html":          "verification",
				".htaccess":                "Options -Indexes",
				".well-known/security.txt": "Contact: x",
				"en/about/cv.pdf":          "beside a page",
				"en/only-english/keep.pdf": "in the folder of a page that goes",
				"uploads/2026/r.pdf":       "x",
			}
		}},
		{name: "a foreign file named like a future folder", force: true, plant: func(w world) map[string]string {
			return map[string]string{"en/later": "a file where the new page's folder goes"}
		}},
		{name: "a foreign folder where a file goes", force: true, plant: func(w world) map[string]string {
			return map[string]string{"en/later/index.html/notes.txt": "a folder where the new page goes"}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			w := world{root: root, dest: filepath.Join(root, "public"), outside: filepath.Join(root, "outside")}
			for p, s := range map[string]string{"secret.txt": "system file", "en/index.html": "outside", "en/about/index.html": "outside about"} {
				plantFile(t, filepath.Join(w.outside, p), s)
			}
			published := w.dest
			if c.linkDir != "" {
				published = filepath.Join(root, c.linkDir)
				plantFile(t, filepath.Join(published, "uploads/r.pdf"), "x")
				plantLink(t, published, w.dest)
			}
			build := func(fsys fs.FS, force bool) error {
				_, err := Run(context.Background(), Options{Source: fsys, Dest: w.dest, Now: testNow, GitDates: map[string]time.Time{},
					Publish: publish.Options{Force: force}})
				return err
			}
			if err := build(first, c.linkDir != ""); err != nil {
				t.Fatal(err)
			}
			foreign := c.plant(w)
			for p, s := range foreign {
				plantFile(t, filepath.Join(published, filepath.FromSlash(p)), s)
			}
			if c.linkDir != "" {
				foreign = map[string]string{"uploads/r.pdf": "x"}
			}
			outside := snapshot(t, w.outside)
			if c.force {
				before := snapshot(t, root)
				if err := build(next, false); err == nil || !strings.Contains(err.Error(), "--force") {
					t.Fatalf("without --force: %v, want a refusal naming it", err)
				}
				if after := snapshot(t, root); !maps.Equal(before, after) {
					t.Fatalf("a refused build changed:\n%s", mapDiff(before, after))
				}
			}
			if err := build(next, c.force); err != nil {
				t.Fatal(err)
			}
			if after := snapshot(t, w.outside); !maps.Equal(outside, after) {
				t.Errorf("outside the destination:\n%s", mapDiff(outside, after))
			}
			got := files(t, published)
			aside := files(t, filepath.Join(filepath.Dir(published), "."+filepath.Base(published)+".displaced"))
			for p, s := range foreign {
				if got[p] != s && aside[p] != s {
					t.Errorf("%s, not written by the build, was lost", p)
				}
			}
			site := maps.Clone(got)
			for p := range foreign {
				delete(site, p)
			}
			for p, s := range old {
				if _, ok := want[p]; !ok && c.keepsOld && site[p] == s {
					delete(site, p)
				}
			}
			if !maps.Equal(site, want) {
				t.Errorf("the published site differs from a build in memory:\n%s", mapDiff(want, site))
			}
			if c.linkDir != "" {
				if info, err := os.Lstat(w.dest); err != nil || info.Mode()&fs.ModeSymlink == 0 {
					t.Errorf("the destination link was replaced: %v, %v", info, err)
				}
			}
			entries, _ := os.ReadDir(filepath.Dir(published))
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".staging") {
					t.Errorf("%s is left beside the destination", e.Name())
				}
			}
		})
	}
}

// TestFailedBuildOnAFullDiskLeavesNothingBehind fills the disk while a
// build writes, into a new and an existing destination: the build fails
// saying so, the destination is as it was, and nothing it wrote is left.
func TestFailedBuildOnAFullDiskLeavesNothingBehind(t *testing.T) {
	site := newSite(t, pairedSite)
	changed := newSite(t, pairedSite+"-- content/about.en.md --\n---\ntitle: About\n---\nNew text.\n")
	for _, fault := range []error{syscall.ENOSPC, syscall.EDQUOT} {
		for _, existing := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v, existing %v", fault, existing), func(t *testing.T) {
				root := t.TempDir()
				dest := filepath.Join(root, "public")
				if existing {
					if err := publishTo(t, site, dest); err != nil {
						t.Fatal(err)
					}
				}
				before := snapshot(t, root)
				var n atomic.Int64
				_, err := Run(context.Background(), Options{Source: changed, Dest: dest, Now: testNow, GitDates: map[string]time.Time{},
					Publish: publish.Options{WrapWriter: func(_ string, w io.Writer) io.Writer {
						if n.Add(1) == 1 {
							return fullDisk{w, fault}
						}
						return w
					}}})
				if !errors.Is(err, fault) || !strings.Contains(err.Error(), "full") {
					t.Fatalf("build: %v, want %v saying the disk is full", err, fault)
				}
				if after := snapshot(t, root); !maps.Equal(before, after) {
					t.Errorf("a build that failed for lack of space left:\n%s", mapDiff(before, after))
				}
			})
		}
	}
}

// fullDisk writes part of what it is given and fails as a full disk does.
type fullDisk struct {
	w   io.Writer
	err error
}

func (f fullDisk) Write(b []byte) (int, error) {
	n, _ := f.w.Write(b[:len(b)/3])
	return n, f.err
}
