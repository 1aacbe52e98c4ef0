package serve

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The tests here replace whole folders of the source while the server
// runs, the way a git checkout of another branch, a backup put back or a
// script does, and check that the server follows: the pages of the new
// folder are served, and those that are gone are not found.

func is(want int) func(int, string) bool {
	return func(code int, _ string) bool { return code == want }
}

// gone accepts a page that is not served: not found, or the error page
// of a site that cannot be built without the folder.
func gone(code int, _ string) bool { return code == 404 || code == 500 }

func shows(text string) func(int, string) bool {
	return func(code int, body string) bool { return code == 200 && strings.Contains(body, text) }
}

// expect waits until the page answers as ok says, and fails the test if
// it never does.
func (r *running) expect(what, page string, ok func(int, string) bool) {
	r.t.Helper()
	if code, body := r.waitFor(page, ok); !ok(code, body) {
		r.t.Errorf("%s: %s answers %d:\n%.300s", what, page, code, body)
	}
}

// copyTree copies the folder src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestContentFolderRemovedAndMadeAgainIsWatched(t *testing.T) {
	r := start(t, writeSite(t))
	content := filepath.Join(r.root, "content")
	saved := filepath.Join(t.TempDir(), "content")
	copyTree(t, content, saved)

	must(t, os.RemoveAll(content))
	r.expect("content/ removed", "/en/about/", gone)
	must(t, os.Mkdir(content, 0o755))
	copyTree(t, saved, content)
	must(t, os.Remove(filepath.Join(content, "announcements", "call.en.md")))
	r.write("content/news.en.md", "---\ntitle: News\n---\nWritten into the new folder.\n")
	r.expect("content/ made again", "/en/about/", shows("The first version."))
	r.expect("content/ made again", "/en/news/", shows("Written into the new folder."))
	r.expect("content/ made again without a page", "/en/announcements/call/", is(404))

	// The folder made again is watched: edits in it are seen.
	r.write("content/about.en.md", "---\ntitle: About\n---\nEdited in the new folder.\n")
	r.expect("an edit in the folder made again", "/en/about/", shows("Edited in the new folder."))
}

