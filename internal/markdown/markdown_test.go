package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/remote"
	xhtml "golang.org/x/net/html"

	"github.com/rogpeppe/go-internal/txtar"
)

// Each testdata/*.txtar case holds input.md, the expected output.html and,
// optionally, the expected problems (one per line) and options: a line
// "rtl" makes the page right-to-left, "base /ira/" sets the base path.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test cases")
	}
	c := New()
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			parts := map[string]string{}
			for _, p := range a.Files {
				parts[p.Name] = string(p.Data)
			}
			doc := Doc{Path: "content/x.ar.md", Line: 5, BasePath: "/", LatinLang: "en", RTLLang: "ar",
				ImageSize: func(url string) (int, int, bool) { return 640, 480, url == "/ira/images/map.png" }}
			for _, opt := range strings.Split(parts["options"], "\n") {
				switch f := strings.Fields(opt); {
				case len(f) == 1 && f[0] == "rtl":
					doc.RTL = true
				case len(f) == 2 && f[0] == "base":
					doc.BasePath = f[1]
				}
			}
			doc.Resolve = func(ref string) (string, error) {
				if ref == "vision.md" {
					return strings.TrimSuffix(doc.BasePath, "/") + "/ar/vision/", nil
				}
				return "", fmt.Errorf("the link %q points to a page that does not exist", ref)
			}
			var out bytes.Buffer
			problems := c.Convert(&out, []byte(parts["input.md"]), doc).Problems
			if got, want := out.String(), parts["output.html"]; got != want {
				t.Errorf("output:\n%s\nwant:\n%s", got, want)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
			}
			if g, w := strings.Join(got, "\n"), strings.TrimSpace(parts["problems"]); g != w {
				t.Errorf("problems:\n%s\nwant:\n%s", g, w)
			}
		})
	}
}

func TestSummaryIsTheFirstParagraphAsText(t *testing.T) {
	c := New()
	src := "# Heading\n\n> a quote\n\n- a list\n\nThe **first** paragraph with a [link](x.md)\nand a second line.\n\nSecond paragraph."
	if got, want := c.Summary([]byte(src), 200, Doc{}), "The first paragraph with a link and a second line."; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	code := "Run `site  build` and <b>see</b> <https://example.org/x> now."
	if got, want := c.Summary([]byte(code), 200, Doc{}), "Run site build and see https://example.org/x now."; got != want {
		t.Errorf("Summary with code, HTML and an autolink = %q, want %q", got, want)
	}
	long := strings.Repeat("كلمة ", 100)
	if got := c.Summary([]byte(long), 50, Doc{}); len([]rune(got)) > 51 || !strings.HasSuffix(got, "…") {
		t.Errorf("long summary = %q", got)
	}
}

func TestConverterIsSafeForConcurrentUse(t *testing.T) {
	c := New()
	src := []byte("## عنوان\n\nنص مع Erasmus+ و [رابط](vision.md).\n")
	want := ""
	done := make(chan string)
	for range 8 {
		go func() {
			var b bytes.Buffer
			c.Convert(&b, src, Doc{RTL: true, LatinLang: "en", BasePath: "/", Resolve: func(string) (string, error) { return "/ar/vision/", nil }})
			done <- b.String()
		}()
	}
	for i := range 8 {
		got := <-done
		if i == 0 {
			want = got
		} else if got != want {
			t.Errorf("concurrent conversions differ:\n%s\n%s", got, want)
		}
	}
	if _, err := os.Stat("testdata"); err != nil {
		t.Fatal(err)
	}
}

