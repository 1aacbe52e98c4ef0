package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/corpus"
	"github.com/alaqsa-ira/site/internal/markdown"
	"golang.org/x/sync/errgroup"
)

// benchCorpus writes the office site with n generated announcements per
// language to a folder, once per benchmark run.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	m, err := corpus.Generate(os.DirFS(repoRoot), n)
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "site")
	if err := corpus.WriteDir(dir, m); err != nil {
		b.Fatal(err)
	}
	return dir
}

// floor does the least any generator must do with the corpus: read every
// content file, convert its Markdown with the same goldmark settings, and
// write one file for it, on all cores. With perFolder, each file is written
// as NAME/index.html, as a site with addresses ending in / must.
func floor(src, dest string, md *markdown.Converter, perFolder bool) (int, error) {
	var files []string
	err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	for _, l := range []string{"ar", "en"} {
		if err := os.MkdirAll(filepath.Join(dest, l), 0o755); err != nil {
			return 0, err
		}
	}
	pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range files {
		g.Go(func() error {
			src, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			lang := "en"
			if strings.HasSuffix(f, ".ar.md") {
				lang = "ar"
			}
			buf := pool.Get().(*bytes.Buffer)
			defer pool.Put(buf)
			buf.Reset()
			md.Convert(buf, src, markdown.Doc{Path: f, RTL: lang == "ar", LatinLang: "en", BasePath: "/"})
			out := filepath.Join(dest, lang, filepath.Base(f)+".html")
			if perFolder {
				out = filepath.Join(dest, lang, filepath.Base(f), "index.html")
				if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
					return err
				}
			}
			return os.WriteFile(out, buf.Bytes(), 0o644)
		})
	}
	return len(files), g.Wait()
}

// benchBuild runs the build and the floor alternately, b.N times each, and
// reports the build's files per second and its time as a multiple of the
// floor's (x-floor, and x-floor-fastest for the fastest runs of each),
// measured in the same run under the same conditions.
// With cold set, both write into new, empty folders every time (a fresh
// clone in CI); otherwise both write over their previous output (an
// editor's machine, or a server that builds every day).
func benchBuild(b *testing.B, cold bool) {
	src := benchCorpus(b, 2000)
	out := b.TempDir()
	md := markdown.New()
	dest := func(name string, i int) string {
		if cold {
			name = fmt.Sprintf("%s-%d", name, i)
		}
		return filepath.Join(out, name)
	}
	build := func(i int) (*Result, error) {
		return Run(context.Background(), Options{Source: os.DirFS(src), SourceDir: src, Dest: dest("public", i), Markdown: md, Now: testNow})
	}
	if !cold {
		for i := range 2 { // fill the destination and its manifest
			if _, err := build(i); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := floor(src, dest("floor", 0), md, false); err != nil {
			b.Fatal(err)
		}
	}
	var buildTime, floorTime, folderTime time.Duration
	minBuild, minFloor := time.Duration(1<<62), time.Duration(1<<62)
	files, written := 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		t0 := time.Now()
		if _, err := floor(src, dest("floor", i), md, false); err != nil {
			b.Fatal(err)
		}
		floorTime += time.Since(t0)
		minFloor = min(minFloor, time.Since(t0))
		if cold {
			t0 = time.Now()
			if _, err := floor(src, dest("folders", i), md, true); err != nil {
				b.Fatal(err)
			}
			folderTime += time.Since(t0)
		}
		b.StartTimer()
		t1 := time.Now()
		res, err := build(i)
		buildTime += time.Since(t1)
		minBuild = min(minBuild, time.Since(t1))
		if err != nil {
			b.Fatal(err)
		}
		files, written = res.Files, res.Written
	}
	b.ReportMetric(float64(files)*float64(b.N)/buildTime.Seconds(), "files/s")
	b.ReportMetric(float64(written), "written/op")
	b.ReportMetric(buildTime.Seconds()/floorTime.Seconds(), "x-floor")
	// The fastest of each is the least disturbed by other work on a shared
	// machine.
	b.ReportMetric(minBuild.Seconds()/minFloor.Seconds(), "x-floor-fastest")
	if cold {
		b.ReportMetric(buildTime.Seconds()/folderTime.Seconds(), "x-floor-per-folder")
	}
}

// BenchmarkBuild is a full build of the office site with 2,000 generated
// announcements per language over its previous output.
func BenchmarkBuild(b *testing.B) { benchBuild(b, false) }

// BenchmarkBuildCold is the same build into a new folder each time. It also
// reports the ratio to a floor that writes one folder per page, as the
// site's addresses (/en/about/) need.
func BenchmarkBuildCold(b *testing.B) { benchBuild(b, true) }

// BenchmarkFloor is the floor alone, for benchstat comparisons.
func BenchmarkFloor(b *testing.B) {
	src := benchCorpus(b, 2000)
	out := b.TempDir()
	md := markdown.New()
	n := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if n, err = floor(src, out, md, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