func TestContentFolderReplacedByAnotherIsWatched(t *testing.T) {
	r := start(t, writeSite(t))
	content := filepath.Join(r.root, "content")
	other := filepath.Join(r.root, "other")
	copyTree(t, content, other)
	otherFiles := map[string]string{
		"about.en.md":              "---\ntitle: About\n---\nAbout, in the other folder.\n",
		"visit.en.md":              "---\ntitle: Visit\n---\nOnly in the other folder.\n",
		"events/_index.en.md":      "---\ntitle: Events\n---\n",
		"events/fair.en.md":        "---\ntitle: Fair\ndate: 2026-10-01\n---\nA nested folder of the other one.\n",
		"announcements/call.en.md": "",
	}
	for name, text := range otherFiles {
		full := filepath.Join(other, filepath.FromSlash(name))
		if text == "" {
			must(t, os.Remove(full))
			continue
		}
		must(t, os.MkdirAll(filepath.Dir(full), 0o755))
		must(t, os.WriteFile(full, []byte(text), 0o644))
	}

	backup := filepath.Join(r.root, "content.bak")
	must(t, os.Rename(content, backup))
	must(t, os.Rename(other, content))
	r.expect("content/ replaced", "/en/about/", shows("About, in the other folder."))
	r.expect("content/ replaced", "/en/visit/", shows("Only in the other folder."))
	r.expect("content/ replaced", "/en/events/fair/", shows("A nested folder of the other one."))
	r.expect("content/ replaced", "/en/announcements/call/", is(404))

	// Edits in the folder moved away are not the site's; edits in the new
	// one, nested folders too, are.
	must(t, os.WriteFile(filepath.Join(backup, "about.en.md"), []byte("---\ntitle: About\n---\nIn the backup.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(backup, "announcements", "call.en.md"), []byte("---\ntitle: A call\ndate: 2026-09-01\n---\nIn the backup.\n"), 0o644))
	r.write("content/events/fair.en.md", "---\ntitle: Fair\ndate: 2026-10-01\n---\nEdited after the swap.\n")
	r.expect("an edit in a nested folder of the new content/", "/en/events/fair/", shows("Edited after the swap."))
	r.expect("an edit in the folder moved away", "/en/about/", shows("About, in the other folder."))
	r.expect("an edit in the folder moved away", "/en/announcements/call/", is(404))

	// And back again.
	must(t, os.Rename(content, other))
	must(t, os.Rename(backup, content))
	r.expect("content/ put back", "/en/about/", shows("In the backup."))
	r.expect("content/ put back", "/en/announcements/call/", shows("In the backup."))
	r.expect("content/ put back", "/en/events/fair/", is(404))
	r.expect("content/ put back", "/en/visit/", is(404))
}

func TestNestedFolderRemovedAndMadeAgainIsWatched(t *testing.T) {
	r := start(t, writeSite(t))
	section := filepath.Join(r.root, "content", "announcements")
	must(t, os.RemoveAll(section))
	r.expect("a section removed", "/en/announcements/call/", is(404))
	r.write("content/announcements/_index.en.md", "---\ntitle: Announcements\n---\n")
	r.write("content/announcements/visit.en.md", "---\ntitle: A visit\ndate: 2026-10-01\n---\nIn the section made again.\n")
	r.expect("a section made again", "/en/announcements/visit/", shows("In the section made again."))
	r.expect("a section made again", "/en/announcements/call/", is(404))
	r.write("content/announcements/visit.en.md", "---\ntitle: A visit\ndate: 2026-10-01\n---\nEdited again.\n")
	r.expect("an edit in the section made again", "/en/announcements/visit/", shows("Edited again."))
}

func TestOtherSourceFoldersReplacedAreWatched(t *testing.T) {
	r := start(t, writeSite(t))
	// layouts/ replaced by a changed copy
	layouts := filepath.Join(r.root, "layouts")
	changed := filepath.Join(t.TempDir(), "layouts")
	copyTree(t, layouts, changed)
	page, err := os.ReadFile(filepath.Join(changed, "page.html"))
	must(t, err)
	must(t, os.WriteFile(filepath.Join(changed, "page.html"), []byte(strings.Replace(string(page), "{{define \"main\"}}", "{{define \"main\"}}<p>From the new layouts.</p>", 1)), 0o644))
	must(t, os.Rename(layouts, filepath.Join(r.root, "layouts.bak")))
	must(t, os.Rename(changed, layouts))
	r.expect("layouts/ replaced", "/en/about/", shows("From the new layouts."))

	// static/ removed and made again with a changed stylesheet
	static := filepath.Join(r.root, "static")
	saved := filepath.Join(t.TempDir(), "static")
	copyTree(t, static, saved)
	must(t, os.RemoveAll(static))
	copyTree(t, saved, static)
	css := filepath.Join(static, "css", "site.css")
	b, err := os.ReadFile(css)
	must(t, err)
	must(t, os.WriteFile(css, append(b, "\n.made-again { color: red; }\n"...), 0o644))
	r.expect("static/ made again", "/css/site.css", shows(".made-again"))

	// data/ removed (the site cannot build) and put back with a change
	data := filepath.Join(r.root, "data")
	savedData := filepath.Join(t.TempDir(), "data")
	copyTree(t, data, savedData)
	must(t, os.RemoveAll(data))
	r.expect("data/ removed", "/en/about/", is(500))
	cfg := filepath.Join(savedData, "site.yaml")
	b, err = os.ReadFile(cfg)
	must(t, err)
	must(t, os.WriteFile(cfg, []byte(strings.Replace(string(b), "title: Relations Office", "title: Office Put Back", 1)), 0o644))
	copyTree(t, savedData, data)
	r.expect("data/ put back", "/en/about/", shows("Office Put Back"))
}

func TestEmptiedSourceFolderFilledAgainIsWatched(t *testing.T) {
	r := start(t, writeSite(t))
	saved := t.TempDir()
	copyTree(t, r.root, saved)
	entries, err := os.ReadDir(r.root)
	must(t, err)
	for _, e := range entries {
		must(t, os.RemoveAll(filepath.Join(r.root, e.Name())))
	}
	r.expect("the site folder emptied", "/en/about/", is(500))
	must(t, os.WriteFile(filepath.Join(saved, "content", "about.en.md"), []byte("---\ntitle: About\n---\nFilled again.\n"), 0o644))
	copyTree(t, saved, r.root)
	r.expect("the site folder filled again", "/en/about/", shows("Filled again."))
	r.write("content/about.en.md", "---\ntitle: About\n---\nEdited after.\n")
	r.expect("an edit after the folder was filled again", "/en/about/", shows("Edited after."))
}

func TestCheckoutOfAnotherBranchIsFollowed(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	root := writeSite(t)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "main")
	git("checkout", "-q", "-b", "other")
	must(t, os.RemoveAll(filepath.Join(root, "content", "announcements")))
	must(t, os.MkdirAll(filepath.Join(root, "content", "events", "2026"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "content", "events", "_index.en.md"), []byte("---\ntitle: Events\n---\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "content", "events", "2026", "fair.en.md"), []byte("---\ntitle: Fair\ndate: 2026-10-01\n---\nOn the other branch.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "content", "about.en.md"), []byte("---\ntitle: About\n---\nAbout, on the other branch.\n"), 0o644))
	git("add", "-A")
	git("commit", "-q", "-m", "other")
	git("checkout", "-q", "main")

	r := start(t, root)
	r.expect("on main", "/en/announcements/call/", shows("Apply."))
	git("checkout", "-q", "other")
	r.expect("checked out other", "/en/events/2026/fair/", shows("On the other branch."))
	r.expect("checked out other", "/en/about/", shows("About, on the other branch."))
	r.expect("checked out other", "/en/announcements/call/", is(404))
	git("checkout", "-q", "main")
	r.expect("back on main", "/en/announcements/call/", shows("Apply."))
	r.expect("back on main", "/en/events/2026/fair/", is(404))
	r.expect("back on main", "/en/about/", shows("The first version."))
}
