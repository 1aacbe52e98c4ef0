//go:build unix

package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/regular/regulartest"
)

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// load reads the site at root as the commands do, under a hang guard.
func load(t *testing.T, root string) (*Site, []error) {
	t.Helper()
	var s *Site
	var problems []error
	hangtest.Run(t, "loading "+root, func() {
		fsys := DirFS(root)
		s, problems = LoadData(fsys)
		if s != nil {
			problems = append(problems, LoadContent(context.Background(), fsys, s, markdown.New(), Options{})...)
		}
	})
	return s, problems
}

// TestSpecialFilesInTheSourceAreSkippedWithAWarning plants a named pipe, a
// socket and a device (where this user may make one) as a page, as a file
// of a page bundle and as each optional data file: the site loads, without
// waiting on any of them, with a warning naming each, and the rest of the
// site is loaded as it would be without them.
func TestSpecialFilesInTheSourceAreSkippedWithAWarning(t *testing.T) {
	planted := []string{
		"content/announcements/f.en.md",
		"content/bundle/group.jpg",
		"content/bundle/notes.en.md.txt",
		"data/partners.yaml",
		"data/objectives.yaml",
		"data/i18n/en.yaml",
	}
	for _, sp := range regulartest.Specials {
		t.Run(sp.Name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, map[string]string{
				ConfigPath:                     fuzzConfig,
				"content/about.en.md":          "---\ntitle: About\n---\nText.\n",
				"content/bundle/index.en.md":   "---\ntitle: Bundle\n---\nText.\n",
				"content/bundle/programme.pdf": "%PDF-1.4\n",
			})
			if err := os.MkdirAll(filepath.Join(root, "content", "announcements"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(root, "data", "i18n"), 0o755); err != nil {
				t.Fatal(err)
			}
			for _, p := range planted {
				if !sp.Make(t, filepath.Join(root, filepath.FromSlash(p))) {
					t.Skip("cannot make one here")
				}
			}
			s, problems := load(t, root)
			if s == nil {
				t.Fatalf("the site did not load: %v", problems)
			}
			errs, warnings := diag.Split(problems)
			if len(errs) > 0 {
				t.Errorf("errors: %v", errs)
			}
			for _, p := range planted {
				if !slices.ContainsFunc(warnings, func(w error) bool {
					return strings.HasPrefix(w.Error(), p+": warning: ") && strings.Contains(w.Error(), "not a regular file")
				}) {
					t.Errorf("no warning names %s: %v", p, warnings)
				}
			}
			var pages []string
			for _, p := range s.Pages {
				pages = append(pages, p.Source)
			}
			if want := []string{"content/about.en.md", "content/bundle/index.en.md"}; !slices.Equal(pages, want) {
				t.Errorf("pages = %v, want %v", pages, want)
			}
			if res := s.Resources["content/bundle"]; !slices.Equal(res, []string{"content/bundle/programme.pdf"}) {
				t.Errorf("the bundle's files = %v, want only its regular file", res)
			}
		})
	}
}

// TestASpecialFileForTheSettingsIsAnError plants a named pipe where
// data/site.yaml belongs: nothing can be built without it, so the load
// fails, at once, with an error that says what the file is.
func TestASpecialFileForTheSettingsIsAnError(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"content/about.en.md": "---\ntitle: About\n---\n"})
	if err := os.MkdirAll(filepath.Join(root, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	regulartest.FIFO(t, filepath.Join(root, "data", "site.yaml"))
	s, problems := load(t, root)
	if s != nil {
		t.Fatal("the site loaded without its settings")
	}
	if len(problems) == 0 || !strings.HasPrefix(problems[0].Error(), "data/site.yaml: this is a named pipe (FIFO), not a regular file, so the site cannot be read") {
		t.Errorf("problems = %v", problems)
	}
}

// TestLinksInContentAreStillNotFollowed keeps the rule for links: in
// content/ a link is skipped with a warning, whatever it points to.
func TestLinksInContentAreStillNotFollowed(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.en.md")
	writeFiles(t, root, map[string]string{ConfigPath: fuzzConfig, "content/about.en.md": "---\ntitle: About\n---\n"})
	writeFiles(t, filepath.Dir(outside), map[string]string{"secret.en.md": "---\ntitle: Secret\n---\n"})
	if err := os.Symlink(outside, filepath.Join(root, "content", "leak.en.md")); err != nil {
		t.Fatal(err)
	}
	s, problems := load(t, root)
	if s == nil || len(s.Pages) != 1 {
		t.Fatalf("site %v, problems %v", s, problems)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Error(), "content/leak.en.md: warning: symbolic links are not followed") {
		t.Errorf("problems = %v", problems)
	}
}
