package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/corpus"
)

// BenchmarkEditToReload measures, on the office site with 2,000 generated
// announcements per language, the time from writing a file to the reload
// event reaching a browser's stream: for an edit to one announcement's
// text below its first paragraph, for an edit to another's title (which
// its lists and the sitemaps show too), and for an edit to a layout (which
// every announcement uses). The last is compared with a
// full build of the same site into a folder, measured in the same run.
func BenchmarkEditToReload(b *testing.B) {
	m, err := corpus.Generate(os.DirFS("../.."), 2000)
	if err != nil {
		b.Fatal(err)
	}
	root := filepath.Join(b.TempDir(), "site")
	if err := corpus.WriteDir(root, m); err != nil {
		b.Fatal(err)
	}
	r := start(b, root)
	events := r.events()
	page := "content/announcements/gen-01000.en.md"
	orig := string(m[page].Data)
	titled := "content/announcements/gen-01500.en.md"
	titledOrig := string(m[titled].Data)
	layoutFile := "layouts/announcements/page.html"
	layoutText := string(m[layoutFile].Data)

	measure := func(file, text, want string) time.Duration {
		r.drain()
		t0 := time.Now()
		r.write(file, text)
		waitEvent(b, events, want)
		d := time.Since(t0)
		if rb := r.nextRebuild(); rb.Err != nil {
			b.Fatal(rb.Err)
		}
		return d
	}
	var body, title, layout []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body = append(body, measure(page, orig+fmt.Sprintf("\nEdit %d.\n", i), "reload"))
		title = append(title, measure(titled, strings.Replace(titledOrig, "title: \"", fmt.Sprintf("title: \"%d ", i), 1), "reload"))
		if i < 5 {
			layout = append(layout, measure(layoutFile, strings.Replace(layoutText, "<article", fmt.Sprintf("<article data-edit=\"%d\"", i), 1), "reload"))
		}
	}
	b.StopTimer()
	report := func(name string, ds []time.Duration) {
		slices.Sort(ds)
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, name+"-median-ms")
		b.ReportMetric(float64(ds[len(ds)-1].Microseconds())/1000, name+"-worst-ms")
	}
	report("body", body)
	report("title", title)
	report("layout", layout)

	// site build into one folder, so that from the second build on it runs
	// as on an editor's machine (see build.BenchmarkBuild).
	var builds []time.Duration
	dest := filepath.Join(b.TempDir(), "public")
	for range 4 {
		t0 := time.Now()
		if _, err := build.Run(context.Background(), build.Options{Source: os.DirFS(root), SourceDir: root, Dest: dest, Now: r.s.opts.Now()}); err != nil {
			b.Fatal(err)
		}
		builds = append(builds, time.Since(t0))
	}
	builds = builds[1:]
	slices.Sort(builds)
	b.ReportMetric(float64(builds[1].Microseconds())/1000, "site-build-median-ms")
}
