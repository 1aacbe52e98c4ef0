package publish

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/diag"
)

// hostileWorld is a published site at root/site/public with files beside
// it and above it that a manifest may try to have removed: root/site/
// victim.txt is "../victim.txt" from the destination, root/somewhere/
// v2.txt is "../../somewhere/v2.txt", and root/outside holds what links
// planted in the destination point to.
type hostileWorld struct {
	root, dest, manifest string
}

func newHostileWorld(t *testing.T) hostileWorld {
	t.Helper()
	root := t.TempDir()
	w := hostileWorld{root: root, dest: filepath.Join(root, "site", "public"), manifest: filepath.Join(root, "site", ".public.manifest")}
	for p, s := range map[string]string{
		"site/victim.txt":            "the victim",
		"somewhere/v2.txt":           "the second victim",
		"outside/en/old.html":        "outside, as en/old.html",
		"outside/en/index.html":      "outside, as en/index.html",
		"outside/victim.txt":         "outside victim",
		"outside/ar/old/index.html":  "قديم",
		"site/content/about.en.md":   "the source",
		"site/public-other/keep.txt": "a folder beside the destination",
	} {
		write(t, filepath.Join(root, filepath.FromSlash(p)), s)
	}
	mustPublish(t, w.dest, linkSite, nil)
	return w
}

// stat is the record a manifest would need for the file at p to be taken
// for the build's own, unchanged: its size and time.
func (w hostileWorld) stat(t *testing.T, p string) fileRecord {
	t.Helper()
	info, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fileRecord{Size: info.Size(), MTime: info.ModTime().UnixNano()}
}

