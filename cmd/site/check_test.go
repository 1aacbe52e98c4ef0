package main

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckPassesOnTheOfficeSite(t *testing.T) {
	out, errOut, err := runSite("check", "-s", copySite(t), "--strict")
	if err != nil {
		t.Fatalf("check: %v\n%s%s", err, out, errOut)
	}
	if !strings.Contains(out, "checked 36 pages: 0 errors, 0 warnings") {
		t.Errorf("output:\n%s", out)
	}
}

func TestCheckPrintsFindingsWithSeverityAndExitsOnErrors(t *testing.T) {
	site := copySite(t)
	write := func(p, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(p)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/about.en.md", "---\ntitle: About\ntitel: typo\n---\nSee [missing](nowhere.md).\n")
	t.Setenv("GITHUB_ACTIONS", "true")
	out, _, err := runSite("check", "-s", site)
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want exit 1", err)
	}
	for _, want := range []string{
		"content/about.en.md:3:1: warning: unknown front matter key \"titel\"; did you mean \"title\"?",
		"content/about.en.md:5: error: the link \"nowhere.md\" points to a page that does not exist",
		"::error file=content/about.en.md,line=5::the link",
		"::warning file=content/about.en.md,line=3,col=1::unknown front matter key",
		"checked 36 pages: 1 error, 1 warning",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	write("content/about.en.md", "---\ntitle: About\ntitel: typo\n---\nFine.\n")
	t.Setenv("GITHUB_ACTIONS", "")
	out, _, err = runSite("check", "-s", site)
	if err != nil || strings.Contains(out, "::warning") {
		t.Errorf("warnings alone: err = %v (want exit 0), output:\n%s", err, out)
	}
	if _, _, err := runSite("check", "-s", site, "--strict"); !errors.Is(err, errReported) {
		t.Errorf("--strict with a warning: err = %v, want exit 1", err)
	}
	if _, errOut, err := runSite("build", "-s", site); err != nil {
		t.Errorf("build refused a site with warnings only: %v\n%s", err, errOut)
	}
}

func TestCheckExternalLinksWithALocalServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	site := copySite(t)
	text := "---\ntitle: About\n---\nSee [a partner](" + srv.URL + "/ok) and [an old page](" + srv.URL + "/gone).\n"
	if err := os.WriteFile(filepath.Join(site, "content", "about.en.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runSite("check", "-s", site)
	if err != nil || strings.Contains(out, srv.URL) {
		t.Errorf("without --external links to other sites are not checked: %v\n%s", err, out)
	}
	out, _, _ = runSite("check", "-s", site, "--external")
	if !strings.Contains(out, "content/about.en.md:4: warning: the link to "+srv.URL+"/gone may be broken: the server answers 404") {
		t.Errorf("the broken link is not reported:\n%s", out)
	}
	if strings.Contains(out, srv.URL+"/ok may be broken") {
		t.Errorf("a working link is reported:\n%s", out)
	}
}

func TestCheckTranslationsTable(t *testing.T) {
	site := copySite(t)
	if err := os.Remove(filepath.Join(site, "content", "announcements", "2026-new-mou.ar.md")); err != nil {
		t.Fatal(err)
	}
	out, _, err := runSite("check", "-s", site, "--translations")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"content/announcements/2026-new-mou.en.md: warning: this page has no العربية version yet", "\nannouncements\n", "to do: ar"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	var contact string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "announcements/2026-new-mou ") {
			contact = strings.Join(strings.Fields(line), " ")
		}
	}
	if contact != "announcements/2026-new-mou missing ok to do: ar" {
		t.Errorf("the row of the untranslated page = %q", contact)
	}
}

func TestNewCreatesBothLanguagesAndRefusesToOverwrite(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796500000")
	site := copySite(t)
	out, _, err := runSite("new", "announcement", "Erasmus+ Call 2027", "-s", site)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ar", "en"} {
		p := filepath.Join(site, "content", "announcements", "erasmus-call-2027."+lang+".md")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%s: %v (output %q)", p, err, out)
		}
		for _, want := range []string{"title: Erasmus+ Call 2027\n", "date: 2026-12-05\n", "translationKey: erasmus-call-2027\n", "draft: true"} {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %q:\n%s", lang, want, b)
			}
		}
	}
	if _, _, err := runSite("new", "announcement", "Erasmus+ Call 2027", "-s", site); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("second new: %v, want a refusal", err)
	}
	if _, _, err := runSite("check", "-s", site, "--drafts", "--strict"); err != nil {
		t.Errorf("the new drafts do not pass check: %v", err)
	}
	if _, _, err := runSite("new", "page", "من نحن أيضاً", "-s", site); err != nil {
		t.Errorf("an Arabic title: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "من-نحن-أيضا.en.md")); err != nil {
		t.Errorf("the page with an Arabic title: %v", err)
	}
	if _, _, err := runSite("new", "gallery", "X", "-s", site); !errors.As(err, new(usageError)) {
		t.Errorf("unknown kind: %v, want a usage error", err)
	}
}
