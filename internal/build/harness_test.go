package build

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/rogpeppe/go-internal/txtar"
)

// testNow is the clock of test builds.
var testNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

// repoRoot is this project's own site root: its layouts, interface strings
// and stylesheet are what the small test sites are built with.
const repoRoot = "../.."

// baseSite is the smallest site the layouts can build: settings, two homes
// and an announcements section in two languages.
const baseSite = `
-- data/site.yaml --
baseURL: https://example.org/
defaultLanguage: ar
timeZone: Asia/Gaza
paginate: 2
categories: [call, news, scholarship, conference, visit]
languages:
  - {code: ar, name: العربية, direction: rtl, digits: arab, title: مكتب العلاقات, university: جامعة المثال}
  - {code: en, name: English, direction: ltr, digits: latn, title: Relations Office, university: Example University}
menus:
  ar: [{page: /, name: الرئيسية}, {page: announcements/_index}]
  en: [{page: /, name: Home}, {page: announcements/_index}]
-- content/_index.ar.md --
---
title: الرئيسية
---
-- content/_index.en.md --
---
title: Home
---
-- content/announcements/_index.ar.md --
---
title: الإعلانات
---
-- content/announcements/_index.en.md --
---
title: Announcements
---
`

// newSite returns a site root made of the project's layouts, interface
// strings and static files, the base site, and the files of archive (a
// txtar), which replace files of the same name. A file whose whole content
// is "(delete)" is removed.
func newSite(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	repo := os.DirFS(repoRoot)
	for _, dir := range []string{"layouts", "data/i18n", "static"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(repo, p)
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []string{baseSite, archive} {
		for _, f := range txtar.Parse([]byte(a)).Files {
			if strings.TrimSpace(string(f.Data)) == "(delete)" {
				delete(m, f.Name)
				continue
			}
			m[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return m
}

// built is the output of a test build.
type built struct {
	t     testing.TB
	files map[string][]byte
	res   *Result
}

// buildSite builds fsys into memory at testNow; change adjusts the options.
func buildSite(t testing.TB, fsys fs.FS, change ...func(*Options)) (*built, error) {
	t.Helper()
	sink := NewMemSink()
	opts := Options{Source: fsys, Sink: sink, Now: testNow, GitDates: map[string]time.Time{}}
	if fsys == os.DirFS(repoRoot) {
		// The office site's sample photos are encoded once per test
		// process, not once per test: under the race detector an encode
		// takes seconds.
		opts.CacheDir = sharedCache.dir()
	}
	for _, c := range change {
		c(&opts)
	}
	res, err := Run(context.Background(), opts)
	return &built{t: t, files: sink.Files, res: res}, err
}

// mustBuild builds and fails the test on error.
func mustBuild(t testing.TB, fsys fs.FS, change ...func(*Options)) *built {
	t.Helper()
	b, err := buildSite(t, fsys, change...)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return b
}

// page parses an output file.
func (b *built) page(path string) *htmltest.Doc {
	b.t.Helper()
	data, ok := b.files[path]
	if !ok {
		b.t.Fatalf("no output file %s", path)
	}
	return htmltest.Parse(b.t, data)
}

func (b *built) has(path string) bool { _, ok := b.files[path]; return ok }

// announcement returns a front matter and body for a test announcement.
func announcement(title, extra, body string) string {
	return "---\ntitle: " + title + "\ndate: 2026-10-01\n" + extra + "---\n" + body + "\n"
}

// sharedCache is the folder of derivatives the builds of the office site
// share (see buildSite), made at first use and removed by TestMain.
var sharedCache cacheFolder

type cacheFolder struct {
	once sync.Once
	path string
}

func (c *cacheFolder) dir() string {
	c.once.Do(func() {
		c.path, _ = os.MkdirTemp("", "site-test-cache-")
	})
	return c.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedCache.path != "" {
		os.RemoveAll(sharedCache.path)
	}
	os.Exit(code)
}
