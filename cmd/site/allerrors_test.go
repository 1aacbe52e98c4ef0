package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCheckAndBuildReportEveryErrorInOneRun breaks the office site in
// five files (a date, a data file, a layout, a link, and four links on one
// page) and wants site check and site build each to report all of it in
// one run, sorted, and exit 1.
func TestCheckAndBuildReportEveryErrorInOneRun(t *testing.T) {
	site := copySite(t)
	edit := func(p, old, new string) {
		t.Helper()
		file := filepath.Join(site, filepath.FromSlash(p))
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if old != "" && !strings.Contains(string(b), old) {
			t.Fatalf("%s has no %q", p, old)
		}
		text := string(b) + new
		if old != "" {
			text = strings.Replace(string(b), old, new, 1)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("content/announcements/2026-new-mou.en.md", "date: 2026-10-28", "date: 2026-13-45")
	edit("data/objectives.yaml", "", "- id: [unclosed\n")
	edit("layouts/page.html", "{{ltr .Page.Title}}", "{{shout .Page.Title}}")
	edit("content/about.en.md", "", "\nSee [the office](/en/ofice/) and [the memorandum](announcements/2026-new-mou.md).\n")
	edit("content/contact.en.md", "", "\n[the form](form.md)\n\n![a map](/images/map.png)\n\n[down](#nowhere)\n\n[all news](/en/news/)\n")
	want := []string{
		"content/about.en.md:", `"/en/ofice/" leads to /ira/en/ofice/`,
		"content/announcements/2026-new-mou.en.md:", `date "2026-13-45" is not a date`,
		"content/contact.en.md:", `"form.md" points to a page that does not exist`,
		"content/contact.en.md:", `the image "/images/map.png"`,
		"content/contact.en.md:", `"#nowhere" points to #nowhere`,
		"content/contact.en.md:", `"/en/news/" leads to /ira/en/news/`,
		"data/objectives.yaml:", "YAML",
		"layouts/page.html:", `function "shout" not defined`,
	}

	out, _, err := runSite("check", "-s", site)
	if !errors.Is(err, errReported) {
		t.Fatalf("check: err = %v, want exit 1\n%s", err, out)
	}
	var checked []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, ": error: ") {
			checked = append(checked, strings.Replace(line, ": error: ", ": ", 1))
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	_, errOut, err := runSite("build", "-s", site, "-d", dest)
	if !errors.Is(err, errReported) {
		t.Fatalf("build: err = %v, want exit 1\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	built, summary := lines[:len(lines)-1], lines[len(lines)-1]
	for name, got := range map[string][]string{"check": checked, "build": built} {
		if len(got) != len(want)/2 {
			t.Errorf("%s reports %d errors, want %d:\n  %s", name, len(got), len(want)/2, strings.Join(got, "\n  "))
		}
		for i := 0; i < len(want) && i/2 < len(got); i += 2 {
			if line := got[i/2]; !strings.HasPrefix(line, want[i]) || !strings.Contains(line, want[i+1]) {
				t.Errorf("%s: error %d is %q, want %s...%s (in this order)", name, i/2+1, line, want[i], want[i+1])
			}
		}
	}
	if !slices.Equal(checked, built) {
		t.Errorf("check and build report different errors:\ncheck:\n  %s\nbuild:\n  %s", strings.Join(checked, "\n  "), strings.Join(built, "\n  "))
	}
	if !strings.Contains(summary, "8 errors; nothing was published") {
		t.Errorf("build summary = %q", summary)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the failed build made %s (err = %v)", dest, err)
	}
}
