package main

import (
	bin "encoding/binary"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// snapshot describes everything under dir, links not followed: each
// folder, each file with its mode, bytes and time, each link with its
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
		switch {
		case err != nil:
			return err
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

func changes(before, after map[string]string) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(before)) {
		if v, ok := after[k]; !ok || v != before[k] {
			out = append(out, "- "+k+" "+before[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(after)) {
		if v, ok := before[k]; !ok || v != after[k] {
			out = append(out, "+ "+k+" "+after[k])
		}
	}
	return strings.Join(out, "\n")
}

// manifestRecord is the line of a record aiming at the file at, with its
// size and time, as an attacker who can read the folder would write it.
func manifestRecord(t *testing.T, p, at string) (line string, size, mtime int64) {
	t.Helper()
	info, err := os.Lstat(at)
	if err != nil {
		t.Fatal(err)
	}
	size, mtime = info.Size(), info.ModTime().UnixNano()
	return fmt.Sprintf("%d %d %s %s", size, mtime, strings.Repeat("0", 32), p), size, mtime
}

// TestBuildRefusesAHostileManifestAndRemovesNothing builds the office site
// into a folder, then plants manifests whose records lead out of it, in
// the format of this version and of the last: site build stops with the
// manifest's path and the line of the record, exit 1, and nothing changes
// anywhere; --force sets the manifest aside and changes nothing outside
// the destination.
func TestBuildRefusesAHostileManifestAndRemovesNothing(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796500000")
	site := copySite(t)
	root := t.TempDir()
	dest := filepath.Join(root, "a", "public")
	manifest := filepath.Join(root, "a", ".public.manifest")
	for p, s := range map[string]string{"a/victim.txt": "the victim", "somewhere/v2.txt": "the second victim", "a/other/keep.txt": "kept"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, errOut, err := runSite("build", "-s", site, "-d", dest); err != nil {
		t.Fatalf("build: %v\n%s", err, errOut)
	}
	good, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(good), "\nend\n"), "\n")
	id, ok := strings.CutPrefix(lines[1], "folder ")
	if !ok {
		t.Fatalf("the manifest's second line is %q", lines[1])
	}
	victim := filepath.Join(root, "a", "victim.txt")
	for i, c := range []struct{ name, path, at string }{
		{"up one", "../victim.txt", victim},
		{"up two", "../../somewhere/v2.txt", filepath.Join(root, "somewhere", "v2.txt")},
		{"down then up", "en/../../victim.txt", victim},
		{"up into a folder beside", "../other/keep.txt", filepath.Join(root, "a", "other", "keep.txt")},
		{"absolute", filepath.ToSlash(victim), victim},
		{"NUL", "../victim.txt\x00", victim},
		{"NUL element", "\x00/../../victim.txt", victim},
		{"a record for a folder", "en", filepath.Join(dest, "en")},
		{"a record twice", "robots.txt", filepath.Join(dest, "robots.txt")},
	} {
		// The last version's format too for the first three, the records
		// the attack was found with (each case costs a build, a second).
		formats := []bool{false}
		if i < 3 {
			formats = append(formats, true)
		}
		for _, v1 := range formats {
			t.Run(c.name+map[bool]string{false: " v2", true: " v1"}[v1], func(t *testing.T) {
				rec, size, mtime := manifestRecord(t, c.path, c.at)
				text := strings.Join(append(slices.Clone(lines), rec, "end"), "\n") + "\n"
				line := len(lines) + 1
				if v1 {
					text = string(manifestV1(t, id, lines[2:], c.path, size, mtime))
				}
				if err := os.WriteFile(manifest, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				before := snapshot(t, root)
				for _, args := range [][]string{{}, {"--dry-run"}} {
					_, errOut, err := runSite(append([]string{"build", "-s", site, "-d", dest}, args...)...)
					at := fmt.Sprintf("%s:%d: ", manifest, line)
					if err == nil || !strings.Contains(errOut+fmt.Sprint(err), at) || !strings.Contains(errOut+fmt.Sprint(err), "--force") {
						t.Errorf("build %v with a hostile manifest: %v\n%s\nwant an error at %s", args, err, errOut, at)
					}
				}
				if after := snapshot(t, root); !maps.Equal(before, after) {
					t.Fatalf("a refused build changed:\n%s", changes(before, after))
				}
				_, errOut, err := runSite("build", "-s", site, "-d", dest, "--force")
				if err != nil || !strings.Contains(errOut, manifest+":") || !strings.Contains(errOut, "set aside (--force)") {
					t.Errorf("--force: %v\n%s\nwant it to say the manifest was set aside", err, errOut)
				}
				after := snapshot(t, root)
				for _, m := range []map[string]string{before, after} {
					maps.DeleteFunc(m, func(p, _ string) bool {
						return strings.HasPrefix(p, filepath.Join("a", "public")) || strings.HasPrefix(p, filepath.Join("a", ".public."))
					})
				}
				if !maps.Equal(before, after) {
					t.Errorf("--force changed, outside the destination:\n%s", changes(before, after))
				}
				if b, err := os.ReadFile(victim); err != nil || string(b) != "the victim" {
					t.Errorf("the victim is %q, %v", b, err)
				}
			})
		}
	}
}

// manifestV1 writes a manifest as the last version did (binary): the
// records of lines, in this version's text, and one more.
func manifestV1(t *testing.T, id string, lines []string, p string, size, mtime int64) []byte {
	t.Helper()
	var body []byte
	add := func(p string, size, mtime int64) {
		body = bin.AppendUvarint(body, uint64(len(p)))
		body = append(body, p...)
		body = bin.LittleEndian.AppendUint64(body, uint64(size))
		body = bin.LittleEndian.AppendUint64(body, uint64(mtime))
		body = append(body, make([]byte, 16)...)
	}
	for _, l := range lines {
		var s, m int64
		var sum, path string
		if _, err := fmt.Sscanf(l, "%d %d %s", &s, &m, &sum); err != nil {
			t.Fatalf("record %q: %v", l, err)
		}
		path = strings.SplitN(l, " ", 4)[3]
		add(path, s, m)
	}
	add(p, size, mtime)
	b := []byte("site manifest 1\n")
	b = bin.AppendUvarint(b, uint64(len(id)))
	b = append(b, id...)
	b = bin.AppendUvarint(b, uint64(len(body)))
	return append(b, body...)
}

// TestBuildNeverRemovesThroughALinkInTheDestination replaces a folder of
// a published site by a link to it, moved outside: the next build, which
// no longer has one of its files, replaces the link by the site's own
// folder and leaves the folder outside as it was, the stale file too.
func TestBuildNeverRemovesThroughALinkInTheDestination(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796500000")
	site := copySite(t)
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	if _, errOut, err := runSite("build", "-s", site, "-d", dest); err != nil {
		t.Fatalf("build: %v\n%s", err, errOut)
	}
	// The folder moved outside keeps its files' sizes and times: followed,
	// the manifest's records would take them for the build's own.
	outside := filepath.Join(root, "outside", "en")
	if err := os.MkdirAll(filepath.Dir(outside), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dest, "en"), outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "en")); err != nil {
		t.Fatal(err)
	}
	// The next site no longer has the alias en/about-us/.
	about := filepath.Join(site, "content", "about.en.md")
	text, err := os.ReadFile(about)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(about, []byte(strings.Replace(string(text), "aliases: [/en/about-us/]\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(root, "outside"))
	out, errOut, err := runSite("build", "-s", site, "-d", dest, "--dry-run")
	// What the link leads to is not the build's: nothing in it is
	// removed, and the site's folder is written anew.
	if err != nil || strings.Contains("\n"+out, "\nremoved ") || !strings.Contains(out, "added    en/index.html") {
		t.Fatalf("the dry run: %v\n%s%s\nwant en/ added anew and nothing removed", err, out, errOut)
	}
	_, errOut, err = runSite("build", "-s", site, "-d", dest)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, errOut)
	}
	if _, err := os.Lstat(filepath.Join(dest, "en", "about-us")); !os.IsNotExist(err) {
		t.Errorf("the alias is still published: %v", err)
	}
	if !strings.Contains(errOut, "en: was a symbolic link; replaced") {
		t.Errorf("the build does not say it replaced the link:\n%s", errOut)
	}
	if after := snapshot(t, filepath.Join(root, "outside")); !maps.Equal(before, after) {
		t.Errorf("outside the destination:\n%s", changes(before, after))
	}
	if _, err := os.Stat(filepath.Join(outside, "about-us", "index.html")); err != nil {
		t.Errorf("the stale page's copy outside: %v", err)
	}
	if info, err := os.Lstat(filepath.Join(dest, "en")); err != nil || !info.IsDir() {
		t.Errorf("en is %v, %v; want the site's own folder", info, err)
	}
}
