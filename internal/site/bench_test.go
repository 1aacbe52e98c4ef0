package site_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/corpus"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/site"
)

// BenchmarkLoadContent loads the content of the office site with 2,000
// generated announcements per language, from memory: every file parsed
// (front matter found and decoded by the schema, summary made). Its floor,
// measured in the same run, reads every content file.
func BenchmarkLoadContent(b *testing.B) {
	fsys, err := corpus.Generate(site.DirFS("../.."), 2000)
	if err != nil {
		b.Fatal(err)
	}
	data, errs := site.LoadData(fsys)
	if data == nil {
		b.Fatal(errs)
	}
	md := markdown.New()
	var files []string
	for name := range fsys {
		if strings.HasPrefix(name, site.ContentDir+"/") && strings.HasSuffix(name, ".md") {
			files = append(files, name)
		}
	}
	var loadTime, floorTime time.Duration
	pages := 0
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		t0 := time.Now()
		for _, f := range files {
			if _, err := fs.ReadFile(fsys, f); err != nil {
				b.Fatal(err)
			}
		}
		floorTime += time.Since(t0)
		s := *data
		b.StartTimer()
		t1 := time.Now()
		site.LoadContent(context.Background(), fsys, &s, md, site.Options{})
		loadTime += time.Since(t1)
		pages = len(s.Pages)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/loadTime.Seconds(), "pages/s")
	b.ReportMetric(loadTime.Seconds()/floorTime.Seconds(), "x-floor")
}
