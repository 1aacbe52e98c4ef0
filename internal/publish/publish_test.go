package publish

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// tree describes everything under dir, links not followed: a folder as
// "path/", a file as its path, mode, bytes and modification time, a link as
// its path and target.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
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
			out[rel] = fmt.Sprintf("%v %q %d", info.Mode(), b, info.ModTime().UnixNano())
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// siteFiles returns the files of dest that a site of the given paths has,
// path to bytes, ignoring everything else.
func contents(t *testing.T, dest string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		if d.Type()&fs.ModeSymlink != 0 {
			out[filepath.ToSlash(rel)] = "(link)"
			return nil
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffMaps(a, b map[string]string) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if v, ok := b[k]; !ok {
			out = append(out, fmt.Sprintf("- %s %s", k, a[k]))
		} else if v != a[k] {
			out = append(out, fmt.Sprintf("~ %s %s -> %s", k, a[k], v))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			out = append(out, fmt.Sprintf("+ %s %s", k, b[k]))
		}
	}
	return strings.Join(out, "\n")
}

// publishWith publishes files to dest and returns the transaction (closed)
// and what it did.
func publishWith(t *testing.T, dest string, files map[string]string, opts Options) (*Tx, *Changes, error) {
	t.Helper()
	tx, err := Begin(dest, opts)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Close()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := tx.Write(p, []byte(files[p])); err != nil {
			return tx, nil, err
		}
	}
	ch, err := tx.Commit()
	return tx, ch, err
}

