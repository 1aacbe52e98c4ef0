package docscheck

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The repository, from this package's folder.
var repo = os.DirFS("../..")

// TestDocumentationLinksLeadSomewhere checks the README and every page of
// docs/: each link, image and anchor leads somewhere, each page and picture
// of docs/ is reached from the README.
func TestDocumentationLinksLeadSomewhere(t *testing.T) {
	for _, err := range Check(repo, "README.md", "docs") {
		t.Error(err)
	}
}

// TestReadmeIsTheShortEntryPoint: the README stays short, gives the
// commands, and leads to each guide, the Arabic one first.
func TestReadmeIsTheShortEntryPoint(t *testing.T) {
	b, err := fs.ReadFile(repo, "README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	if n := strings.Count(readme, "\n"); n >= 250 {
		t.Errorf("the README has %d lines; it is the entry point, under 250 lines: move the rest to docs/", n)
	}
	for _, cmd := range []string{"go run ./cmd/site serve", "go run ./cmd/site build", "go test ./..."} {
		if !strings.Contains(readme, cmd) {
			t.Errorf("the README does not give the command %q", cmd)
		}
	}
	ar, en, ref := strings.Index(readme, "(docs/ar/README.md)"), strings.Index(readme, "(docs/en/README.md)"), strings.Index(readme, "(docs/reference/README.md)")
	if ar < 0 || en < 0 || ref < 0 || ar > en {
		t.Errorf("the README should link the Arabic guide, then the English one, and the reference (at %d, %d, %d)", ar, en, ref)
	}
}

// TestGuideSaysTheSameInBothLanguages: the editor's guide has the same
// pages in Arabic and English; each page has the same headings, at the same
// levels, and shows the same pictures as its translation, and links to it.
func TestGuideSaysTheSameInBothLanguages(t *testing.T) {
	ar, en := guidePages(t, "docs/ar"), guidePages(t, "docs/en")
	if !slices.Equal(ar, en) {
		t.Fatalf("the guide's pages differ: Arabic %v, English %v", ar, en)
	}
	for _, name := range ar {
		pa, pe := read(t, "docs/ar/"+name), read(t, "docs/en/"+name)
		if la, le := levels(pa), levels(pe); !slices.Equal(la, le) {
			t.Errorf("%s: the headings differ between the languages:\n ar %v\n en %v", name, headings(pa), headings(pe))
		}
		if ia, ie := images(pa), images(pe); !slices.Equal(ia, ie) {
			t.Errorf("%s: the pictures differ between the languages: ar %v, en %v", name, ia, ie)
		}
		if !linksTo(pa, "../en/"+name) || !linksTo(pe, "../ar/"+name) {
			t.Errorf("%s: each language's page must link to the other's", name)
		}
	}
}

// TestArabicGuideReadsRightToLeft: GitHub gives each paragraph, list item
// and heading the direction of its first letter, so every one of the
// Arabic guide's starts with an Arabic letter, not a key, a path or a
// command in Latin letters (write "العنوان `title`: ...", not
// "`title`: ..."), or it shows left to right.
func TestArabicGuideReadsRightToLeft(t *testing.T) {
	for _, name := range guidePages(t, "docs/ar") {
		src, err := fs.ReadFile(repo, "docs/ar/"+name)
		if err != nil {
			t.Fatal(err)
		}
		lines := lineStarts(src)
		doc := markdown.Parser().Parse(text.NewReader(src))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n.(type) {
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			default:
				return ast.WalkContinue, nil
			}
			if entering {
				if s := plainText(n, src); firstStrongIsLatin(s) {
					t.Errorf("docs/ar/%s:%d starts with Latin letters and shows left to right: %.60s", name, lineOf(lines, position(n)), s)
				}
			}
			return ast.WalkSkipChildren, nil
		})
	}
}

// firstStrongIsLatin reports whether the first letter of s, the one that
// gives a block its direction, is a letter written left to right.
func firstStrongIsLatin(s string) bool {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew):
			return false
		case unicode.IsLetter(r):
			return true
		}
	}
	return false
}

// TestPicturesStayLight: every picture of docs/ is under 100 KB, so that
// the repository stays light to clone on a slow connection.
func TestPicturesStayLight(t *testing.T) {
	const limit = 100 << 10
	err := fs.WalkDir(repo, "docs", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains(imageExts, strings.ToLower(path.Ext(p))) {
			return err
		}
		info, err := d.Info()
		if err == nil && info.Size() > limit {
			t.Errorf("%s is %d KB; keep a picture under %d KB (PNG with few colours, or WebP)", p, info.Size()>>10, limit>>10)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func guidePages(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := fs.ReadDir(repo, dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if path.Ext(e.Name()) == ".md" {
			names = append(names, e.Name())
		}
	}
	return names
}

func read(t *testing.T, name string) *Page {
	t.Helper()
	b, err := fs.ReadFile(repo, name)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(name, b)
}

func levels(p *Page) []int {
	var out []int
	for _, h := range p.Headings {
		out = append(out, h.Level)
	}
	return out
}

func headings(p *Page) []string {
	var out []string
	for _, h := range p.Headings {
		out = append(out, strings.Repeat("#", h.Level)+" "+h.Text)
	}
	return out
}

func images(p *Page) []string {
	var out []string
	for _, l := range p.Links {
		if l.Image {
			out = append(out, l.Dest)
		}
	}
	return out
}

func linksTo(p *Page, dest string) bool {
	return slices.ContainsFunc(p.Links, func(l Link) bool { return !l.Image && l.Dest == dest })
}
