package build

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/alaqsa-ira/site/internal/imaging"
	"github.com/alaqsa-ira/site/internal/photo"
	"github.com/alaqsa-ira/site/internal/phototest"
)

// TestBundleIsAPageAtItsFolder builds bundles in a section and at the top,
// with Arabic and Latin folder names: each page is at its folder's address
// in both languages, its links are relative to its folder, links to it by
// its folder's name work, and its documents are published beside it.
func TestBundleIsAPageAtItsFolder(t *testing.T) {
	fsys := newSite(t, `
-- content/announcements/summer-school/index.en.md --
`+announcement("Summer school", "", "See [the call](call.md), the [plan](docs/plan.txt) and [the visit](../زيارة.md).")+`
-- content/announcements/summer-school/index.ar.md --
`+announcement("المدرسة الصيفية", "", "نص.")+`
-- content/announcements/summer-school/docs/plan.txt --
plan
-- content/announcements/summer-school/call.en.md --
`+announcement("The call", "", "Apply [back to the school](index.md).")+`
-- content/announcements/زيارة/index.en.md --
`+announcement("Visit", "", "Text.")+`
-- content/about/index.en.md --
---
title: About
---
Back to [the school](../announcements/summer-school.md).
`)
	b := mustBuild(t, fsys)
	for _, f := range []string{
		"en/announcements/summer-school/index.html", "ar/announcements/summer-school/index.html",
		"en/announcements/summer-school/docs/plan.txt", "ar/announcements/summer-school/docs/plan.txt",
		"en/announcements/summer-school/call/index.html",
		"en/announcements/زيارة/index.html", "en/about/index.html",
	} {
		if !b.has(f) {
			t.Errorf("no %s", f)
		}
	}
	doc := b.page("en/announcements/summer-school/index.html")
	var hrefs []string
	for _, a := range doc.All(htmltest.Tag("a")) {
		hrefs = append(hrefs, htmltest.AttrOf(a, "href"))
	}
	joined := strings.Join(hrefs, " ")
	for _, want := range []string{"/en/announcements/summer-school/call/", "docs/plan.txt", "/en/announcements/%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9/"} {
		if !strings.Contains(joined, want) {
			t.Errorf("links %v lack %s", hrefs, want)
		}
	}
	if doc := b.page("en/about/index.html"); !strings.Contains(string(b.files["en/about/index.html"]), `href="/en/announcements/summer-school/"`) {
		_ = doc
		t.Errorf("a link to the bundle by its folder's name does not lead to it")
	}
	if !strings.Contains(string(b.files["ar/announcements/summer-school/index.html"]), `hreflang="en"`) {
		t.Errorf("the bundle's two languages are not paired as translations")
	}
}

