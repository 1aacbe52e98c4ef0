package build

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/phototest"
)

// BenchmarkPhotoBuild builds, with the site program in a process of its
// own, a site of 50 phone-sized photos (4000 x 3000 JPEGs with EXIF), once
// with an empty cache (cold) and once with the cache it filled (warm). It
// reports photos per second (of wall time, and of the process's CPU time,
// which a loaded machine does not skew), the peak memory of the build process (its
// maximum resident set), and the bytes of the photos read and of the
// derivatives written. Run it with
//
//	go test ./internal/build -run '^$' -bench PhotoBuild -benchtime 1x
func BenchmarkPhotoBuild(b *testing.B) {
	const photos = 50
	root := b.TempDir()
	fsys := newSite(b, "")
	for name, f := range fsys {
		writeFile(b, filepath.Join(root, name), f.Data)
	}
	var in int64
	for i := range photos {
		dir := fmt.Sprintf("content/announcements/visit-%02d", i)
		page := announcement(fmt.Sprintf("Visit %d", i), "image: photo.jpg\nimageAlt: The visit\n", "![The visit](photo.jpg)")
		writeFile(b, filepath.Join(root, dir, "index.en.md"), []byte(page))
		data := phototest.Photo(4000, 3000, uint32(i))
		in += int64(len(data))
		writeFile(b, filepath.Join(root, dir, "photo.jpg"), data)
	}
	bin := filepath.Join(b.TempDir(), "site")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/site").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	b.ResetTimer()
	for b.Loop() {
		cache := b.TempDir()
		for _, run := range []string{"cold", "warm"} {
			dest := filepath.Join(b.TempDir(), "public")
			cmd := exec.Command(bin, "build", "-s", root, "-d", dest, "--cache-dir", cache)
			cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1796000000")
			start := time.Now()
			out, err := cmd.CombinedOutput()
			took := time.Since(start)
			if err != nil {
				b.Fatalf("%s build: %v\n%s", run, err, out)
			}
			peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KB on Linux
			cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			b.ReportMetric(float64(photos)/took.Seconds(), run+"-photos/s")
			b.ReportMetric(float64(photos)/cpu.Seconds(), run+"-photos/cpu-s")
			b.ReportMetric(float64(peak)/1024, run+"-peak-MB")
			b.ReportMetric(float64(in)/1e6, "photos-in-MB")
			b.ReportMetric(float64(derivativeBytes(b, dest))/1e6, "derivatives-out-MB")
		}
	}
}

func writeFile(tb testing.TB, p string, data []byte) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// derivativeBytes adds up the photos' derivatives in a built site.
func derivativeBytes(tb testing.TB, dest string) int64 {
	var n int64
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext == ".webp" || ext == ".jpg" || ext == ".png" {
			if info, err := d.Info(); err == nil && strings.Contains(p, "announcements") {
				n += info.Size()
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
