package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBuildToAFolderMakesTheSameFilesAsInMemory: a build to a folder keeps
// the search entries in a temporary file beside it, a build in memory in
// memory; the sites, search indexes included, are the same, and the
// temporary file is gone after the build, whether it succeeded or failed.
func TestBuildToAFolderMakesTheSameFilesAsInMemory(t *testing.T) {
	var archive strings.Builder
	for i := range 30 {
		for _, lang := range []string{"en", "ar"} {
			fmt.Fprintf(&archive, "-- content/announcements/item-%02d.%s.md --\n---\ntitle: Item %d %s\ndate: 2026-10-%02d\ncategories: [news]\n---\nText of item %d, in %s.\n", i, lang, i, lang, i%28+1, i, lang)
		}
	}
	fsys := newSite(t, archive.String())
	mem := mustBuild(t, fsys)
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if _, err := Run(context.Background(), Options{Source: fsys, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}}); err != nil {
		t.Fatal(err)
	}
	files := treeFiles(t, dest)
	if len(files) != len(mem.files) {
		t.Errorf("the folder has %d files, memory %d", len(files), len(mem.files))
	}
	for name, data := range mem.files {
		if got, ok := files[filepath.Join(dest, filepath.FromSlash(name))]; !ok || got != string(data) {
			t.Errorf("%s differs between the folder and memory (in the folder: %v)", name, ok)
		}
	}
	if index := readIndex(t, mem.files, "en"); !slices.ContainsFunc(index, func(e indexed) bool { return e.Title == "Item 29 en" && e.finds("item 29") }) {
		t.Error("the search index lacks the last item")
	}
	noTemporaryFiles(t, parent)

	fsys["content/announcements/item-00.en.md"].Data = []byte("---\ntitle: [broken\n---\n")
	if _, err := Run(context.Background(), Options{Source: fsys, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}}); err == nil {
		t.Fatal("the broken build succeeded")
	}
	noTemporaryFiles(t, parent)
}

func noTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".site-search-") {
			t.Errorf("the build left %s behind", e.Name())
		}
	}
}
