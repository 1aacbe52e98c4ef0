package imaging

import (
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// sources are a few small photos of different kinds.
func sources(t testing.TB) map[string][]byte {
	t.Helper()
	return map[string][]byte{
		"a.jpg":    jpegBytes(t, photo(120, 90, 1)),
		"b.jpg":    withJPEGSegments(jpegBytes(t, photo(90, 120, 2)), jpegExif(exifTIFF(6))),
		"p3.jpg":   withJPEGSegments(jpegBytes(t, photo(100, 70, 3)), jpegICC(displayP3(), 1000)...),
		"logo.png": pngBytes(t, transparentLogo(100, 60)),
	}
}

// fingerprint hashes every derivative of every set, in name order.
func fingerprint(t testing.TB, p *Processor, srcs map[string][]byte) string {
	t.Helper()
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(srcs)) {
		set, err := p.Derive(context.Background(), name, srcs[name])
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s %dx%d %v %s %s\n", name, set.Width, set.Height, set.HasAlpha, set.Fallback, set.Hash)
		for _, d := range set.Derivatives {
			fmt.Fprintf(h, "%d %d %s %x\n", d.Width, d.Height, d.Format, sha256.Sum256(d.Data))
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func smallSettings() Settings {
	s := DefaultSettings()
	s.Widths = []int{48, 96}
	return s
}

func TestSecondRunEncodesNothing(t *testing.T) {
	dir := t.TempDir()
	srcs := sources(t)
	first := newTestProcessor(t, smallSettings(), dir)
	want := fingerprint(t, first, srcs)
	if st := first.Stats(); st.Encodes == 0 || st.CacheHits != 0 {
		t.Fatalf("first run: %+v; want encodes and no hits", st)
	}
	if _, ok := newTestProcessor(t, smallSettings(), t.TempDir()).Lookup("a.jpg", srcs["a.jpg"]); ok {
		t.Error("Lookup found a set in an empty cache")
	}
	if set, ok := newTestProcessor(t, smallSettings(), dir).Lookup("a.jpg", srcs["a.jpg"]); !ok || len(set.Derivatives) == 0 {
		t.Error("Lookup did not find the cached set")
	}
	second := newTestProcessor(t, smallSettings(), dir) // a new process, same cache
	if got := fingerprint(t, second, srcs); got != want {
		t.Error("cached output differs from encoded output")
	}
	if st := second.Stats(); st.Encodes != 0 || st.Decodes != 0 || st.CacheHits != int64(len(srcs)) {
		t.Errorf("second run: %+v; want %d hits and nothing decoded or encoded", st, len(srcs))
	}
}

func TestChangedSettingsReEncode(t *testing.T) {
	dir := t.TempDir()
	all := sources(t)
	srcs := map[string][]byte{"a.jpg": all["a.jpg"], "logo.png": all["logo.png"]}
	fingerprint(t, newTestProcessor(t, smallSettings(), dir), srcs)
	for name, change := range map[string]func(*Settings){
		"webp quality": func(s *Settings) { s.WebPQuality-- },
		"jpeg quality": func(s *Settings) { s.JPEGQuality++ },
		"webp method":  func(s *Settings) { s.WebPMethod = 6 },
		"widths":       func(s *Settings) { s.Widths = []int{48, 97} },
	} {
		s := smallSettings()
		change(&s)
		p := newTestProcessor(t, s, dir)
		fingerprint(t, p, srcs)
		if st := p.Stats(); st.CacheHits != 0 || st.Encodes == 0 {
			t.Errorf("%s changed: %+v; want everything encoded again", name, st)
		}
	}
	// Limits and workers do not change the output: still cached.
	s := smallSettings()
	s.MaxSide, s.Workers = 5000, 1
	p := newTestProcessor(t, s, dir)
	fingerprint(t, p, srcs)
	if st := p.Stats(); st.Encodes != 0 {
		t.Errorf("limits changed: %+v; want all from the cache", st)
	}
}

func TestOutputIsTheSameWithAndWithoutCacheAndAtAnyGOMAXPROCS(t *testing.T) {
	srcs := sources(t)
	want := fingerprint(t, newTestProcessor(t, smallSettings(), ""), srcs)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		dir := t.TempDir()
		for run := range 2 { // encoded, then from the cache
			p := newTestProcessor(t, smallSettings(), dir)
			// Derive everything concurrently, then fingerprint in order.
			var wg sync.WaitGroup
			for name, src := range srcs {
				wg.Go(func() {
					if _, err := p.Derive(context.Background(), name, src); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if got := fingerprint(t, p, srcs); got != want {
				t.Errorf("GOMAXPROCS %d run %d: output differs", procs, run)
			}
		}
	}
}

// A cache entry cut short, altered or replaced by junk is noticed, counted
// and encoded again; the output is the same as before.
func TestDamagedCacheEntryIsReEncoded(t *testing.T) {
	srcs := map[string][]byte{"a.jpg": sources(t)["a.jpg"]}
	damage := map[string]func([]byte) []byte{
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"flipped":   func(b []byte) []byte { b[len(b)/3] ^= 0x40; return b },
		"empty":     func(b []byte) []byte { return nil },
		"junk":      func(b []byte) []byte { return []byte("imaging-cache-1\nnot really") },
	}
	for name, hurt := range damage {
		t.Run(name, func(t *testing.T) {
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
			b, err := os.ReadFile(entries[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(entries[0], hurt(b), 0o644); err != nil {
				t.Fatal(err)
			}
			q := newTestProcessor(t, smallSettings(), dir)
			again, err := q.Derive(context.Background(), "a.jpg", srcs["a.jpg"])
			if err != nil {
				t.Fatal(err)
			}
			if st := q.Stats(); st.CacheBad != 1 || st.CacheHits != 0 || st.Encodes != int64(len(set.Derivatives)) {
				t.Errorf("stats %+v; want the damaged entry counted and re-encoded", st)
			}
			if fmt.Sprint(again) != fmt.Sprint(set) {
				t.Error("re-encoded set differs")
			}
			r := newTestProcessor(t, smallSettings(), dir) // repaired
			r.Derive(context.Background(), "a.jpg", srcs["a.jpg"])
			if st := r.Stats(); st.CacheHits != 1 {
				t.Errorf("after repair: %+v; want a hit", st)
			}
		})
	}
}

// Processors in several processes share a cache folder: simulated by
// several processors deriving the same images at once into one folder.
func TestConcurrentProcessorsShareACache(t *testing.T) {
	dir := t.TempDir()
	srcs := sources(t)
	want := fingerprint(t, newTestProcessor(t, smallSettings(), ""), srcs)
	var wg sync.WaitGroup
	for range 3 {
		p := newTestProcessor(t, smallSettings(), dir)
		for name, src := range srcs {
			wg.Go(func() {
				if _, err := p.Derive(context.Background(), name, src); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	p := newTestProcessor(t, smallSettings(), dir)
	if got := fingerprint(t, p, srcs); got != want {
		t.Error("shared cache gives different output")
	}
	if st := p.Stats(); st.CacheHits != int64(len(srcs)) || st.CacheBad != 0 {
		t.Errorf("stats %+v; want every image from the cache", st)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "*", "*.tmp*")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestCanceledContextStopsWaiting(t *testing.T) {
	s := smallSettings()
	s.Workers = 1
	p := newTestProcessor(t, s, "")
	p.sem <- struct{}{} // the one slot is busy
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Derive(ctx, "a.jpg", sources(t)["a.jpg"]); err != context.Canceled {
		t.Errorf("Derive = %v, want context.Canceled", err)
	}
	<-p.sem
}
