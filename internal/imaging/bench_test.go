package imaging

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
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

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// heapPeak samples the bytes of live and not yet collected heap objects
// every few milliseconds until stop is closed, then returns the largest.
func heapPeak(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// BenchmarkPhotos derives 50 photos of 4000 x 3000 (set IMAGING_BENCH_N
// for another count) with the default settings, with an empty cache (cold)
// and then with the cache the cold run filled (warm). It reports photos per
// second of wall time and CPU seconds per photo (on a shared machine the
// second is the steadier), the peak RSS and heap of the run, and bytes in
// and out. Run it alone, with no test timeout:
//
//	go test ./internal/imaging -run '^$' -bench Photos -benchtime 1x -timeout 0
func BenchmarkPhotos(b *testing.B) {
	n := 50
	if v, err := strconv.Atoi(os.Getenv("IMAGING_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	paths := benchPhotos(b, b.TempDir(), n)
	Prepare()
	var cache string
	run := func(b *testing.B, cacheDir func() string) {
		var in, out int64
		var elapsed, cpu time.Duration
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		stop := make(chan struct{})
		peak := heapPeak(stop)
		for b.Loop() {
			cache = cacheDir()
			p, err := New(DefaultSettings(), cache)
			if err != nil {
				b.Fatal(err)
			}
			start, startCPU := time.Now(), cpuTime()
			in, out = deriveAll(b, p, paths)
			elapsed += time.Since(start)
			cpu += cpuTime() - startCPU
		}
		close(stop)
		b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "photos/s")
		b.ReportMetric(cpu.Seconds()/float64(n*b.N), "cpu-s/photo")
		b.ReportMetric(float64(peakRSS())/(1<<20), "peakRSS-MB")
		b.ReportMetric(float64(<-peak)/(1<<20), "peakHeap-MB")
		b.ReportMetric(float64(in)/(1<<20), "MB-in")
		b.ReportMetric(float64(out)/(1<<20), "MB-out")
	}
	caches := b.TempDir() // outlives the sub-benchmarks
	b.Run("cold", func(b *testing.B) {
		run(b, func() string {
			d, err := os.MkdirTemp(caches, "cache")
			if err != nil {
				b.Fatal(err)
			}
			return d
		})
	})
	warm := cache
	b.Run("warm", func(b *testing.B) {
		run(b, func() string { return warm })
	})
}
