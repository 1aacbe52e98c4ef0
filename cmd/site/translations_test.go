package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/gittest"
)

// appendTo adds a line to a file of the site.
func appendTo(t *testing.T, site, name, line string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, "\n"+line+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkTranslations runs site check --translations (and more args) and
// fails the test unless it exits 0.
func checkTranslations(t *testing.T, site string, args ...string) string {
	t.Helper()
	out, errOut, err := runSite(append([]string{"check", "-s", site, "--translations"}, args...)...)
	if err != nil {
		t.Fatalf("check: %v\n%s%s", err, out, errOut)
	}
	return out
}

// row returns the line of the translation table for a page.
func row(out, key string) string {
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == key {
			return strings.Join(f, " ")
		}
	}
	return ""
}

func TestCheckTranslationsSaysWhatChangedSinceTheTranslation(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "")
	site := copySite(t)
	r := gittest.Init(t, site)
	r.Commit("2027-03-01T09:00:00Z", "the site", nil)
	appendTo(t, site, "content/about.en.md", "The office also welcomes visiting scholars.")
	r.Commit("2027-03-03T09:00:00Z", "English", nil)
	appendTo(t, site, "content/about.en.md", "It answers within a week.")
	r.Commit("2027-03-04T09:00:00Z", "English again", nil)

	out := checkTranslations(t, site, "--diff")
	if got := row(out, "about"); got != "about outdated ok to do: ar" {
		t.Errorf("the row of about: %q\n%s", got, out)
	}
	for _, want := range []string{
		"    ar: outdated: 2 commits since 2027-03-03 to content/about.en.md, last on 2027-03-04\n",
		"      +The office also welcomes visiting scholars.\n",
		"      +It answers within a week.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if row(out, "vision") != "vision ok ok" || strings.Contains(out, "stale") {
		t.Errorf("other pages: %q\n%s", row(out, "vision"), out)
	}
	if plain := checkTranslations(t, site); strings.Contains(plain, "+It answers") {
		t.Errorf("the change is shown without --diff:\n%s", plain)
	}

	// A translator's edit not committed yet is said; the state is the last commit's.
	appendTo(t, site, "content/about.ar.md", "ويرحّب المكتب بالباحثين الزائرين.")
	out = checkTranslations(t, site)
	if !strings.Contains(out, "content/about.ar.md has changes not committed yet") || row(out, "about") != "about outdated ok to do: ar" {
		t.Errorf("with an uncommitted translation:\n%s", out)
	}
	r.Commit("2027-03-05T09:00:00Z", "Arabic", nil)
	out = checkTranslations(t, site, "--diff")
	if row(out, "about") != "about ok ok" || strings.Contains(out, "not committed") || strings.Contains(out, "outdated") {
		t.Errorf("after the Arabic update:\n%s", out)
	}
	// A file never committed: its state is unknown, and said why.
	if err := os.WriteFile(filepath.Join(site, "content", "new.en.md"), []byte("---\ntitle: New\n---\nNew.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "new.ar.md"), []byte("---\ntitle: جديد\n---\nجديد.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = checkTranslations(t, site)
	if row(out, "new") != "new unknown unknown to do: ar, en" || !strings.Contains(out, "is not committed yet") {
		t.Errorf("files never committed:\n%s", out)
	}
}

func TestCheckTranslationsWithoutGitOrWithAShallowClone(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "")
	site := copySite(t)
	out := checkTranslations(t, site, "--diff")
	if !strings.Contains(out, "is not in a git repository") || row(out, "about") != "about unknown unknown to do: ar, en" {
		t.Errorf("outside a repository:\n%s", out)
	}
	t.Setenv("PATH", t.TempDir()) // no git at all
	if out := checkTranslations(t, site); !strings.Contains(out, "git is not installed") {
		t.Errorf("without git:\n%s", out)
	}
}

func TestCheckTranslationsInAShallowClone(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "")
	site := copySite(t)
	r := gittest.Init(t, site)
	r.Commit("2027-03-01T09:00:00Z", "the site", nil)
	appendTo(t, site, "content/about.en.md", "More.")
	r.Commit("2027-03-03T09:00:00Z", "English", nil)
	clone := gittest.New(t)
	clone.Git("", "fetch", "-q", "--depth", "1", "file://"+site, "main")
	clone.Git("", "checkout", "-q", "FETCH_HEAD")
	out := checkTranslations(t, clone.Dir)
	if !strings.Contains(out, "the git history is shallow") || !strings.Contains(out, "fetch-depth: 0") || row(out, "about") != "about unknown unknown to do: ar, en" {
		t.Errorf("a shallow clone:\n%s", out)
	}
	t.Setenv("GITHUB_ACTIONS", "true")
	t.Setenv("GITHUB_BASE_REF", "main")
	out, _, err := runSite("check", "-s", clone.Dir)
	if err != nil || !strings.Contains(out, "::notice title=Translation::Cannot tell") || strings.Contains(out, "::warning") {
		t.Errorf("a pull request in a shallow clone: %v\n%s", err, out)
	}
}

func TestPullRequestWarnsOnTheFileWhoseTranslationItLeavesBehind(t *testing.T) {
	site := copySite(t)
	r := gittest.Init(t, site)
	r.Commit("2027-03-01T09:00:00Z", "the site", nil)
	appendTo(t, site, "content/about.en.md", "Behind before the pull request.")
	r.Commit("2027-03-02T09:00:00Z", "English on main", nil)
	r.Git("", "checkout", "-q", "-b", "feature")
	appendTo(t, site, "content/vision.ar.md", "رؤية محدّثة.")
	r.Commit("2027-03-03T09:00:00Z", "Arabic in the pull request", nil)

	t.Setenv("GITHUB_ACTIONS", "true")
	t.Setenv("GITHUB_BASE_REF", "main")
	out, _, err := runSite("check", "-s", site)
	if err != nil {
		t.Fatalf("the warning changed the exit code: %v\n%s", err, out)
	}
	want := "::warning file=content/vision.ar.md,line=1,title=Translation::The English version of this page now needs updating\n"
	if !strings.Contains(out, want) {
		t.Errorf("no annotation %q:\n%s", want, out)
	}
	if strings.Count(out, "title=Translation") != 1 {
		t.Errorf("annotations on files the pull request did not change:\n%s", out)
	}
	appendTo(t, site, "content/about.en.md", "And changed again in the pull request.")
	r.Commit("2027-03-04T09:00:00Z", "English in the pull request", nil)
	out, _, _ = runSite("check", "-s", site)
	if !strings.Contains(out, "::warning file=content/about.en.md,line=1,title=Translation::The Arabic version of this page now needs updating\n") {
		t.Errorf("no annotation on about.en.md:\n%s", out)
	}

	t.Setenv("GITHUB_ACTIONS", "")
	out, _, _ = runSite("check", "-s", site)
	if strings.Contains(out, "::warning") || strings.Contains(out, "title=Translation") {
		t.Errorf("annotations outside GitHub Actions:\n%s", out)
	}
}
