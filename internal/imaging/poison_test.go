package imaging

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// derivedEntry derives src into a new cache folder and returns the set,
// the folder and the path of its one entry.
func derivedEntry(t *testing.T, name string, src []byte) (Set, string, string) {
	t.Helper()
	dir := t.TempDir()
	set, err := newTestProcessor(t, smallSettings(), dir).Derive(context.Background(), name, src)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "*", "*.bin"))
	if len(entries) != 1 {
		t.Fatalf("cache entries %v, want 1", entries)
	}
	return set, dir, entries[0]
}

// TestPoisonedCacheEntryIsReEncoded writes cache entries with a good
// checksum that derive never makes: a set's hash and formats name the
// files the build publishes (a hash with a path in it, a derivative that
// is an HTML page), its bytes are what is published. Each is taken for
// damaged and encoded again, and the output is what it was.
func TestPoisonedCacheEntryIsReEncoded(t *testing.T) {
	srcs := sources(t)
	html := []byte("<!doctype html><script>alert('from the cache')</script>")
	poisons := map[string]func(s *Set){
		"a hash that leads up":       func(s *Set) { s.Hash = "x/../../../../escape" },
		"a hash with a folder":       func(s *Set) { s.Hash = "x/evil" },
		"another hash":               func(s *Set) { s.Hash = "0123456789ab" },
		"an HTML fallback":           func(s *Set) { s.Derivatives[1].Format, s.Derivatives[1].Data = "html", html },
		"every derivative HTML":      func(s *Set) { s.Fallback = "html"; setAll(s, "html", html) },
		"a format with a path":       func(s *Set) { s.Derivatives[0].Format = "webp/../../x" },
		"HTML bytes as a JPEG":       func(s *Set) { s.Derivatives[1].Data = html },
		"a PNG where a JPEG goes":    func(s *Set) { s.Derivatives[1].Data = srcs["logo.png"] },
		"a JPEG of another size":     func(s *Set) { s.Derivatives[1].Data = srcs["a.jpg"] },
		"a width that was not asked": func(s *Set) { s.Derivatives[0].Width, s.Derivatives[1].Width = 47, 47 },
		"a wrong height":             func(s *Set) { s.Derivatives[0].Height++ },
		"a derivative more":          func(s *Set) { s.Derivatives = append(s.Derivatives, s.Derivatives[0]) },
		"a derivative less":          func(s *Set) { s.Derivatives = s.Derivatives[:len(s.Derivatives)-1] },
		"no derivatives":             func(s *Set) { s.Derivatives = nil },
		"formats swapped":            func(s *Set) { s.Derivatives[0], s.Derivatives[1] = s.Derivatives[1], s.Derivatives[0] },
		"PNG fallback without alpha": func(s *Set) { s.Fallback = PNG },
		"a zero size":                func(s *Set) { s.Width = 0 },
	}
	for name, poison := range poisons {
		t.Run(name, func(t *testing.T) {
			set, dir, entry := derivedEntry(t, "a.jpg", srcs["a.jpg"])
			bad := cloneSet(set)
			poison(&bad)
			if err := os.WriteFile(entry, marshalSet(bad), 0o644); err != nil {
				t.Fatal(err)
			}
			p := newTestProcessor(t, smallSettings(), dir)
			if got, ok := p.Lookup("a.jpg", srcs["a.jpg"]); ok {
				t.Fatalf("Lookup took the poisoned entry: %v", describe(got))
			}
			again, err := p.Derive(context.Background(), "a.jpg", srcs["a.jpg"])
			if err != nil {
				t.Fatal(err)
			}
			if st := p.Stats(); st.CacheBad != 1 || st.CacheHits != 0 {
				t.Errorf("stats %+v; want the poisoned entry counted and re-encoded", st)
			}
			if describe(again) != describe(set) {
				t.Errorf("re-encoded set %s, want %s", describe(again), describe(set))
			}
			if r := newTestProcessor(t, smallSettings(), dir); !found(r, "a.jpg", srcs["a.jpg"]) {
				t.Error("the entry was not repaired")
			}
		})
	}
}

func setAll(s *Set, format string, data []byte) {
	for i := range s.Derivatives {
		s.Derivatives[i].Format, s.Derivatives[i].Data = format, data
	}
}

func cloneSet(s Set) Set {
	s.Derivatives = slices.Clone(s.Derivatives)
	return s
}

func describe(s Set) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%dx%d %v %s %s:", s.Width, s.Height, s.HasAlpha, s.Fallback, s.Hash)
	for _, d := range s.Derivatives {
		fmt.Fprintf(&b, " %s %dx%d %d bytes", d.Format, d.Width, d.Height, len(d.Data))
	}
	return b.String()
}

func found(p *Processor, name string, src []byte) bool {
	_, ok := p.Lookup(name, src)
	return ok
}

// TestCacheEntriesOfEveryKindAreHits derives photos of every kind (with
// transparency, a PNG fallback; portrait; with a colour profile): what
// derive makes passes the check, so it is a hit.
func TestCacheEntriesOfEveryKindAreHits(t *testing.T) {
	srcs := sources(t)
	for _, name := range slices.Sorted(maps.Keys(srcs)) {
		_, dir, _ := derivedEntry(t, name, srcs[name])
		if !found(newTestProcessor(t, smallSettings(), dir), name, srcs[name]) {
			t.Errorf("%s: the entry derive wrote is not a hit", name)
		}
	}
}

// TestCacheNeverFollowsALinkOut plants links in the cache folder: the
// entry a link to a copy of itself outside, the folder of entries a link
// to a folder outside. Neither is read or written through; the files
// outside stay as they are.
func TestCacheNeverFollowsALinkOut(t *testing.T) {
	src := sources(t)["a.jpg"]
	for _, c := range []string{"the entry", "its folder"} {
		t.Run(c, func(t *testing.T) {
			set, dir, entry := derivedEntry(t, "a.jpg", src)
			outside := t.TempDir()
			copyTo := filepath.Join(outside, filepath.Base(entry))
			b, err := os.ReadFile(entry)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(copyTo, b, 0o644); err != nil {
				t.Fatal(err)
			}
			at, to := entry, copyTo
			if c == "its folder" {
				at, to = filepath.Dir(entry), outside
			}
			if err := os.RemoveAll(at); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(to, at); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			p := newTestProcessor(t, smallSettings(), dir)
			again, err := p.Derive(context.Background(), "a.jpg", src)
			if err != nil {
				t.Fatal(err)
			}
			if st := p.Stats(); st.CacheHits != 0 || describe(again) != describe(set) {
				t.Errorf("stats %+v, set %s; want the link not followed and the set encoded again", st, describe(again))
			}
			names, _ := os.ReadDir(outside)
			if len(names) != 1 {
				t.Errorf("outside the cache: %v, want only the copy", names)
			}
			if after, err := os.ReadFile(copyTo); err != nil || string(after) != string(b) {
				t.Errorf("the copy outside changed: %v", err)
			}
		})
	}
}