// plant replaces the manifest with the records the last build wrote and
// then extra, in version 2 or 1, naming the destination's folder.
func (w hostileWorld) plant(t *testing.T, v1 bool, extra []record) {
	t.Helper()
	dir, err := openFolder(filepath.Dir(w.dest))
	if err != nil {
		t.Fatal(err)
	}
	defer dir.close()
	d, err := dir.sub("public")
	if err != nil {
		t.Fatal(err)
	}
	id := d.id()
	d.close()
	m, err := readManifest(dir, ".public.manifest", "m", id)
	if err != nil || m == nil {
		t.Fatalf("the build's manifest: %v, %v", m, err)
	}
	var recs []record
	for p, r := range m {
		recs = append(recs, record{path: p, rec: r})
	}
	recs = append(recs, extra...)
	var b []byte
	if v1 {
		var body []byte
		for _, e := range recs {
			body = appendBytes(body, []byte(e.path))
			body = binary.LittleEndian.AppendUint64(body, uint64(e.rec.Size))
			body = binary.LittleEndian.AppendUint64(body, uint64(e.rec.MTime))
			body = append(body, e.rec.Sum[:]...)
		}
		b = appendBytes(appendBytes([]byte(manifestHeaderV1), []byte(id)), body)
	} else {
		s := manifestHeader + "folder " + id + "\n"
		for _, e := range recs {
			s += fmt.Sprintf("%d %d %x %s\n", e.rec.Size, e.rec.MTime, e.rec.Sum, e.path)
		}
		b = []byte(s + manifestEnd + "\n")
	}
	if err := os.WriteFile(w.manifest, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// outside is the tree around the destination, the destination, its
// manifest and its staging and displaced folders left out.
func (w hostileWorld) outside(t *testing.T) map[string]string {
	t.Helper()
	out := tree(t, w.root)
	for p := range out {
		for _, ours := range []string{"site/public/", "site/.public."} {
			if strings.HasPrefix(p, ours) {
				delete(out, p)
			}
		}
	}
	return out
}

// next is the site the build after the attack publishes: it no longer has
// some of the files, so that the manifest's records are used to remove
// stale ones.
func nextSite() map[string]string {
	next := maps.Clone(linkSite)
	delete(next, "ar/old/index.html")
	delete(next, "sub/deeper/feed.xml")
	next["en/new.html"] = "new"
	return next
}

// TestHostileManifestIsRefusedAndRemovesNothing plants manifests whose
// records lead out of the destination (each with the size and time of the
// file it aims at, as an attacker would write them) or that no build
// writes, in both versions of the format: the publish is refused with the
// manifest's path and the line of the record, and nothing anywhere
// changes; with --force the manifest is set aside and nothing outside the
// destination changes.
func TestHostileManifestIsRefusedAndRemovesNothing(t *testing.T) {
	type aim struct{ path, at string } // a record's path, and the file it aims at (from root)
	cases := []struct {
		name string
		recs []aim
		want string
	}{
		{"up one", []aim{{"../victim.txt", "site/victim.txt"}}, `".." element`},
		{"up two", []aim{{"../../somewhere/v2.txt", "somewhere/v2.txt"}}, `".." element`},
		{"down then up", []aim{{"en/../../victim.txt", "site/victim.txt"}}, `".." element`},
		{"down twice then up", []aim{{"en/news/../../../victim.txt", "site/victim.txt"}}, `".." element`},
		{"dot then up", []aim{{"./../victim.txt", "site/victim.txt"}}, `"." element`},
		{"empty element then up", []aim{{"en//../../victim.txt", "site/victim.txt"}}, "empty element"},
		{"up into a folder beside", []aim{{"../public-other/keep.txt", "site/public-other/keep.txt"}}, `".." element`},
		{"up into the source", []aim{{"../content/about.en.md", "site/content/about.en.md"}}, `".." element`},
		{"up and back into the site", []aim{{"../public/index.html", "site/public/index.html"}}, `".." element`},
		{"absolute", []aim{{"{root}/site/victim.txt", "site/victim.txt"}}, "absolute path"},
		{"NUL at the end", []aim{{"../victim.txt\x00", "site/victim.txt"}}, "U+0000"},
		{"NUL element", []aim{{"\x00/../../victim.txt", "site/victim.txt"}}, "U+0000"},
		{"backslash", []aim{{`..\victim.txt`, "site/victim.txt"}}, "backslash"},
		{"trailing slash", []aim{{"en/", "site/public/en"}}, "ends in /"},
		{"a record twice", []aim{{"robots.txt", "site/public/robots.txt"}}, "repeats that of line"},
		{"a record for a folder", []aim{{"en/news", "site/public/en/news"}}, `"en/news" is of a file, yet line`},
		{"a record for the destination", []aim{{".", "site/public"}}, `"." element`},
		{"an escape among good records", []aim{{"zz.html", "site/public/index.html"}, {"../victim.txt", "site/victim.txt"}, {"zzz.html", "site/public/robots.txt"}}, `".." element`},
	}
	for _, c := range cases {
		for _, v1 := range []bool{false, true} {
			name := c.name + " v2"
			if v1 {
				name = c.name + " v1"
			}
			t.Run(name, func(t *testing.T) {
				w := newHostileWorld(t)
				var extra []record
				for _, a := range c.recs {
					e := record{path: strings.ReplaceAll(a.path, "{root}", filepath.ToSlash(w.root))}
					e.rec = w.stat(t, filepath.Join(w.root, filepath.FromSlash(a.at)))
					extra = append(extra, e)
				}
				w.plant(t, v1, extra)
				w.refusedThenForced(t, c.want)
			})
		}
	}
}

// refusedThenForced publishes the next site beside the planted manifest:
// it must be refused with the manifest's path, a line and want, change
// nothing anywhere, and be refused by Diff and Check too; with --force it
// must be published, say the manifest was set aside, change nothing
// outside the destination, and leave a manifest the next build reads.
func (w hostileWorld) refusedThenForced(t *testing.T, want string) {
	t.Helper()
	before := tree(t, w.root)
	_, _, err := publishWith(t, w.dest, nextSite(), Options{})
	var bad *badManifest
	if !errors.As(err, &bad) {
		t.Fatalf("published with a hostile manifest: %v", err)
	}
	var d *diag.Error
	if first := diag.Flatten(err)[0]; !errors.As(first, &d) || d.Path != w.manifest || d.Line < 3 || !strings.Contains(d.Msg, want) {
		t.Errorf("refused with %v; want %s:LINE: ...%s...", err, w.manifest, want)
	}
	if after := tree(t, w.root); !maps.Equal(before, after) {
		t.Fatalf("a refused publish changed:\n%s", diffMaps(before, after))
	}
	// The dry run and the check before a build say the same.
	if _, err := Diff(w.dest, bytesOf(nextSite()), Options{}); !errors.As(err, &bad) {
		t.Errorf("Diff: %v, want the refusal", err)
	}
	if err := Check("", w.dest, false); !errors.As(err, &bad) {
		t.Errorf("Check: %v, want the refusal", err)
	}
	// --force sets it aside: the site is published, and
	// nothing outside the destination changes.
	outside := w.outside(t)
	_, ch, err := publishWith(t, w.dest, nextSite(), Options{Force: true})
	if err != nil {
		t.Fatalf("--force: %v", err)
	}
	if len(ch.Notes) == 0 || !strings.HasPrefix(ch.Notes[0], w.manifest+":") || !strings.Contains(ch.Notes[0], "set aside (--force)") {
		t.Errorf("--force does not say it set the manifest aside: %q", ch.Notes)
	}
	if after := w.outside(t); !maps.Equal(outside, after) {
		t.Errorf("--force changed, outside the destination:\n%s", diffMaps(outside, after))
	}
	// And the manifest it wrote is one the next build reads.
	if _, _, err := publishWith(t, w.dest, nextSite(), Options{}); err != nil {
		t.Errorf("the build after --force: %v", err)
	}
}

// TestManifestGarbageIsRefused plants manifests that are not made of
// records: garbage, overlong lines, a cut, another format.
func TestManifestGarbageIsRefused(t *testing.T) {
	for name, c := range map[string]struct {
		text func(good string) string
		line int
	}{
		"garbage line":       {func(g string) string { return strings.Replace(g, "end\n", "rm -rf ../victim.txt\nend\n", 1) }, -1},
		"overlong line":      {func(g string) string { return strings.Replace(g, "end\n", strings.Repeat("9", 1<<20)+"\nend\n", 1) }, -1},
		"cut short":          {func(g string) string { return g[:len(g)-10] }, -2},
		"random bytes":       {func(string) string { return "\x89PNG\r\n\x1a\n\x00\x00" }, 1},
		"empty":              {func(string) string { return "" }, 1},
		"a later version":    {func(g string) string { return strings.Replace(g, "manifest 2", "manifest 9", 1) }, 1},
		"CRLF line ends":     {func(g string) string { return strings.ReplaceAll(g, "\n", "\r\n") }, 1},
		"folder line broken": {func(g string) string { return strings.Replace(g, "folder ", "folder\t", 1) }, 2},
	} {
		t.Run(name, func(t *testing.T) {
			w := newHostileWorld(t)
			good, err := os.ReadFile(w.manifest)
			if err != nil {
				t.Fatal(err)
			}
			text := c.text(string(good))
			if err := os.WriteFile(w.manifest, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			line := c.line
			if line < 0 { // counted from the end line, -1
				line += 1 + strings.Count(string(good), "\n")
			}
			before := tree(t, w.root)
			_, _, err = publishWith(t, w.dest, nextSite(), Options{})
			if !strings.HasPrefix(fmt.Sprint(err), fmt.Sprintf("%s:%d: ", w.manifest, line)) {
				t.Errorf("refused with %v; want it at line %d", err, line)
			}
			if after := tree(t, w.root); !maps.Equal(before, after) {
				t.Errorf("a refused publish changed:\n%s", diffMaps(before, after))
			}
		})
	}
}

// TestRemovalNeverLeavesTheDestination asks the steps that remove files
// for paths no manifest can now hold: they refuse them rather than
// go up, and a folder check ends.
func TestRemovalNeverLeavesTheDestination(t *testing.T) {
	w := newHostileWorld(t)
	before := w.outside(t)
	tx, err := Begin(w.dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	c := &cursor{t: tx, root: tx.dest}
	defer c.close()
	for _, p := range []string{"../victim.txt", "en/../../victim.txt", "/victim.txt", "en//x", "./x", `..\victim.txt`} {
		if err := tx.removeAt(c, p); err == nil {
			t.Errorf("removeAt(%q) succeeded", p)
		}
		if tx.folderOK(p) {
			t.Errorf("folderOK(%q)", p)
		}
	}
	for _, d := range []string{"/", "..", "en/..", "../.."} {
		if tx.folderOK(d) {
			t.Errorf("folderOK(%q)", d)
		}
		if err := tx.rmdirAll(c, d); err == nil {
			t.Errorf("rmdirAll(%q) succeeded", d)
		}
	}
	if after := w.outside(t); !maps.Equal(before, after) {
		t.Errorf("outside the destination:\n%s", diffMaps(before, after))
	}
}

// TestHugeManifestIsRefusedUnread plants a manifest larger than any build
// writes (sparse: it takes no room): it is refused without being read.
func TestHugeManifestIsRefusedUnread(t *testing.T) {
	w := newHostileWorld(t)
	if err := os.Truncate(w.manifest, maxManifest+1); err != nil {
		t.Fatal(err)
	}
	before := tree(t, filepath.Join(w.root, "somewhere"))
	_, _, err := publishWith(t, w.dest, nextSite(), Options{})
	if want := w.manifest + ": the manifest is larger than"; !strings.HasPrefix(fmt.Sprint(err), want) {
		t.Errorf("refused with %v, want %q", err, want)
	}
	if after := tree(t, filepath.Join(w.root, "somewhere")); !maps.Equal(before, after) {
		t.Errorf("changed:\n%s", diffMaps(before, after))
	}
}
