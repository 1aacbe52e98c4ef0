package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
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
	if !slices.Equal(names, []string{".public.manifest", ".public.previous", "public"}) {
		t.Errorf("beside the destination: %v, want only it, its manifest and its staging folder", names)
	}
	// A good build replaces the tree as a whole: stale files go.
	if err := os.WriteFile(filepath.Join(dest, "stale.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
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

func TestDestinationsThatMustNeverBeReplaced(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	for _, d := range []string{"content", "data", "layouts", "static"} {
		if err := os.MkdirAll(filepath.Join(src, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	gitRepo := filepath.Join(root, "repo")
	notSite := filepath.Join(root, "documents")
	for _, d := range []string{filepath.Join(gitRepo, ".git"), notSite} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(notSite, "thesis.docx"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	cwd, _ := os.Getwd()
	cases := map[string]string{
		"the current folder":     cwd,
		"dot":                    ".",
		"the root":               "/",
		"the source":             src,
		"a parent of the source": root,
		"inside content":         filepath.Join(src, "content", "out"),
		"a git work tree":        gitRepo,
		"a folder of documents":  notSite,
	}
	for name, dest := range cases {
		if err := CheckDest(src, dest); err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("%s (%s): err = %v, want a refusal", name, dest, err)
		}
	}
	for _, ok := range []string{filepath.Join(src, "public"), filepath.Join(root, "out")} {
		if err := CheckDest(src, ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(notSite, "thesis.docx")); err != nil || string(b) != "precious" {
		t.Error("a refused destination was touched")
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
	build(site) // the staging folder now holds the first build
	site["content/about.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nChanged text.\n")}
	delete(site, "content/only-english.en.md")
	third := build(site)
	if third.Written == 0 || third.Written > 5 {
		t.Errorf("changing one page rewrote %d files of %d", third.Written, third.Files)
	}
	want := mustBuild(t, site)
	if got, w := treeDigest(t, dest), memDigest(want.files); !slices.Equal(got, w) {
		t.Errorf("the published tree differs from a fresh build:\n%s", diffLines(got, w))
	}
	if _, err := os.Stat(filepath.Join(dest, "en", "only-english")); !os.IsNotExist(err) {
		t.Errorf("the removed page's folder is still published: %v", err)
	}
	// The staging folder holds the previous site: a fourth build that
	// changes nothing writes only what differs from it.
	fourth := build(site)
	if fourth.Written > 5 {
		t.Errorf("an unchanged rebuild wrote %d files", fourth.Written)
	}
}

// publishFiles publishes files to dest through a staging folder, checks
// that dest then holds exactly them, and returns the staging folder.
func publishFiles(t *testing.T, dest string, files map[string][]byte) *staging {
	t.Helper()
	s, err := openStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := s.Write(p, files[p]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.publish(); err != nil {
		t.Fatal(err)
	}
	if got, want := treeDigest(t, dest), memDigest(files); !slices.Equal(got, want) {
		t.Fatalf("published:\n%s", diffLines(got, want))
	}
	return s
}

// TestFilesAndFoldersChangePlaces publishes sites where a file of one
// stands where the other has a folder, through both folders the
// destination alternates between, fresh and reused.
func TestFilesAndFoldersChangePlaces(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	a := map[string][]byte{"x/index.html": []byte("x folder"), "y": []byte("y file"), "z/deep/index.html": []byte("z")}
	b := map[string][]byte{"x": []byte("x file"), "y/index.html": []byte("y folder"), "z": []byte("z file")}
	for _, files := range []map[string][]byte{a, b, a, b, b, a, a} {
		publishFiles(t, dest, files)
	}
}

// TestManifestSavesReadingBackAndTrustsNothingChanged publishes the same
// files again and again: once each folder's files are in the manifest, a
// build compares none of them by reading, and a file changed by hand in the
// staging folder, a file added there, or a damaged manifest still give
// exactly the new site.
func TestManifestSavesReadingBackAndTrustsNothingChanged(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	files := map[string][]byte{"index.html": []byte("home"), "en/a/index.html": []byte("page a"), "en/b/index.html": []byte("page b")}
	publish := func() *staging { t.Helper(); return publishFiles(t, dest, files) }
	publish()
	publish() // both folders now hold the site, and the manifest knows both
	if s := publish(); s.readBack != 0 || s.written != 0 {
		t.Errorf("with a manifest: %d files read back and %d written, want none", s.readBack, s.written)
	}
	staging, _ := StagingDir(dest)
	later := time.Now().Add(time.Second) // an edit made after the build
	edit := func(p, text string) {
		full := filepath.Join(staging, filepath.FromSlash(p))
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(full, later, later); err != nil {
			t.Fatal(err)
		}
	}
	edit("en/a/index.html", "page X") // same size, other bytes
	edit("stray.html", "not part of the site")
	if s := publish(); s.written != 1 {
		t.Errorf("after a hand edit in the staging folder: %d files written, want 1", s.written)
	}
	edit("en/b/index.html", "page Y")
	if err := os.WriteFile(filepath.Join(dir, ".public.manifest"), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := publish(); s.written != 1 || s.readBack != 3 {
		t.Errorf("with a damaged manifest: %d written and %d read back, want 1 and 3", s.written, s.readBack)
	}
}

func TestTwoBuildsCannotPublishToOneFolderAtOnce(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := openStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if _, err := openStaging(dest); err == nil || !strings.Contains(err.Error(), "another build") {
		t.Errorf("second staging: %v, want refused", err)
	}
}
