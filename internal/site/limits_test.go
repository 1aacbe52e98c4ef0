package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/markdown"
)

// TestPageLimitsAreReportedWhereTheyArePassed reads pages past each limit
// of a content file: the error is that limit's, at the line that passes
// it, naming the front matter key or the text that holds it.
func TestPageLimitsAreReportedWhereTheyArePassed(t *testing.T) {
	s, errs := LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)}})
	if s == nil {
		t.Fatal(errs)
	}
	long := func(n int) string { return strings.Repeat("x", n) }
	body := "---\ntitle: A\n---\n" + strings.Repeat("A line of text.\n", 5<<16)
	cases := []struct {
		name, file string
		want       []string
	}{
		{"a 50 MB description", "---\ntitle: A\ndescription: " + long(50<<20) + "\ndate: 2026-01-01\n---\nText.\n",
			[]string{"content/a.en.md:3: ", "this page is 50 MB, more than the 4 MB a page may be; it passes that here, in description", "shorten description"}},
		{"a 5 MB body", body, []string{fmt.Sprintf("content/a.en.md:%d: ", 1+strings.Count(body[:MaxPageBytes], "\n")), "this page is 5121 KB", "in its text", "split the page"}},
		{"a 5 MB page without front matter", "Note: no front matter\n" + strings.Repeat("Title: a line of text.\n", 5<<16),
			[]string{"content/a.en.md:", "this page is", "in its text", "split the page"}},
		{"a 50 MB description saved with a byte order mark", "\ufeff---\r\ntitle: A\r\ndescription: " + long(50<<20) + "\r\n---\r\nText.\r\n",
			[]string{"content/a.en.md:3: ", "in description", "shorten description"}},
		{"a 100 KB description", "---\ntitle: A\ndescription: >\n  " + long(100<<10) + "\n---\n",
			[]string{"content/a.en.md:4: ", "the front matter is 101 KB, more than the 64 KB it may be; it passes that here, in description"}},
		{"a 20,000 character description", "---\ntitle: A\ndescription: " + long(20_000) + "\n---\n",
			[]string{"content/a.en.md:3:", "20000 characters long, more than the 10000"}},
		{"front matter nested 300 deep", "---\ntitle: A\nweight: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n---\n",
			[]string{"content/a.en.md:3:", "nest more than 32 levels deep"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := readPage("content/a.en.md", []byte(c.file), s.Config, markdown.New())
			if len(errs) != 1 {
				t.Fatalf("errors: %.300v", errs)
			}
			msg := errs[0].Error()
			if !strings.HasPrefix(msg, c.want[0]) {
				t.Errorf("error %.300s; want it at %s", msg, c.want[0])
			}
			for _, w := range c.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("error %.400s lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "alias") {
				t.Errorf("error %.200s blames an alias", msg)
			}
		})
	}
}

// FuzzPassesAt finds where any text passes a limit: on one of its lines,
// in its text or a key that starts that line or one above it.
func FuzzPassesAt(f *testing.F) {
	for _, s := range []string{"---\ntitle: A\ndescription: xxxxx\n---\nbody\n", "no front matter", "---\n  - x\n", "a:\nb:", "\n\n\n"} {
		f.Add([]byte(s), 10, 4)
	}
	f.Fuzz(func(t *testing.T, src []byte, limit, fmEnd int) {
		if len(src) == 0 {
			return
		}
		limit = min(max(limit, 0), len(src)-1)
		line, in := passesAt(src, limit, fmEnd)
		if line < 1 || line > 1+strings.Count(string(src), "\n") || in == "" {
			t.Fatalf("passesAt(%q, %d, %d) = %d, %q", src, limit, fmEnd, line, in)
		}
		if in != "its text" && in != "its front matter" && !strings.Contains("\n"+string(src[:limit]), "\n"+in) {
			t.Fatalf("passesAt(%q, %d, %d) names %q, which is not written before", src, limit, fmEnd, in)
		}
	})
}
