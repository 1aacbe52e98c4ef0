package build

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"testing/fstest"
	"time"
)

// edit changes the site and names the paths it touched.
type edit struct {
	name  string
	apply func(m fstest.MapFS) []string
}

func set(path, text string) edit {
	return edit{"write " + path, func(m fstest.MapFS) []string {
		m[path] = &fstest.MapFile{Data: []byte(text)}
		return []string{path}
	}}
}

func remove(path string) edit {
	return edit{"remove " + path, func(m fstest.MapFS) []string {
		delete(m, path)
		return []string{path}
	}}
}

const incrementalSite = pairedSite + `
-- content/announcements/call.en.md --
---
title: A call
date: 2026-09-01
categories: [call]
deadline: 2026-12-01
---
Apply [here](../about.md). More text.

Second paragraph.
-- content/announcements/call.ar.md --
---
title: دعوة
date: 2026-09-01
categories: [call]
deadline: 2026-12-01
---
قدّم الآن.
-- content/announcements/news.en.md --
---
title: News
date: 2026-08-01
categories: [news]
---
Some news.
-- content/announcements/old.en.md --
---
title: Old
date: 2026-07-01
categories: [news, visit]
---
Old news.
`

// TestRebuildEqualsFullBuild applies a sequence of edits to a site and,
// after each, compares the incremental rebuild's output with a full build
// of the same files, byte for byte.
func TestRebuildEqualsFullBuild(t *testing.T) {
	m := newSite(t, incrementalSite)
	b := NewBuilder(Options{Source: m, Keep: true, Now: testNow, GitDates: map[string]time.Time{}})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	edits := []edit{
		set("content/announcements/call.en.md", "---\ntitle: A call\ndate: 2026-09-01\ncategories: [call]\ndeadline: 2026-12-01\n---\nApply [here](../about.md). More text.\n\nA changed second paragraph.\n"),
		set("content/announcements/call.en.md", "---\ntitle: A renamed call\ndate: 2026-09-01\ncategories: [call, news]\ndeadline: 2026-12-01\n---\nChanged first paragraph.\n"),
		set("content/about.en.md", "---\ntitle: About the office\n---\nAbout, renamed.\n"),
		set("content/announcements/new.en.md", "---\ntitle: Brand new\ndate: 2026-11-01\ncategories: [visit]\n---\nNew.\n"),
		set("content/announcements/new.ar.md", "---\ntitle: جديد\ndate: 2026-11-01\ncategories: [visit]\n---\nجديد.\n"),
		remove("content/announcements/old.en.md"),
		set("content/announcements/news.en.md", "---\ntitle: News\ndate: 2026-08-01\ncategories: [news]\ndraft: true\n---\nNow a draft.\n"),
		set("content/announcements/news.en.md", "---\ntitle: News\ndate: 2026-08-01\nslug: renamed-news\ncategories: [news]\n---\nBack, renamed.\n"),
		set("content/only-english.ar.md", "---\ntitle: بالعربية أيضاً\n---\nترجمة.\n"),
		set("data/i18n/en.yaml", ""), // replaced below with a changed string
		set("layouts/partials/footer.html", "<footer class=\"site-footer\"><p>changed footer {{.Site.Title}}</p></footer>\n"),
		set("static/css/site.css", "body { color: black; }\n"),
		set("content/announcements/call.ar.md", "---\ntitle: [broken\n---\n"),
		set("content/announcements/call.ar.md", "---\ntitle: دعوة مصححة\ndate: 2026-09-01\ncategories: [call]\n---\nعاد.\n"),
		remove("content/only-english.en.md"),
		set("data/site.yaml", ""), // replaced below with a changed setting
	}
	i18n := string(m["data/i18n/en.yaml"].Data)
	edits[9] = set("data/i18n/en.yaml", i18n+"\nextraKey: extra\n")
	edits[9].apply = func(m fstest.MapFS) []string {
		m["data/i18n/en.yaml"] = &fstest.MapFile{Data: []byte(replaceOnce(i18n, "readMore: \"Read more: {title}\"", "readMore: \"Continue reading: {title}\""))}
		return []string{"data/i18n/en.yaml"}
	}
	config := string(m["data/site.yaml"].Data)
	edits[len(edits)-1].apply = func(m fstest.MapFS) []string {
		m["data/site.yaml"] = &fstest.MapFile{Data: []byte(replaceOnce(config, "paginate: 2", "paginate: 3"))}
		return []string{"data/site.yaml"}
	}
	for i, e := range edits {
		paths := e.apply(m)
		res, err := b.Build(context.Background(), &Changes{Paths: paths})
		full, fullErr := buildSite(t, m)
		if (err == nil) != (fullErr == nil) {
			t.Fatalf("edit %d (%s): rebuild error %v, full build error %v", i, e.name, err, fullErr)
		}
		if err != nil {
			continue
		}
		if got, want := memDigest(res.Outputs), memDigest(full.files); !slices.Equal(got, want) {
			t.Fatalf("edit %d (%s): the rebuild differs from a full build:\n%s", i, e.name, diffLines(got, want))
		}
		if want := []string{"en/announcements/call/index.html", "en/search/index.json"}; i == 0 && (res.Rendered > 3 || !slices.Equal(res.Changed, want)) {
			t.Errorf("an edit below the first paragraph rendered %d files and changed %v; want only %v", res.Rendered, res.Changed, want)
		}
	}
}

