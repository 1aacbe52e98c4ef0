package main

import (
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
	for _, want := range []string{"changed  en/about/index.html\n", "changed  en/search/index.json\n", "removed  stray.html\n", "dry run: 0 added, 2 changed, 1 removed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	after, _ := os.ReadFile(filepath.Join(site, "public", "en", "about", "index.html"))
	if string(before) != string(after) {
		t.Error("the dry run changed the published site")
	}
	if _, err := os.Stat(filepath.Join(site, "public", "stray.html")); err != nil {
		t.Error("the dry run removed a file")
	}
}
