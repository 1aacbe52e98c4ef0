//go:build unix

package imaging

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/regular/regulartest"
)

// A cache entry that is not a regular file (a named pipe, a socket, a
// device, a link, even to a good entry) is never read or waited on: it is
// counted as damaged, the photo is encoded again, and the entry replaced.
func TestSpecialCacheEntryIsReplaced(t *testing.T) {
	srcs := map[string][]byte{"a.jpg": sources(t)["a.jpg"]}
	kinds := append([]regulartest.Special{}, regulartest.Specials...)
	kinds = append(kinds, regulartest.Special{Name: "link", Make: func(t testing.TB, p string) bool {
		good := filepath.Join(t.TempDir(), "good.bin")
		if err := os.Rename(p+".good", good); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(good, p); err != nil {
			t.Fatal(err)
		}
		return true
	}})
	for _, sp := range kinds {
		t.Run(sp.Name, func(t *testing.T) {
			dir := t.TempDir()
			p := newTestProcessor(t, smallSettings(), dir)
			set, err := p.Derive(context.Background(), "a.jpg", srcs["a.jpg"])
			if err != nil {
				t.Fatal(err)
			}
			entries, _ := filepath.Glob(filepath.Join(dir, "*", "*.bin"))
			if len(entries) != 1 {
				t.Fatalf("cache entries %v, want 1", entries)
			}
			if err := os.Rename(entries[0], entries[0]+".good"); err != nil {
				t.Fatal(err)
			}
			if !sp.Make(t, entries[0]) {
				t.Skip("cannot make one here")
			}
			os.Remove(entries[0] + ".good")
			q := newTestProcessor(t, smallSettings(), dir)
			var again Set
			hangtest.Run(t, "deriving with a "+sp.Name+" in the cache", func() {
				again, err = q.Derive(context.Background(), "a.jpg", srcs["a.jpg"])
			})
			if err != nil {
				t.Fatal(err)
			}
			if st := q.Stats(); st.CacheBad != 1 || st.CacheHits != 0 {
				t.Errorf("stats %+v; want the entry counted as damaged and the photo encoded again", st)
			}
			if fmt.Sprint(again) != fmt.Sprint(set) {
				t.Error("re-encoded set differs")
			}
			if info, err := os.Lstat(entries[0]); err != nil || !info.Mode().IsRegular() {
				t.Errorf("the entry was not replaced by a regular file: %v, %v", info, err)
			}
		})
	}
}
