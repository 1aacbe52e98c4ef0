package imaging

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// benchPhotos writes n different 4000 x 3000 phone-sized JPEGs (about 3 MB
// each) into dir: one generated picture, each copy made distinct by a
// comment segment, so every file has its own cache key.
func benchPhotos(b *testing.B, dir string, n int) []string {
	b.Helper()
	jpg := jpegBytes(b, photo(4000, 3000, 11))
	var paths []string
	for i := range n {
		src := withJPEGSegments(jpg, jpegSegment(0xFE, fmt.Appendf(nil, "photo %d", i)), jpegExif(exifTIFF(1)))
		p := filepath.Join(dir, fmt.Sprintf("photo%02d.jpg", i))
		if err := os.WriteFile(p, src, 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// deriveAll reads and derives every file the way a build does: as many at
// once as GOMAXPROCS, each read from disk only when its turn comes. It
// returns the bytes read and written.
func deriveAll(b *testing.B, p *Processor, paths []string) (in, out int64) {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	ins, outs := make([]int64, len(paths)), make([]int64, len(paths))
	for i, path := range paths {
		g.Go(func() error {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			set, err := p.Derive(context.Background(), filepath.Base(path), src)
			if err != nil {
				return err
			}
			ins[i] = int64(len(src))
			for _, d := range set.Derivatives {
				outs[i] += int64(len(d.Data))
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		b.Fatal(err)
	}
	for i := range ins {
		in, out = in+ins[i], out+outs[i]
	}
	return in, out
}

// peakRSS returns the process's peak resident memory (VmHWM) in bytes;
// resetPeakRSS starts a new peak (Linux 4.0 and later).
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// BenchmarkPhotos derives 50 photos of 4000 x 3000 with the default
// settings, with an empty cache (cold) and a filled one (warm). It reports
// photos per second, peak RSS and bytes in and out. Run it alone:
//
//	go test ./internal/imaging -run '^$' -bench Photos -benchtime 1x
func BenchmarkPhotos(b *testing.B) {
	const n = 50
	paths := benchPhotos(b, b.TempDir(), n)
	Prepare()
	run := func(b *testing.B, cacheDir func() string) {
		var in, out int64
		var elapsed time.Duration
		runtime.GC()
		resetPeakRSS()
		for b.Loop() {
			p, err := New(DefaultSettings(), cacheDir())
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			in, out = deriveAll(b, p, paths)
			elapsed += time.Since(start)
		}
		b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "photos/s")
		b.ReportMetric(float64(peakRSS())/(1<<20), "peakRSS-MB")
		b.ReportMetric(float64(in)/(1<<20), "MB-in")
		b.ReportMetric(float64(out)/(1<<20), "MB-out")
	}
	b.Run("cold", func(b *testing.B) {
		run(b, func() string { return b.TempDir() })
	})
	warm := b.TempDir()
	p, err := New(DefaultSettings(), warm)
	if err != nil {
		b.Fatal(err)
	}
	deriveAll(b, p, paths)
	b.Run("warm", func(b *testing.B) {
		run(b, func() string { return warm })
	})
}
