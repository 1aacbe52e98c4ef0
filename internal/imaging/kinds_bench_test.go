package imaging

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// childEnv names the files a child process derives (see TestWorstKindChild).
const childEnv = "IMAGING_WORST_KIND_FILES"

// childResult is what a child process measured.
type childResult struct {
	rss, heap  int64 // peak resident memory and peak heap, bytes
	wall, cpu  time.Duration
	refusal    string // the first error, "" when every file was derived
	derivative int    // derivatives made
}

// TestWorstKindChild is the child process of BenchmarkWorstKinds: it
// derives the files named in $IMAGING_WORST_KIND_FILES all at once, as a
// build does, under the soft memory limit cmd/site sets, and prints what it
// measured. Without the variable it does nothing.
func TestWorstKindChild(t *testing.T) {
	files := os.Getenv(childEnv)
	if files == "" {
		t.Skip("the child process of BenchmarkWorstKinds")
	}
	debug.SetMemoryLimit(200 << 20) // as cmd/site does
	p := newTestProcessor(t, DefaultSettings(), "")
	Prepare()
	runtime.GC()
	resetPeakRSS()
	stop := make(chan struct{})
	peak := heapPeak(stop)
	start, startCPU := time.Now(), cpuTime()
	paths := strings.Split(files, "\n")
	errs := make([]error, len(paths))
	made := make([]int, len(paths))
	var g errgroup.Group
	for i, path := range paths {
		g.Go(func() error {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			set, err := p.Derive(context.Background(), filepath.Base(path), src)
			errs[i], made[i] = err, len(set.Derivatives)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	wall, cpu := time.Since(start), cpuTime()-startCPU
	close(stop)
	refusal, n := "", 0
	for i := range paths {
		if errs[i] != nil && refusal == "" {
			refusal = errs[i].Error()
		}
		n += made[i]
	}
	fmt.Printf("RESULT %d %d %d %d %d %q\n", peakRSS(), <-peak, wall, cpu, n, refusal)
}

// runChild derives paths in a child process and returns its measurements.
func runChild(b testing.TB, paths []string) childResult {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWorstKindChild$", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(paths, "\n"), "GOMEMLIMIT=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		b.Fatalf("child: %v\n%s", err, out.Bytes())
	}
	for _, line := range strings.Split(out.String(), "\n") {
		rest, ok := strings.CutPrefix(line, "RESULT ")
		if !ok {
			continue
		}
		var r childResult
		var wall, cpu int64
		if _, err := fmt.Sscanf(rest, "%d %d %d %d %d %q", &r.rss, &r.heap, &wall, &cpu, &r.derivative, &r.refusal); err != nil {
			b.Fatalf("child said %q: %v", line, err)
		}
		r.wall, r.cpu = time.Duration(wall), time.Duration(cpu)
		return r
	}
	b.Fatalf("child printed no result:\n%s", out.Bytes())
	return childResult{}
}

// makeKind makes k's file in dir (unless there already) and returns its
// path.
func makeKind(t testing.TB, dir string, k worstKind) string {
	t.Helper()
	w, h := k.w, k.h
	if k.limit {
		w, h = limitSize(t, dir, k)
	}
	path := filepath.Join(dir, fmt.Sprintf("%dx%d-%s", w, h, k.file))
	if _, err := os.Stat(path); err != nil {
		k.make(t, dir, path, w, h)
	}
	if fi, err := os.Stat(path); err == nil {
		t.Logf("%s: %d x %d, %d KB", k.file, w, h, fi.Size()>>10)
	}
	return path
}

// BenchmarkWorstKinds measures, side by side, the peak resident memory,
// peak heap, wall and CPU time of deriving each of the worst kinds of
// source (worstKinds: 40 megapixel baseline, progressive, 4:4:4
// progressive and CMYK progressive JPEGs, two progressives at once, a
// 16-bit PNG with alpha at its limit, an interlaced PNG, lossy and
// lossless WebPs), each in a fresh child process under the soft memory
// limit of cmd/site ($IMAGING_BENCH_FIXTURES keeps the fixtures between
// runs), against a 12 megapixel phone photo measured in the
// same run (the floor: x-floor-RSS is the ratio of peak RSS). A kind the
// processor refuses reports refused=1 and logs the message. Kinds whose
// maker needs a missing Debian tool are skipped. Run it alone:
//
//	go test ./internal/imaging -run '^$' -bench WorstKinds -benchtime 1x -timeout 0 -v
func BenchmarkWorstKinds(b *testing.B) {
	dir := os.Getenv("IMAGING_BENCH_FIXTURES") // kept between runs when set
	if dir == "" {
		dir = b.TempDir()
	}
	var floor int64
	for _, k := range worstKinds() {
		b.Run(k.name, func(b *testing.B) {
			path := makeKind(b, dir, k)
			paths := []string{path}
			for i := 1; i < max(k.count, 1); i++ {
				// A copy with a comment added is a different photo.
				cp := filepath.Join(dir, fmt.Sprintf("%d-%s", i, k.file))
				data, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(cp, withJPEGSegments(data, jpegSegment(0xFE, []byte(cp))), 0o644); err != nil {
					b.Fatal(err)
				}
				paths = append(paths, cp)
			}
			var r childResult
			for b.Loop() {
				r = runChild(b, paths)
			}
			if floor == 0 {
				floor = r.rss
			}
			refused := 0.0
			if r.refusal != "" {
				refused = 1
				b.Logf("refused: %s", r.refusal)
			}
			b.ReportMetric(float64(r.rss)/(1<<20), "peakRSS-MB")
			b.ReportMetric(float64(r.heap)/(1<<20), "peakHeap-MB")
			b.ReportMetric(float64(r.rss)/float64(floor), "x-floor-RSS")
			b.ReportMetric(r.wall.Seconds(), "wall-s")
			b.ReportMetric(r.cpu.Seconds(), "cpu-s")
			b.ReportMetric(refused, "refused")
			b.ReportMetric(float64(r.derivative), "derivatives")
		})
	}
}