// FuzzConvert feeds arbitrary Markdown to the converter, in both
// directions: it must never panic or hang, and no unsafe link or raw HTML
// may reach the output.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"# T\n\n[a](b.md) <script>x</script> ![i](data:image/png;base64,AA)",
		"برنامج Erasmus+ (KA171) +970 8 123 4567 <ira@example.org>",
		"[x](JaVa&#x09;ScRiPt:alert(1)) <javascript:alert(1)>",
		"> quote\n\n- a\n- b\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |",
		"مرحبا +² عالم", "# +۴ ٫\n\n- +４\n\n[+①](x.md) `+²` **+⒈**", "Latin +² text",
		"- > 1. a", "-\t-\ta", ">>>> a", "1) 2. - a", "* * * a", "- - -", "  - - - - x", "-    - a", "> - - - -", "+ + +", "999999999. a",
		strings.Repeat("- ", 33) + "a", strings.Repeat("[a](", 101), "|a|b|\n|-|-|\n" + strings.Repeat("|\n", 10),
		"![a](HTTP://o.example/a.png) ![b](&#47;/o.example) ![c][r]\n\n[r]: /\\o.example\n", "## H {style=\"background:u\\72l(//o.example)\"}",
	} {
		f.Add([]byte(s), true)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src []byte, rtl bool) {
		var out bytes.Buffer
		hangtest.Run(t, fmt.Sprintf("converting %.60q", src), func() {
			c.Convert(&out, src, Doc{Path: "x.md", Line: 1, RTL: rtl, LatinLang: "en", RTLLang: "ar", BasePath: "/ira/",
				Resolve: func(ref string) (string, error) { return "/ira/en/page/", nil }})
			_ = c.Summary(src, 100, Doc{})
		})
		if utf8.Valid(src) && !utf8.Valid(out.Bytes()) {
			t.Fatalf("the HTML of UTF-8 Markdown is not UTF-8: %q", out.String())
		}
		if !bytes.ContainsAny(src, "\n\r") && out.Len() > 0 {
			// The limit on nesting counts what goldmark opens on a line,
			// or more, never less.
			counted, _ := nesting(src)
			doc, err := xhtml.Parse(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if opened := containers(doc); opened > counted {
				t.Fatalf("nesting(%q) = %d, but goldmark opened %d lists and quotes:\n%s", src, counted, opened, out.String())
			}
		}
		for _, r := range remote.HTML(out.Bytes()) {
			if host, far := r.Remote(""); far {
				t.Fatalf("the page loads %q from %s (<%s %s>):\n%s", r.URL, host, r.Tag, r.Attr, out.String())
			}
		}
		html := strings.ToLower(out.String())
		for _, bad := range []string{"<script", "href=\"javascript:", "src=\"javascript:", "href=\"data:", "src=\"data:", "href=\"vbscript:", "onerror=", "onclick="} {
			if strings.Contains(html, bad) {
				t.Fatalf("output has %q:\n%s", bad, out.String())
			}
		}
		_ = c.Summary(src, 100, Doc{})
	})
}

func TestCollapseSpaceIsFieldsJoined(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "  a  b\t\nc  ", "\u00a0كلمة\u2003أخرى\u3000", "x\xffy  \xfe", "one\r\ntwo", "\u0085a\u2028b", "word word word word word", "كلمة كلمة  كلمة\nكلمة كلمة",
	} {
		if got, want := collapseSpace([]byte(s), 0), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		for max := 1; max < 12; max++ {
			if got, want := plainText([]byte(s), max), Truncate(strings.Join(strings.Fields(s), " "), max); got != want {
				t.Errorf("plainText(%q, %d) = %q, want %q", s, max, got, want)
			}
		}
	}
}

// FuzzPlainText checks the plain text of any Markdown: Summary, Text,
// Truncate and collapseSpace finish, give UTF-8 for UTF-8, fold every run of
// white space into one space, cut within the limit, and cut only at the end.
func FuzzPlainText(f *testing.F) {
	f.Add("  a  b\t\nc  ", 3)
	f.Add("# Heading\n\n> a quote\n\n- a list\n\nThe **first** paragraph with a [link](x.md)\nand a second line.", 20)
	f.Add("مرحبا +² عالم، كلمة كلمة كلمة", 7)
	f.Add("1. one\n\n    code\n\ntext\n", 1)
	c := New()
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = 1 + abs(max%300)
		var collapsed, plain, truncated, summary, text string
		hangtest.Run(t, fmt.Sprintf("taking the plain text of %.60q", s), func() {
			collapsed, plain, truncated = collapseSpace([]byte(s), 0), plainText([]byte(s), max), Truncate(s, max)
			summary, text = c.Summary([]byte(s), max, Doc{}), c.Text([]byte(s), max, Doc{})
		})
		if want := strings.Join(strings.Fields(s), " "); collapsed != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, collapsed, want)
		}
		if want := Truncate(collapsed, max); plain != want {
			t.Fatalf("plainText(%q, %d) = %q, want %q", s, max, plain, want)
		}
		if utf8.RuneCountInString(s) <= max {
			if truncated != s {
				t.Fatalf("Truncate(%q, %d) = %q, want it whole", s, max, truncated)
			}
		} else if cut, ok := strings.CutSuffix(truncated, "…"); !ok || !strings.HasPrefix(s, cut) || utf8.RuneCountInString(cut) > max {
			t.Fatalf("Truncate(%q, %d) = %q, want a prefix of at most %d characters and an ellipsis", s, max, truncated, max)
		}
		for what, out := range map[string]string{"Summary": summary, "Text": text, "plainText": plain} {
			if utf8.RuneCountInString(out) > max+1 {
				t.Fatalf("%s(%q, %d) = %q is too long", what, s, max, out)
			}
			if out != strings.Join(strings.Fields(out), " ") {
				t.Fatalf("%s(%q, %d) = %q has space to fold", what, s, max, out)
			}
			if utf8.ValidString(s) && !utf8.ValidString(out) {
				t.Fatalf("%s(%q, %d) = %q is not UTF-8", what, s, max, out)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// containers returns the most lists and block quotes inside each other in
// n.
func containers(n *xhtml.Node) int {
	best := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		best = max(best, containers(c))
	}
	if n.Type == xhtml.ElementNode && (n.Data == "ul" || n.Data == "ol" || n.Data == "blockquote") {
		best++
	}
	return best
}
