package build

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/gittest"
	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/alaqsa-ira/site/internal/translation"
	"golang.org/x/net/html"
)

// gitSite commits newSite(archive) to a new repository at date.
func gitSite(t *testing.T, date, archive string) *gittest.Repo {
	t.Helper()
	r := gittest.New(t)
	files := map[string]string{}
	for p, f := range newSite(t, archive) {
		files[p] = string(f.Data)
	}
	r.Commit(date, "the site", files)
	return r
}

// buildRepo builds the site of r, with dates and translation states read
// from its git history, as site build and site check do.
func buildRepo(t *testing.T, r *gittest.Repo) *built {
	t.Helper()
	return mustBuild(t, os.DirFS(r.Dir), func(o *Options) {
		o.SourceDir, o.GitDates, o.Report = r.Dir, nil, true
	})
}

// translationNote returns the notice of an outdated translation on a page,
// its text and its link, or nil.
func translationNote(b *built, page string) *html.Node {
	return b.page(page).First(htmltest.Tag("p", "class", "translation-note"))
}

// status returns a page's states in Arabic and English, and the report's
// details of its English and Arabic versions.
func status(b *built, key string) (string, []string) {
	for _, r := range b.res.Translations {
		if r.Key == key {
			var details []string
			for _, l := range []string{"ar", "en"} {
				for _, st := range r.States[l] {
					details = append(details, l+": "+string(st.Status)+" "+st.Source+" "+behindOf(st))
				}
			}
			return r.Status["ar"] + " " + r.Status["en"], details
		}
	}
	return "", nil
}

func TestOutdatedTranslationTellsReadersUntilItIsUpdated(t *testing.T) {
	r := gitSite(t, "2027-03-01T09:00:00Z", pairedSite)
	b := buildRepo(t, r)
	if st, d := status(b, "about"); st != "ok ok" {
		t.Errorf("both committed together: %q %q, want ok ok", st, d)
	}
	for _, p := range []string{"en/about/index.html", "ar/about/index.html"} {
		if n := translationNote(b, p); n != nil {
			t.Errorf("%s: a notice before any change: %q", p, htmltest.Text(n))
		}
	}

	// The Arabic page changes twice; the English one is now behind.
	r.Commit("2027-03-03T10:00:00Z", "Arabic", map[string]string{"content/about.ar.md": "---\ntitle: من نحن\n---\nعن المكتب وأهدافه.\n"})
	r.Commit("2027-03-05T10:00:00Z", "Arabic again", map[string]string{"content/about.ar.md": "---\ntitle: من نحن\n---\nعن المكتب وأهدافه وشركائه.\n"})
	b = buildRepo(t, r)
	st, d := status(b, "about")
	if st != "ok outdated" || len(d) != 1 || d[0] != "en: outdated content/about.ar.md 2 commits since 2027-03-03, last 2027-03-05" {
		t.Errorf("after two Arabic commits: %q %q", st, d)
	}
	n := translationNote(b, "en/about/index.html")
	if n == nil {
		t.Fatal("the English page does not say its Arabic version changed")
	}
	want := "The Arabic version of this page was updated on 5 March 2027; this translation may not include those changes."
	if got := htmltest.Text(n); got != want {
		t.Errorf("notice %q, want %q", got, want)
	}
	a := first(n, htmltest.Tag("a"))
	if a == nil || htmltest.AttrOf(a, "href") != "/ar/about/" || htmltest.AttrOf(a, "hreflang") != "ar" || htmltest.Text(a) != "Arabic version of this page" {
		t.Errorf("the notice's link: %v", a)
	}
	if n := translationNote(b, "ar/about/index.html"); n != nil {
		t.Errorf("the newer page has a notice: %q", htmltest.Text(n))
	}

	// Updated: the notice goes.
	r.Commit("2027-03-06T10:00:00Z", "English", map[string]string{"content/about.en.md": "---\ntitle: About us\n---\nAbout the office and its aims.\n"})
	b = buildRepo(t, r)
	if st, d := status(b, "about"); st != "ok ok" {
		t.Errorf("after the update: %q %q, want ok ok", st, d)
	}
	if n := translationNote(b, "en/about/index.html"); n != nil {
		t.Errorf("the notice stays after the update: %q", htmltest.Text(n))
	}

	// The mirror: English changes, the Arabic page tells its readers in Arabic.
	r.Commit("2027-03-08T10:00:00Z", "English again", map[string]string{"content/about.en.md": "---\ntitle: About us\n---\nAbout the office, its aims and partners.\n"})
	b = buildRepo(t, r)
	if st, d := status(b, "about"); st != "outdated ok" || len(d) != 1 || d[0] != "ar: outdated content/about.en.md 1 commit since 2027-03-08" {
		t.Errorf("after an English commit: %q %q", st, d)
	}
	n = translationNote(b, "ar/about/index.html")
	if n == nil {
		t.Fatal("the Arabic page does not say its English version changed")
	}
	if got, want := htmltest.Text(n), "حُدِّثت نسخة هذه الصفحة باللغة الإنجليزية في ٨ آذار ٢٠٢٧؛ وقد لا تتضمّن هذه الترجمة تلك التغييرات."; got != want {
		t.Errorf("Arabic notice %q, want %q", got, want)
	}
	if a := first(n, htmltest.Tag("a")); a == nil || htmltest.AttrOf(a, "href") != "/en/about/" {
		t.Errorf("the Arabic notice's link: %v", a)
	}
}