// TestBundleMistakesArePathLineErrors checks what an editor gets wrong
// with bundles and covers: a bundle and a page file for one address, a
// photo beside a page that is no bundle, a cover that is missing, not a
// photo, or without a description.
func TestBundleMistakesArePathLineErrors(t *testing.T) {
	photo := phototest.JPEG(40, 30, 0, false)
	cases := []struct {
		name  string
		files string
		want  string
	}{
		{"bundle and file", `
-- content/announcements/visit/index.en.md --
` + announcement("Visit", "", "x") + `
-- content/announcements/visit.en.md --
` + announcement("Visit too", "", "x"), "content/announcements/visit.en.md:1: this page and content/announcements/visit/index.en.md (a page bundle) are both the en page at one address"},
		{"photo beside a file page", `
-- content/announcements/call.en.md --
` + announcement("Call", "", "Text.\n\n![A photo](group.jpg)"), `content/announcements/call.en.md:7: the photo "group.jpg" is not beside this page`},
		{"photo missing from the bundle", `
-- content/announcements/visit/index.ar.md --
` + announcement("زيارة", "", "![صورة](Group.JPG)"), `content/announcements/visit/index.ar.md:5: the photo "Group.JPG" is not in the page's folder`},
		{"cover missing", `
-- content/announcements/visit/index.en.md --
` + announcement("Visit", "image: nothere.jpg\nimageAlt: A photo\n", "x"), `content/announcements/visit/index.en.md:4: image "nothere.jpg" is not in the page's folder`},
		{"cover missing in static", `
-- content/announcements/call.en.md --
` + announcement("Call", "image: /images/nothere.png\nimageAlt: A photo\n", "x"), `content/announcements/call.en.md:4: image "/images/nothere.png" is not in static/`},
		{"cover is not a photo", `
-- content/announcements/visit/index.en.md --
` + announcement("Visit", "image: plan.pdf\nimageAlt: A plan\n", "x"), `content/announcements/visit/index.en.md:4: image "plan.pdf" is not a photo`},
		{"cover without description", `
-- content/announcements/visit/index.en.md --
` + announcement("Visit", "image: group.jpg\n", "x"), `content/announcements/visit/index.en.md:4: the cover photo has no description`},
		{"description without cover", `
-- content/announcements/visit/index.en.md --
` + announcement("Visit", "imageAlt: A photo\n", "x"), `content/announcements/visit/index.en.md:4: imageAlt describes a cover photo, but the page has no image`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := newSite(t, c.files)
			fsys["content/announcements/visit/group.jpg"] = &fstest.MapFile{Data: photo}
			fsys["content/announcements/visit/plan.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
			_, err := buildSite(t, fsys)
			if err == nil {
				t.Fatal("the build succeeded")
			}
			var found []string
			for _, e := range err.(*StageError).Errors() {
				found = append(found, e.Error())
				if strings.HasPrefix(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("errors:\n%s\nwant one starting %s", strings.Join(found, "\n"), c.want)
		})
	}
}

// TestTextEditWhilePhotoEncodesIsNotKeptWaiting adds a photo to a site
// under the dev server's builder and holds its encoding back: the page
// shows the photo at once from its source, a text edit made meanwhile is
// rebuilt without waiting for the photo, and once the photo is ready a
// rebuild shows its derivatives and drops the source.
func TestTextEditWhilePhotoEncodesIsNotKeptWaiting(t *testing.T) {
	fsys := newSite(t, `
-- content/about.en.md --
---
title: About
---
First text.
`)
	proc, err := imaging.New(imaging.DefaultSettings(), "")
	if err != nil {
		t.Fatal(err)
	}
	cat := photo.New(proc)
	ready := make(chan string, 4)
	cat.Background(func(src string) { ready <- src })
	gate := make(chan struct{})
	cat.Gate(gate)
	defer cat.Close()
	b := NewBuilder(Options{Source: fsys, Now: testNow, GitDates: map[string]time.Time{}, Dev: true, Keep: true, Photos: cat})
	ctx := t.Context()
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}

	const page, src = "content/announcements/visit/index.en.md", "content/announcements/visit/group.jpg"
	fsys[page] = &fstest.MapFile{Data: []byte(announcement("Visit", "", "![The delegation](group.jpg)"))}
	fsys[src] = &fstest.MapFile{Data: phototest.JPEG(700, 500, 0, true)}
	res, err := b.Build(ctx, &Changes{Paths: []string{page, src}})
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.Outputs["en/announcements/visit/index.html"])
	if !strings.Contains(html, `src="/en/announcements/visit/group.jpg"`) || strings.Contains(html, "<picture") {
		t.Fatalf("a photo being encoded is not shown from its source:\n%s", html)
	}
	if _, ok := res.Outputs["en/announcements/visit/group.jpg"]; !ok {
		t.Fatal("the dev server does not serve the photo being encoded")
	}

	fsys["content/about.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nSecond text.\n")}
	res, err = b.Build(ctx, &Changes{Paths: []string{"content/about.en.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Outputs["en/about/index.html"]), "Second text.") {
		t.Fatal("the text edit is not rebuilt")
	}
	select {
	case s := <-ready:
		t.Fatalf("%s was ready before its encoding was let go: the text edit waited for it", s)
	default:
	}

	close(gate)
	got := <-ready
	if got != src {
		t.Fatalf("ready %q, want %q", got, src)
	}
	res, err = b.Build(ctx, &Changes{Paths: []string{got}})
	if err != nil {
		t.Fatal(err)
	}
	html = string(res.Outputs["en/announcements/visit/index.html"])
	if !strings.Contains(html, "<picture") || !regexp.MustCompile(`-480\.[0-9a-f]{8,}\.webp`).MatchString(html) {
		t.Fatalf("the ready photo is not shown from its derivatives:\n%s", html)
	}
	if _, ok := res.Outputs["en/announcements/visit/group.jpg"]; ok {
		t.Error("the photo's source is still served once its derivatives are ready")
	}
}

// TestDevServerShowsCachedPhotosAtOnce starts the dev server's builder on
// a site whose photos a build has cached: they are shown from their
// derivatives at once, with nothing made in the background.
func TestDevServerShowsCachedPhotosAtOnce(t *testing.T) {
	fsys := bundleSite(t, phototest.JPEG(300, 200, 0, false))
	cache := t.TempDir()
	mustBuild(t, fsys, func(o *Options) { o.CacheDir = cache })
	proc, err := imaging.New(imaging.DefaultSettings(), cache)
	if err != nil {
		t.Fatal(err)
	}
	cat := photo.New(proc)
	cat.Background(func(src string) { t.Errorf("%s was made again in the background", src) })
	defer cat.Close()
	b := NewBuilder(Options{Source: fsys, Now: testNow, GitDates: map[string]time.Time{}, Dev: true, Keep: true, Photos: cat})
	res, err := b.Build(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if html := string(res.Outputs["en/announcements/visit/index.html"]); !strings.Contains(html, "<picture") {
		t.Errorf("a cached photo is not shown from its derivatives:\n%s", html)
	}
	if res.Photos.Encodes != 0 {
		t.Errorf("encoded %d derivatives", res.Photos.Encodes)
	}
}
