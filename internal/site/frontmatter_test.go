package site

import (
	"runtime"
	"strings"
	"testing"
)

// TestTheFrontMatterIsFoundAndItsLinesKept splits files in each form the
// front matter can take and wants the line of its first key, and where
// the body starts, as they are in the file.
func TestTheFrontMatterIsFoundAndItsLinesKept(t *testing.T) {
	long := strings.Repeat("x", 10_000) // past the library's 4,096-byte buffer
	for _, c := range []struct {
		name, src string
		keyLine   int // of the first key; 0 for none
		body      string
		bodyLine  int
	}{
		{"plain", "---\ntitle: A\n---\nBody\n", 2, "Body\n", 4},
		{"after blank lines", "\n \n---\ntitle: A\n---\nBody", 4, "Body", 6},
		{"closed on the last line", "---\ntitle: A\n---", 2, "", 3},
		{"lines with spaces around", "  ---  \ntitle: A\n --- \nBody\n", 2, "Body\n", 4},
		{"empty", "---\n---\nBody\n", 0, "Body\n", 3},
		{"a line longer than a buffer", "---\ndescription: " + long + "\ntitle: A\n---\nBody\n", 2, "Body\n", 5},
		{"a body longer than a buffer", "---\ntitle: A\n---\n" + long + "\n", 2, long + "\n", 4},
		{"a second --- in the body", "---\ntitle: A\n---\nBody\n---\nMore\n", 2, "Body\n---\nMore\n", 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			root, open, body, bodyLine, err := splitFrontMatter("content/a.en.md", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if string(body) != c.body || bodyLine != c.bodyLine {
				t.Errorf("body %.40q on line %d; want %.40q on line %d", body, bodyLine, c.body, c.bodyLine)
			}
			keyLine := 0
			if root != nil {
				keyLine = root.Content[0].Line + open
			}
			if keyLine != c.keyLine {
				t.Errorf("first key on line %d; want %d", keyLine, c.keyLine)
			}
		})
	}
}

// TestAFileWithoutFrontMatterSaysWhatItHas splits files whose front matter
// is missing, never closed or in TOML, and wants each told apart, at the
// line it starts on.
func TestAFileWithoutFrontMatterSaysWhatItHas(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"", "content/a.en.md:1: the file has no front matter"},
		{"\n\nTitle: A\n", "content/a.en.md:3: the file has no front matter"},
		{"---yaml\ntitle: A\n---\n", "content/a.en.md:1: the file has no front matter"},
		{"\n---\ntitle: A\n", "content/a.en.md:2: the front matter that starts here is never closed"},
		{"---", "content/a.en.md:1: the front matter that starts here is never closed"},
		{"---\ntitle: A\n...\n", "content/a.en.md:1: the front matter that starts here is never closed"},
		{"+++\ntitle = 'A'\n+++\n", "content/a.en.md:1: TOML front matter (+++) is not supported"},
		{"\n+++\ntitle = 'A'\n", "content/a.en.md:2: TOML front matter (+++) is not supported"},
	} {
		_, _, _, _, err := splitFrontMatter("content/a.en.md", []byte(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v; want %q", c.src, err, c.want)
		}
	}
}

// TestFindingTheFrontMatterDoesNotCopyTheBody splits a page with a long
// body: github.com/adrg/frontmatter copies what it reads, and is given
// nothing past the front matter, so what is allocated does not grow with
// the body.
func TestFindingTheFrontMatterDoesNotCopyTheBody(t *testing.T) {
	src := []byte("---\ntitle: A\n---\n" + strings.Repeat("A line of the body.\n", 200_000)) // 4 MB
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const runs = 5
	for range runs {
		if _, _, _, _, err := splitFrontMatter("content/a.en.md", src); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 64<<10 {
		t.Errorf("splitting a %d KB page allocates %d KB", len(src)>>10, per>>10)
	}
}