// behindOf is translation.Behind, and the last change when it is not the
// first.
func behindOf(st translation.State) string {
	s := translation.Behind(st)
	if !st.Changed.Equal(st.Since) {
		s += ", last " + st.Changed.Format(time.DateOnly)
	}
	return s
}

func TestTranslationStateFollowsRenamesAndBundles(t *testing.T) {
	r := gitSite(t, "2027-03-01T09:00:00Z", pairedSite+`
-- content/trip/index.en.md --
---
title: Study trip
date: 2026-02-01
---
The trip.
-- content/trip/index.ar.md --
---
title: رحلة دراسية
date: 2026-02-01
---
الرحلة.
`)
	// A rename that keeps the text is not a change; the Arabic change
	// after it leaves the English page behind.
	r.Git("", "mv", "content/announcements/grant.en.md", "content/announcements/grant-2027.en.md")
	r.Commit("2027-03-02T09:00:00Z", "rename", nil)
	b := buildRepo(t, r)
	if st, d := status(b, "grant-2026"); st != "ok ok" {
		t.Errorf("after a rename: %q %q, want ok ok", st, d)
	}
	r.Commit("2027-03-04T09:00:00Z", "bundle and grant", map[string]string{
		"content/trip/index.en.md":               "---\ntitle: Study trip\ndate: 2026-02-01\n---\nThe trip, in May.\n",
		"content/announcements/grant-2027.en.md": "---\ntitle: A grant\ndate: 2026-10-01\ntranslationKey: grant-2026\n---\nNew text.\n",
	})
	b = buildRepo(t, r)
	if st, d := status(b, "grant-2026"); st != "outdated ok" || len(d) != 1 || d[0] != "ar: outdated content/announcements/grant-2027.en.md 1 commit since 2027-03-04" {
		t.Errorf("after a change to the renamed file: %q %q", st, d)
	}
	// A page bundle (trip/index.LANG.md) pairs and compares the same way
	// (package translation's tests check it without the loader).
	var key string
	for _, row := range b.res.Translations {
		if row.Sources["ar"] == "content/trip/index.ar.md" {
			key = row.Key
		}
	}
	if key == "" {
		for _, row := range b.res.Translations {
			t.Logf("%s %v", row.Key, row.Sources)
		}
		t.Fatal("the page bundle trip/index.LANG.md is not in the translation table")
	}
	if st, d := status(b, key); st != "outdated ok" || len(d) != 1 || d[0] != "ar: outdated content/trip/index.en.md 1 commit since 2027-03-04" {
		t.Errorf("bundle %q: %q %q", key, st, d)
	}
	var notes int
	for f := range b.files {
		if strings.HasPrefix(f, "ar/trip/") && strings.HasSuffix(f, ".html") {
			if n := translationNote(b, f); n != nil && strings.Contains(htmltest.Text(n), "الإنجليزية") {
				notes++
			}
		}
	}
	if notes != 1 {
		t.Errorf("the bundle's Arabic page: %d notices, want 1", notes)
	}
}

