package publish

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func FuzzParseManifest(f *testing.F) {
	f.Add(encodeManifest("1:3", manifest{"a/index.html": rec(4, 42, "home")}), "1:3")
	f.Add(encodeV1("1:3", manifest{"a/index.html": rec(4, 42, "home")}), "1:3")
	f.Add([]byte(manifestHeader+"folder 1:3\n4 42 "+strings.Repeat("0", 32)+" ../victim.txt\nend\n"), "1:3")
	f.Add([]byte("damaged"), "")
	f.Fuzz(func(t *testing.T, b []byte, id string) {
		m, found := decodeManifest(b, id)
		if len(found) > 0 {
			if m != nil {
				t.Fatalf("records %v read from a refused manifest", m)
			}
			lines := bytes.Count(b, []byte("\n")) + 2
			for _, f := range found {
				if f.line < 0 || f.line > lines && !bytes.HasPrefix(b, []byte(manifestHeaderV1)) || f.msg == "" {
					t.Fatalf("fault %+v of a manifest of %d lines", f, lines)
				}
			}
			return
		}
		// What is read is a set of files of the site: no path leaves
		// it, and none is a folder another is inside.
		for p, r := range m {
			if why := pathProblem(p); why != "" || r.Size < 0 {
				t.Fatalf("read the record of %q, whose path %s (size %d)", p, why, r.Size)
			}
			for q := range ancestors(p) {
				if _, ok := m[q]; ok {
					t.Fatalf("read %q as a file and %q inside it", q, p)
				}
			}
		}
		// What is read is written back as records that read the same.
		if m != nil && printable(id) && id != "" {
			if m2, found := decodeManifest(encodeManifest(id, m), id); !maps.Equal(m, m2) || found != nil {
				t.Fatalf("records %v read back as %v, %v", m, m2, found)
			}
		}
	})
}

// fuzzTime is the modification time of every file of the fuzzing world, so
// that a manifest's records can name them as unchanged (as an attacker who
// can read the folder would).
var fuzzTime = time.Unix(1_600_000_000, 0)

// fuzzSites are the site published before the fuzzed manifest is planted,
// and the site published after.
var fuzzSites = [2]map[string]string{{
	"index.html":        "home",
	"en/index.html":     "english",
	"en/old.html":       "old english",
	"ar/x.html":         "عربي",
	"ar/old/index.html": "قديم",
}, {
	"index.html":    "home, changed",
	"en/index.html": "english",
	"ar/x.html":     "عربي",
	"new/page.html": "new",
}}

// fuzzWorld makes, in root, a published site at site/public, whose folder
// ar has been moved to outside/ar and replaced by a link to it, with a link
// lnk to outside, and files beside it and above it: the manifest's
// records may aim at any of them, and every file has the time fuzzTime.
func fuzzWorld(t *testing.T, root string) (dest string) {
	dest = filepath.Join(root, "site", "public")
	for p, s := range map[string]string{
		"site/victim.txt":     "the victim",
		"site/content/a.md":   "the source",
		"somewhere/v2.txt":    "the second victim",
		"outside/victim.txt":  "outside victim",
		"outside/en/old.html": "old english",
	} {
		write(t, filepath.Join(root, filepath.FromSlash(p)), s)
	}
	if _, _, err := publishWith(t, dest, fuzzSites[0], Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dest, "ar"), filepath.Join(root, "outside", "ar")); err != nil {
		t.Fatal(err)
	}
	link(t, filepath.Join(root, "outside", "ar"), filepath.Join(dest, "ar"))
	link(t, "../../outside", filepath.Join(dest, "lnk"))
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			err = os.Chtimes(p, fuzzTime, fuzzTime)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dest
}

// fillIn makes a fuzzed manifest speak of the world: {id} becomes the
// destination folder's name in manifests (in a manifest of version 1, as
// a folder's name), {root} the world's path.
func fillIn(b []byte, id, root string) []byte {
	if !bytes.HasPrefix(b, []byte(manifestHeaderV1)) {
		b = bytes.ReplaceAll(b, []byte("{id}"), []byte(id))
		return bytes.ReplaceAll(b, []byte("{root}"), []byte(filepath.ToSlash(root)))
	}
	out := []byte(manifestHeaderV1)
	rest := b[len(manifestHeaderV1):]
	for len(rest) > 0 {
		name, after, err1 := cutBytes(rest)
		body, after, err2 := cutBytes(after)
		if err1 != nil || err2 != nil {
			return append(out, rest...)
		}
		if string(name) == "{id}" {
			name = []byte(id)
		}
		out = appendBytes(appendBytes(out, name), body)
		rest = after
	}
	return out
}

// FuzzApplyManifest plants a fuzzed manifest beside a published site and
// publishes the next version of the site, with or without --force: nothing
// outside the destination may change, and a refused manifest changes
// nothing at all.
func FuzzApplyManifest(f *testing.F) {
	// The records of the first site as it was published, then one that
	// aims at the file above the destination.
	good := manifest{}
	for p, s := range fuzzSites[0] {
		good[p] = rec(int64(len(s)), fuzzTime.UnixNano(), s)
	}
	text := string(encodeManifest("{id}", good))
	f.Add([]byte(text), false)
	attack := strings.Replace(text, "end\n", "10 1600000000000000000 "+strings.Repeat("0", 32)+" ../victim.txt\nend\n", 1)
	f.Add([]byte(attack), false)
	f.Add([]byte(attack), true)
	f.Fuzz(func(t *testing.T, b []byte, force bool) {
		root := t.TempDir()
		dest := fuzzWorld(t, root)
		dir, err := openFolder(filepath.Dir(dest))
		if err != nil {
			t.Fatal(err)
		}
		d, err := dir.sub("public")
		if err != nil {
			t.Fatal(err)
		}
		id := d.id()
		d.close()
		dir.close()
		if err := os.WriteFile(filepath.Join(root, "site", ".public.manifest"), fillIn(b, id, root), 0o644); err != nil {
			t.Fatal(err)
		}
		before := tree(t, root)
		_, _, err = publishWith(t, dest, fuzzSites[1], Options{Force: force})
		after := tree(t, root)
		if bad := (*badManifest)(nil); errors.As(err, &bad) {
			if force {
				t.Fatalf("--force did not set the manifest aside: %v", err)
			}
			if !maps.Equal(before, after) {
				t.Fatalf("a refused manifest changed:\n%s", diffMaps(before, after))
			}
			return
		}
		for _, m := range []map[string]string{before, after} {
			maps.DeleteFunc(m, func(p, _ string) bool {
				return strings.HasPrefix(p, "site/public/") || strings.HasPrefix(p, "site/.public.")
			})
		}
		if !maps.Equal(before, after) {
			t.Fatalf("outside the destination (publish: %v):\n%s", err, diffMaps(before, after))
		}
		if err == nil {
			if got := slices.Sorted(maps.Keys(contents(t, dest))); !slices.Equal(got, sortedPaths(fuzzSites[1], got)) {
				t.Errorf("published %v, want the site's files among them", got)
			}
		}
	})
}

// sortedPaths is the site's paths and those of got that the site does not
// have (kept as foreign, or as changed by hand), sorted.
func sortedPaths(site map[string]string, got []string) []string {
	all := slices.Collect(maps.Keys(site))
	for _, p := range got {
		if _, ok := site[p]; !ok {
			all = append(all, p)
		}
	}
	slices.Sort(all)
	return slices.Compact(all)
}