func replaceOnce(s, old, new string) string {
	i := indexOf(s, old)
	if i < 0 {
		panic("replaceOnce: " + old + " not found")
	}
	return s[:i] + new + s[i+len(old):]
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TestRandomEditsKeepRebuildsExact makes many random page edits and checks
// each rebuild against a full build.
func TestRandomEditsKeepRebuildsExact(t *testing.T) {
	m := newSite(t, incrementalSite)
	b := NewBuilder(Options{Source: m, Keep: true, Now: testNow, GitDates: map[string]time.Time{}})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	cats := []string{"call", "news", "visit", "scholarship"}
	for i := range 40 {
		n := r.IntN(6)
		lang := []string{"en", "ar"}[r.IntN(2)]
		path := fmt.Sprintf("content/announcements/r%d.%s.md", n, lang)
		var paths []string
		if r.IntN(5) == 0 {
			delete(m, path)
		} else {
			text := fmt.Sprintf("---\ntitle: Item %d v%d\ndate: 2026-%02d-%02d\ncategories: [%s]\n", n, r.IntN(3), 1+r.IntN(11), 1+r.IntN(27), cats[r.IntN(len(cats))])
			if r.IntN(3) == 0 {
				text += fmt.Sprintf("deadline: 2026-12-%02d\n", 1+r.IntN(27))
			}
			if r.IntN(4) == 0 {
				text += "draft: true\n"
			}
			text += fmt.Sprintf("---\nBody %d, first paragraph.\n\nMore %d.\n", r.IntN(3), r.IntN(100))
			m[path] = &fstest.MapFile{Data: []byte(text)}
		}
		paths = append(paths, path)
		res, err := b.Build(context.Background(), &Changes{Paths: paths})
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		full := mustBuild(t, m)
		if got, want := memDigest(res.Outputs), memDigest(full.files); !slices.Equal(got, want) {
			t.Fatalf("step %d (%s): the rebuild differs from a full build:\n%s", i, path, diffLines(got, want))
		}
	}
}

func TestRebuildReportsRemovedFiles(t *testing.T) {
	m := newSite(t, incrementalSite)
	b := NewBuilder(Options{Source: m, Keep: true, Now: testNow, GitDates: map[string]time.Time{}})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	delete(m, "content/only-english.en.md")
	res, err := b.Build(context.Background(), &Changes{Paths: []string{"content/only-english.en.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Changed, "en/only-english/index.html") {
		t.Errorf("changed %v does not list the removed page", res.Changed)
	}
	if _, ok := res.Outputs["en/only-english/index.html"]; ok {
		t.Error("the removed page is still in the outputs")
	}
}