// first is the first node under n that m matches, or nil.
func first(n *html.Node, m htmltest.Match) *html.Node {
	if all := htmltest.All(n, m); len(all) > 0 {
		return all[0]
	}
	return nil
}

func TestUntranslatedPageSaysWhichLanguageItLacks(t *testing.T) {
	b := mustBuild(t, newSite(t, pairedSite+"-- content/only-arabic.ar.md --\n---\ntitle: بالعربية فقط\n---\nنص.\n"))
	for page, want := range map[string]string{
		"en/only-english/index.html": "there is no Arabic version of this page yet; this link goes to the nearest page",
		"ar/only-arabic/index.html":  "لا توجد بعدُ نسخة من هذه الصفحة باللغة الإنجليزية؛ ينقلك هذا الرابط إلى أقرب صفحة",
	} {
		note := b.page(page).First(htmltest.Tag("small", "class", "nearest"))
		if note == nil || htmltest.Text(note) != want {
			t.Errorf("%s: the switcher's note is %v, want %q", page, note, want)
		}
		if n := translationNote(b, page); n != nil {
			t.Errorf("%s: an untranslated page says its translation changed: %q", page, htmltest.Text(n))
		}
	}
}

// TestCommitsThatLeaveTranslationsUnaffected: a commit whose message says
// "Translation: unaffected" (a typo, the wording of one language) does not
// leave the other language behind, and a later, empty commit can say it of
// earlier commits by their hashes. A change without the trailer still does.
func TestCommitsThatLeaveTranslationsUnaffected(t *testing.T) {
	r := gitSite(t, "2027-03-01T09:00:00Z", pairedSite)
	r.Commit("2027-03-02T10:00:00Z", "Arabic: a typo\n\nTranslation: unaffected", map[string]string{"content/about.ar.md": "---\ntitle: من نحن\n---\nعن المكتب.\n"})
	if st, d := status(buildRepo(t, r), "about"); st != "ok ok" {
		t.Errorf("after a commit marked unaffected: %q %q, want ok ok", st, d)
	}
	// Two unmarked commits, then one marked after the fact: the other
	// still counts.
	r.Commit("2027-03-03T10:00:00Z", "Arabic: wording", map[string]string{"content/about.ar.md": "---\ntitle: من نحن\n---\nعن مكتبنا.\n"})
	wording := strings.TrimSpace(r.Git("", "rev-parse", "--short", "HEAD"))
	r.Commit("2027-03-04T10:00:00Z", "Arabic: new text", map[string]string{"content/about.ar.md": "---\ntitle: من نحن\n---\nعن مكتبنا وشركائه.\n"})
	b := buildRepo(t, r)
	if st, d := status(b, "about"); st != "ok outdated" || len(d) != 1 || !strings.Contains(d[0], "2 commits since 2027-03-03") {
		t.Errorf("after two Arabic commits: %q %q", st, d)
	}
	r.Commit("2027-03-05T10:00:00Z", "Translations checked\n\nTranslation: unaffected "+wording, nil)
	b = buildRepo(t, r)
	if st, d := status(b, "about"); st != "ok outdated" || len(d) != 1 || !strings.Contains(d[0], "1 commit since 2027-03-04") {
		t.Errorf("with the wording commit marked afterwards: %q %q", st, d)
	}
	// Both marked: in step again, and the notice goes.
	newText := strings.TrimSpace(r.Git("", "rev-parse", "HEAD~1"))
	r.Commit("2027-03-06T10:00:00Z", "More checked\n\nTranslation: unaffected "+newText[:10], nil)
	b = buildRepo(t, r)
	if st, d := status(b, "about"); st != "ok ok" {
		t.Errorf("with both marked: %q %q, want ok ok", st, d)
	}
	if n := translationNote(b, "en/about/index.html"); n != nil {
		t.Errorf("a notice stays: %q", htmltest.Text(n))
	}
}
