package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func hashLine(t *testing.T, out string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if h, ok := strings.CutPrefix(l, "content hash: "); ok {
			return h
		}
	}
	t.Fatalf("no content hash in:\n%s", out)
	return ""
}

func TestSameCommitAndEpochGiveTheSameHash(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796500000")
	a, b := copySite(t), copySite(t)
	prev := runtime.GOMAXPROCS(1)
	outA, _, errA := runSite("build", "-s", a, "--print-hash")
	runtime.GOMAXPROCS(max(4, prev))
	outB, _, errB := runSite("build", "-s", b, "-d", filepath.Join(t.TempDir(), "elsewhere"), "--print-hash")
	runtime.GOMAXPROCS(prev)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if ha, hb := hashLine(t, outA), hashLine(t, outB); ha != hb {
		t.Errorf("two builds of one site with one SOURCE_DATE_EPOCH differ: %s and %s", ha, hb)
	}
}

func TestSourceDateEpochDecidesWhetherACallIsOpen(t *testing.T) {
	site := copySite(t)
	page := filepath.Join(site, "public", "en", "announcements", "2026-erasmus-staff-mobility", "index.html")
	status := func(epoch string) (string, string) {
		t.Helper()
		t.Setenv("SOURCE_DATE_EPOCH", epoch)
		out, errOut, err := runSite("build", "-s", site, "--print-hash")
		if err != nil {
			t.Fatalf("build: %v\n%s", err, errOut)
		}
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		return string(b), hashLine(t, out)
	}
	before, h1 := status("1796500000") // 5 December 2026: open until 31 January 2027
	after, h2 := status("1802000000")  // 6 February 2027: closed
	if !strings.Contains(before, `class="status open"`) || !strings.Contains(after, `class="status closed"`) {
		t.Errorf("the call is not open before its deadline and closed after it")
	}
	if h1 == h2 {
		t.Error("the hash did not change although the site did")
	}
}

func TestDryRunListsChangesAndWritesNothing(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796500000")
	site := copySite(t)
	if _, _, err := runSite("build", "-s", site); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(site, "public", "en", "about", "index.html"))
	about := filepath.Join(site, "content", "about.en.md")
	text, _ := os.ReadFile(about)
	text = []byte(strings.Replace(string(text), "aliases: [/en/about-us/]\n", "", 1))
	if err := os.WriteFile(about, append(text, []byte("\nOne more line.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "public", "stray.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runSite("build", "-s", site, "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"changed  en/about/index.html\n", "changed  en/search/index.json\n", "removed  en/about-us/index.html\n",
		// The offline reading worker and its list of the site's files
		// change with the files: an address went.
		"changed  sw.js\n", "changed  offline-pages.json\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The search index's shards and page files are named by their
	// content: those that hold the page are replaced by new ones.
	count := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		kind, file, ok := strings.Cut(line, "  ")
		file = strings.TrimSpace(file)
		if !ok {
			continue
		}
		count[kind]++
		if kind != "changed" && !strings.HasPrefix(file, "en/search/") && file != "en/about-us/index.html" {
			t.Errorf("%s %s", kind, file)
		}
	}
	// Changed: the page, the manifest of the index, _redirects (the alias
	// went), the worker and its list of files.
	if want := fmt.Sprintf("dry run: %d added, 5 changed, %d removed", count["added"], count["removed"]); count["changed"] != 5 || count["added"] == 0 || !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if strings.Contains(out, "stray.html") {
		t.Errorf("a file site build did not write is listed:\n%s", out)
	}
	after, _ := os.ReadFile(filepath.Join(site, "public", "en", "about", "index.html"))
	if string(before) != string(after) {
		t.Error("the dry run changed the published site")
	}
	if _, err := os.Stat(filepath.Join(site, "public", "stray.html")); err != nil {
		t.Error("the dry run removed a file")
	}
}

// TestBuildKeepsFilesItDidNotWrite is a folder that merely holds
// index.html beside an upload: the build refuses it, --force takes it over
// and keeps the upload through every later build, and what stood where
// the site has a file is moved aside, not lost.
func TestBuildKeepsFilesItDidNotWrite(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796500000")
	site := copySite(t)
	www := filepath.Join(t.TempDir(), "www")
	for p, s := range map[string]string{"index.html": "hi\n", "uploads/r.pdf": "x\n", ".htaccess": "Options -Indexes\n"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(www, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(www, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		_, errOut, err := runSite("build", "-s", site, "-d", www)
		if err == nil || !strings.Contains(errOut, "--force") || !strings.Contains(errOut, "nothing was published") {
			t.Fatalf("build into a folder it did not make: %v\n%s", err, errOut)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(www, "index.html")); string(b) != "hi\n" {
		t.Fatal("a refused build changed index.html")
	}
	_, errOut, err := runSite("build", "-s", site, "-d", www, "--force")
	if err != nil {
		t.Fatalf("--force: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "index.html: not written by site build; moved to") {
		t.Errorf("--force does not say where index.html went:\n%s", errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(filepath.Dir(www), ".www.displaced", "index.html")); string(b) != "hi\n" {
		t.Errorf("the old index.html was not moved aside: %q", b)
	}
	for range 2 {
		if _, errOut, err := runSite("build", "-s", site, "-d", www); err != nil {
			t.Fatalf("the build after --force: %v\n%s", err, errOut)
		}
	}
	for p, s := range map[string]string{"uploads/r.pdf": "x\n", ".htaccess": "Options -Indexes\n"} {
		if b, err := os.ReadFile(filepath.Join(www, p)); err != nil || string(b) != s {
			t.Errorf("%s = %q, %v; want it kept", p, b, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(www, "index.html")); !strings.Contains(string(b), "<html") {
		t.Error("the site's index.html was not published")
	}
}
