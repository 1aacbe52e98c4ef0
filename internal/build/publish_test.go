package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// treeDigest returns one line per file of dir: its path and content hash.
func treeDigest(t *testing.T, dir string) []string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %x", filepath.ToSlash(rel), sha256.Sum256(b)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return lines
}

func memDigest(files map[string][]byte) []string {
	var lines []string
	for p, b := range files {
		lines = append(lines, fmt.Sprintf("%s %x", p, sha256.Sum256(b)))
	}
	slices.Sort(lines)
	return lines
}

func publishTo(t *testing.T, fsys fs.FS, dest string) error {
	t.Helper()
	_, err := Run(context.Background(), Options{Source: fsys, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}})
	return err
}

func TestBuildIsTheSameWhateverTheScheduling(t *testing.T) {
	src := os.DirFS(repoRoot)
	dir := t.TempDir()
	prev := runtime.GOMAXPROCS(1)
	err := publishTo(t, src, filepath.Join(dir, "one"))
	runtime.GOMAXPROCS(max(8, prev))
	if err == nil {
		err = publishTo(t, src, filepath.Join(dir, "many"))
	}
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	one, many := treeDigest(t, filepath.Join(dir, "one")), treeDigest(t, filepath.Join(dir, "many"))
	if len(one) < 50 {
		t.Fatalf("only %d files built", len(one))
	}
	if !slices.Equal(one, many) {
		t.Errorf("GOMAXPROCS=1 and GOMAXPROCS=%d give different trees:\n%s", max(8, prev), diffLines(one, many))
	}
}

func TestCRLFAndBOMBuildTheSameSiteAsLF(t *testing.T) {
	lf := fstest.MapFS{}
	crlf := fstest.MapFS{}
	repo := os.DirFS(repoRoot)
	for _, dir := range []string{"content", "data", "layouts", "static"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(repo, p)
			lf[p] = &fstest.MapFile{Data: b}
			if strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".html") {
				windows := bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
				if strings.HasSuffix(p, ".md") {
					windows = append([]byte("\xEF\xBB\xBF"), windows...)
				}
				b = windows
			}
			crlf[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	a, b := mustBuild(t, lf), mustBuild(t, crlf)
	if da, db := memDigest(a.files), memDigest(b.files); !slices.Equal(da, db) {
		t.Errorf("LF and CRLF+BOM sources give different sites:\n%s", diffLines(da, db))
	}
}

func diffLines(a, b []string) string {
	var out []string
	for _, l := range a {
		if !slices.Contains(b, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 20 {
		out = append(out[:20], "...")
	}
	return strings.Join(out, "\n")
}

func TestFailedBuildLeavesPublishedSiteUntouched(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	good := newSite(t, pairedSite)
	if err := publishTo(t, good, dest); err != nil {
		t.Fatal(err)
	}
	before := treeDigest(t, dest)
	broken := map[string]string{
		"front matter": "-- content/about.en.md --\n---\ntitle: [unclosed\n---\nText.\n",
		"template":     "-- layouts/page.html --\n{{define \"main\"}}{{T \"no-such-string\"}}{{end}}\n",
		"link":         "-- content/about.en.md --\n---\ntitle: About\n---\n[x](missing.md)\n",
	}
	for name, archive := range broken {
		err := publishTo(t, newSite(t, pairedSite+archive), dest)
		if err == nil {
			t.Fatalf("%s: the broken build succeeded", name)
		}
		if after := treeDigest(t, dest); !slices.Equal(before, after) {
			t.Errorf("%s: a failed build changed the published site:\n%s", name, diffLines(before, after))
		}
	}
	var names []string
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".public.manifest", "public"}) {
		t.Errorf("beside the destination: %v, want only it and its manifest", names)
	}
	if err := publishTo(t, good, dest); err != nil {
		t.Fatal(err)
	}
	if after := treeDigest(t, dest); !slices.Equal(before, after) {
		t.Errorf("rebuilding the same site gave a different tree:\n%s", diffLines(before, after))
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("published folder mode = %v, %v; want 0755 so a web server can read it", info.Mode().Perm(), err)
	}
}

func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build := func(fsys fs.FS) *Result {
		t.Helper()
		res, err := Run(context.Background(), Options{Source: fsys, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	site := newSite(t, pairedSite)
	first := build(site)
	if first.Written != first.Files {
		t.Errorf("first build wrote %d of %d files", first.Written, first.Files)
	}
	if second := build(site); second.Written != 0 {
		t.Errorf("an unchanged rebuild wrote %d files", second.Written)
	}
	site["content/about.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nChanged text.\n")}
	delete(site, "content/only-english.en.md")
	third := build(site)
	want := mustBuild(t, site)
	index := 0 // the English search index's files, which may all change
	for f := range want.files {
		if strings.HasPrefix(f, "en/search/") && strings.HasSuffix(f, ".json") {
			index++
		}
	}
	// The page, the lists and index that show it, and the offline
	// reading worker and its list of files, which lost a page.
	if third.Written == 0 || third.Written > 7+index {
		t.Errorf("changing one page rewrote %d files of %d", third.Written, third.Files)
	}
	if got, w := treeDigest(t, dest), memDigest(want.files); !slices.Equal(got, w) {
		t.Errorf("the published tree differs from a fresh build:\n%s", diffLines(got, w))
	}
	if _, err := os.Stat(filepath.Join(dest, "en", "only-english")); !os.IsNotExist(err) {
		t.Errorf("the removed page's folder is still published: %v", err)
	}
	fourth := build(site)
	if fourth.Written != 0 {
		t.Errorf("an unchanged rebuild wrote %d files", fourth.Written)
	}
}