// mustPublish publishes files to dest and checks that dest then holds
// them, and besides them exactly the files in also.
func mustPublish(t *testing.T, dest string, files map[string]string, also map[string]string) (*Tx, *Changes) {
	t.Helper()
	tx, ch, err := publishWith(t, dest, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := maps.Clone(files)
	maps.Copy(want, also)
	if got := contents(t, dest); !maps.Equal(got, want) {
		t.Fatalf("published:\n%s", diffMaps(want, got))
	}
	return tx, ch
}

// TestFilesAndFoldersChangePlaces publishes sites where a file of one
// stands where the other has a folder, over and over, to a new and to an
// existing destination.
func TestFilesAndFoldersChangePlaces(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	a := map[string]string{"x/index.html": "x folder", "y": "y file", "z/deep/index.html": "z", "w/a/b": "w"}
	b := map[string]string{"x": "x file", "y/index.html": "y folder", "z": "z file", "w/a": "w"}
	for _, files := range []map[string]string{a, b, a, b, b, a, a} {
		mustPublish(t, dest, files, nil)
	}
	names, _ := os.ReadDir(filepath.Dir(dest))
	if len(names) != 2 {
		t.Errorf("beside the destination: %v, want only it and its manifest", names)
	}
}

// TestManifestSavesReadingBackAndTrustsNothingChanged publishes the same
// files again and again: once the manifest has them, a build compares none
// by reading, and a file changed by hand is written again.
func TestManifestSavesReadingBackAndTrustsNothingChanged(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	files := map[string]string{"index.html": "home", "en/a/index.html": "page a", "en/b/index.html": "page b"}
	publish := func(also map[string]string) *Tx { t.Helper(); tx, _ := mustPublish(t, dest, files, also); return tx }
	if tx := publish(nil); tx.Written() != 3 {
		t.Errorf("first build wrote %d files, want 3", tx.Written())
	}
	if tx := publish(nil); tx.ReadBack() != 0 || tx.Written() != 0 {
		t.Errorf("with a manifest: %d files read back and %d written, want none", tx.ReadBack(), tx.Written())
	}
	later := time.Now().Add(time.Second) // an edit made after the build
	edit := func(p, text string) {
		full := filepath.Join(dest, filepath.FromSlash(p))
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(full, later, later); err != nil {
			t.Fatal(err)
		}
	}
	edit("en/a/index.html", "page X") // same size, other bytes
	edit("stray.html", "not part of the site")
	stray := map[string]string{"stray.html": "not part of the site"}
	if tx := publish(stray); tx.Written() != 1 {
		t.Errorf("after a hand edit: %d files written, want 1", tx.Written())
	}
	// Without a manifest the folder is not known to be the builder's.
	if err := os.WriteFile(filepath.Join(dir, ".public.manifest"), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := publishWith(t, dest, files, Options{}); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("with a damaged manifest: %v, want a refusal that names --force", err)
	}
	// Taken over, the files that hold the site's bytes are adopted.
	tx, ch, err := publishWith(t, dest, files, Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if tx.Written() != 0 || tx.ReadBack() != 3 || len(ch.Displaced) != 0 {
		t.Errorf("taken over: %d written, %d read back, %v displaced; want 0, 3, none", tx.Written(), tx.ReadBack(), ch.Displaced)
	}
	if tx := publish(stray); tx.ReadBack() != 0 || tx.Written() != 0 {
		t.Errorf("after the take-over: %d read back, %d written", tx.ReadBack(), tx.Written())
	}
}

func TestTwoBuildsCannotPublishToOneFolderAtOnce(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(dest, Options{}); err == nil || !strings.Contains(err.Error(), "another build") {
		t.Errorf("second publish: %v, want refused", err)
	}
	tx.Close()
	tx, err = Begin(dest, Options{})
	if err != nil {
		t.Fatalf("once the first is done: %v", err)
	}
	tx.Close()
}

// TestHashIsTheSiteNotTheFolder hashes what a build published, whatever
// else is in the destination, the same as the files held in memory.
func TestHashIsTheSiteNotTheFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "home", "ar/index.html": "عربي"}
	mem := map[string][]byte{}
	for p, s := range files {
		mem[p] = []byte(s)
	}
	tx, _ := mustPublish(t, dest, files, nil)
	if err := os.WriteFile(filepath.Join(dest, "extra.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tx2, _ := mustPublish(t, dest, files, map[string]string{"extra.html": "x"})
	if tx.Hash() != HashFiles(mem) || tx2.Hash() != tx.Hash() {
		t.Errorf("hashes %s, %s; want %s", tx.Hash(), tx2.Hash(), HashFiles(mem))
	}
	mem["index.html"] = []byte("home!")
	if HashFiles(mem) == tx.Hash() {
		t.Error("the hash did not change with the bytes")
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
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(root, "dangling")
	if err := os.Symlink(filepath.Join(root, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	toSource := filepath.Join(root, "to-source")
	if err := os.Symlink(src, toSource); err != nil {
		t.Fatal(err)
	}
	cwd, _ := os.Getwd()
	cases := map[string]string{
		"the current folder":        cwd,
		"dot":                       ".",
		"the root":                  "/",
		"the source":                src,
		"a parent of the source":    root,
		"inside content":            filepath.Join(src, "content", "out"),
		"a git work tree":           gitRepo,
		"a folder of documents":     notSite,
		"a file":                    file,
		"a link to nothing":         dangling,
		"a link to the source":      toSource,
		"inside a link to data":     filepath.Join(toSource, "data", "x"),
		"a git work tree, --force":  gitRepo,
		"a link to nothing, forced": dangling,
	}
	for name, dest := range cases {
		force := strings.Contains(name, "force")
		if err := Check(src, dest, force); err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("%s (%s): err = %v, want a refusal", name, dest, err)
		}
	}
	// Begin refuses what does not need the source to tell.
	before := tree(t, root)
	for _, dest := range []string{notSite, file, dangling} {
		if tx, err := Begin(dest, Options{}); err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("Begin(%s): %v, want a refusal", dest, err)
			if tx != nil {
				tx.Close()
			}
		}
	}
	if after := tree(t, root); !maps.Equal(before, after) {
		t.Errorf("a refused publish changed:\n%s", diffMaps(before, after))
	}
	for _, ok := range []string{filepath.Join(src, "public"), filepath.Join(root, "out")} {
		if err := Check(src, ok, false); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	if err := Check(src, notSite, true); err != nil {
		t.Errorf("a folder of documents with --force: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(notSite, "thesis.docx")); err != nil || string(b) != "precious" {
		t.Error("a refused destination was touched")
	}
	if _, err := os.Lstat(filepath.Join(root, "nowhere")); !os.IsNotExist(err) {
		t.Error("a link to nothing was followed")
	}
}

// TestWritesFromManyGoroutinesAtOnce publishes a site written from many
// goroutines, each reading back what it wrote, into a new destination and
// over it, as the build's renders do.
func TestWritesFromManyGoroutinesAtOnce(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	site := func(v string) map[string]string {
		files := map[string]string{}
		for i := range 300 {
			files[fmt.Sprintf("%s/%d/index.html", []string{"ar", "en", "fr"}[i%3], i/3)] = fmt.Sprint(v, i%7)
		}
		return files
	}
	for _, v := range []string{"a", "a", "b", "a"} {
		files := site(v)
		tx, err := Begin(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var g errgroup.Group
		g.SetLimit(8)
		for p, s := range files {
			g.Go(func() error {
				if err := tx.Write(p, []byte(s)); err != nil {
					return err
				}
				if b, ok := tx.Read(p); !ok || string(b) != s {
					return fmt.Errorf("%s read back as %q, %v", p, b, ok)
				}
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		tx.Close()
		if got := contents(t, dest); !maps.Equal(got, files) {
			t.Fatalf("published:\n%s", diffMaps(files, got))
		}
	}
}

func TestWriteRefusesPathsOutsideTheSite(t *testing.T) {
	w := newWorld(t)
	tx, err := Begin(w.dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	for _, p := range []string{"", ".", "..", "../outside/secret.txt", "/etc/passwd", "a/../../b", "a//b", "a/", "./a", `..\a`} {
		if err := tx.Write(p, []byte("x")); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
	if tx.Written() != 0 {
		t.Errorf("%d files written", tx.Written())
	}
}
