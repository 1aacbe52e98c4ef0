package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/htmltest"
	"golang.org/x/net/html"
)

// convertGuarded converts src as the body of content/x.md starting on file
// line 5, stopping the test binary if it does not finish.
func convertGuarded(t *testing.T, c *Converter, src string) (string, []string) {
	t.Helper()
	var out bytes.Buffer
	var res Result
	hangtest.Run(t, fmt.Sprintf("converting %.60q", src), func() {
		res = c.Convert(&out, []byte(src), Doc{Path: "content/x.md", Line: 5, RTL: true, LatinLang: "en", BasePath: "/"})
		_ = c.Summary([]byte(src), 240, Doc{})
		_ = c.Text([]byte(src), 1000, Doc{})
	})
	var problems []string
	for _, p := range res.Problems {
		if !strings.Contains(p.Error(), "warning:") {
			problems = append(problems, p.Error())
		}
	}
	return out.String(), problems
}

// checkRefused checks that src is refused with one error at the file line
// want that says what, and how to fix it.
func checkRefused(t *testing.T, c *Converter, name, src string, line int, what ...string) {
	t.Helper()
	_, problems := convertGuarded(t, c, src)
	if len(problems) != 1 {
		t.Errorf("%s: got %d errors, want one: %q", name, len(problems), problems)
		return
	}
	p := problems[0]
	if want := fmt.Sprintf("content/x.md:%d: ", line); !strings.HasPrefix(p, want) {
		t.Errorf("%s: error %q is not at %s", name, p, want)
	}
	for _, w := range what {
		if !strings.Contains(p, w) {
			t.Errorf("%s: error %q lacks %q", name, p, w)
		}
	}
}

func TestDeepNestingIsRefusedBeforeConverting(t *testing.T) {
	c := New()
	deep := MaxNesting + 1
	cases := map[string]string{
		"dashes 40,000":    strings.Repeat("- ", 40_000) + "a",
		"dashes and lines": strings.Repeat("- ", 20_000) + "a\n" + strings.Repeat("- ", 20_000) + "b",
		"quotes":           strings.Repeat("> ", deep) + "a",
		"quotes unspaced":  strings.Repeat(">", 100_000),
		"ordered":          strings.Repeat("1. ", deep) + "a",
		"ordered paren":    strings.Repeat("1) ", deep),
		"long numbers":     strings.Repeat("999999999. ", deep) + "a",
		"mixed markers":    strings.Repeat("* + - ", deep/3+1) + "a",
		"lists and quotes": strings.Repeat("- > ", deep/2+1) + "a",
		"quotes and lists": strings.Repeat("> 1. ", deep/2+1) + "+²",
		"tabs":             strings.Repeat("-\t", deep) + "a",
		"plus alone":       strings.Repeat("+ ", deep),
		"indented":         "    " + strings.Repeat("* ", deep) + "a",
		"Arabic":           strings.Repeat("- ", deep) + "عنوان",
		"empty items":      strings.Repeat("- ", deep) + "- a - - -",
	}
	for name, deepLine := range cases {
		src := "فقرة أولى.\n\n" + deepLine + "\n\nآخر."
		checkRefused(t, c, name, src, 7, "lists or block quotes inside each other", fmt.Sprint(MaxNesting), "backslash")
		if s := c.Text([]byte(src), 100, Doc{}); s != "" {
			t.Errorf("%s: the search text of a refused page is %q; want none", name, s)
		}
	}
}

func TestNestingWithinTheLimitConverts(t *testing.T) {
	c := New()
	var indented strings.Builder
	for i := range 10 {
		indented.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	cases := map[string]struct {
		src        string
		tag        string
		wantNested int
	}{
		"ten indented levels":          {indented.String(), "ul", 10},
		"ten markers on one line":      {strings.Repeat("- ", 10) + "a", "ul", 10},
		"ten quotes":                   {strings.Repeat("> ", 10) + "a", "blockquote", 10},
		"the limit of quotes":          {strings.Repeat("> ", MaxNesting) + "a", "blockquote", MaxNesting},
		"the limit of ordered":         {strings.Repeat("1. ", MaxNesting) + "a", "ol", MaxNesting},
		"thematic break of dashes":     {strings.Repeat("- ", 40_000), "hr", 0},
		"thematic break of stars":      {strings.Repeat("* ", 40_000), "hr", 0},
		"thematic break in a quote":    {"> " + strings.Repeat("- ", 50), "blockquote", 1},
		"dashes without spaces":        {strings.Repeat("-", 40_000) + "a", "p", 0},
		"hyphenated words":             {strings.Repeat("-a ", 100), "p", 0},
		"numbers that are not markers": {strings.Repeat("1.5 ", 100), "p", 0},
	}
	for name, tc := range cases {
		out, problems := convertGuarded(t, c, tc.src)
		if len(problems) > 0 {
			t.Errorf("%s: refused: %q", name, problems)
			continue
		}
		doc := htmltest.Parse(t, []byte(out))
		if got := depth(doc.Root, tc.tag); tc.wantNested > 0 && got != tc.wantNested {
			t.Errorf("%s: %d <%s> inside each other, want %d", name, got, tc.tag, tc.wantNested)
		}
		if tc.wantNested == 0 && doc.First(htmltest.Tag(tc.tag)) == nil {
			t.Errorf("%s: no <%s> in %.200s", name, tc.tag, out)
		}
	}
}

// depth returns how many tag elements the deepest one of n is inside,
// counting itself.
func depth(n *html.Node, tag string) int {
	best := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		best = max(best, depth(c, tag))
	}
	if n.Type == html.ElementNode && n.Data == tag {
		best++
	}
	return best
}

func TestManyLinkBracketsAreRefused(t *testing.T) {
	c := New()
	over := MaxBrackets + 1
	long := strings.Repeat("كلمة ", 4000) // 20,000 bytes
	cases := []struct {
		name, src string
		line      int
	}{
		{"unclosed links", strings.Repeat("[a](", over), 7},
		{"unclosed images", strings.Repeat("![a](", over), 7},
		{"unclosed angle links", strings.Repeat("[a](<", over), 7},
		{"nested brackets", strings.Repeat("[", over) + strings.Repeat("]", over), 7},
		{"brackets on many lines", strings.Repeat("[a\n", over) + strings.Repeat("]\n", over), 7},
		{"reference definitions", strings.Repeat("[a]:\n", over), 7},
		{"a long paragraph", long + strings.Repeat("[a](x) ", MaxBrackets/2), 7},
		{"a heading", "## " + strings.Repeat("[a](", over), 7},
		{"a setext heading", strings.Repeat("[\n", over) + "===", 7},
		{"a table row", "| a | b |\n|---|---|\n| x | y |\n| " + strings.Repeat("[a](", over) + " | z |", 10},
		{"a list item", "- " + strings.Repeat("[a](", over), 7},
		{"a quote", "> " + strings.Repeat("[a](\n> ", over), 7},
	}
	for _, tc := range cases {
		checkRefused(t, c, tc.name, "فقرة أولى.\n\n"+tc.src+"\n\nآخر.", tc.line, "[ (each may start a link)", fmt.Sprint(MaxBrackets), `\[`)
	}
}

func TestManyLinksWhereRealPagesHaveThemConvert(t *testing.T) {
	c := New()
	var list, table strings.Builder
	table.WriteString("| name | site |\n|---|---|\n")
	for i := range 1000 {
		fmt.Fprintf(&list, "- [partner %d](https://example.org/%d)\n", i, i)
		fmt.Fprintf(&table, "| [partner %d](https://example.org/%d) | [site](https://example.org/) |\n", i, i)
	}
	cases := map[string]string{
		"a list of a thousand links":          list.String(),
		"a table of a thousand rows of links": table.String(),
		"a hundred links in a paragraph":      strings.Repeat("[a](https://example.org/) ", MaxBrackets),
		"brackets in fenced code":             "```\n" + strings.Repeat("[[1,2],", 2000) + "\n```",
		"brackets in indented code":           "    " + strings.Repeat("[", 2000),
		"a long paragraph with a few links":   strings.Repeat("كلمة ", 10_000) + strings.Repeat("[a](https://example.org/) ", 5),
	}
	for name, src := range cases {
		out, problems := convertGuarded(t, c, src)
		if len(problems) > 0 {
			t.Errorf("%s: refused: %q", name, problems)
		}
		if len(out) < len(src)/2 {
			t.Errorf("%s: %d bytes of HTML from %d of Markdown", name, len(out), len(src))
		}
	}
}

func TestHugeTablesAreRefused(t *testing.T) {
	c := New()
	wide := func(cols, rows int) string {
		return "|" + strings.Repeat(" a |", cols) + "\n|" + strings.Repeat("---|", cols) + "\n" + strings.Repeat("|\n", rows)
	}
	checkRefused(t, c, "a wide header over short rows", "نص.\n\n"+wide(500, 200), 7, "500 columns", "201 rows", fmt.Sprint(MaxTableCells))
	checkRefused(t, c, "two tables past the page's cells", wide(100, 299)+"\n"+wide(100, 299), 5+302, "takes the page's tables to 60000 cells")
	checkRefused(t, c, "a table after a paragraph line", "text\n"+wide(1000, 100), 5, "1000 columns")
	out, problems := convertGuarded(t, c, wide(50, 900))
	if len(problems) > 0 || strings.Count(out, "<td") != 50*900 {
		t.Errorf("a table of 50 columns and 900 rows: %d cells, problems %q", strings.Count(out, "<td"), problems)
	}
}

func TestALongReferenceUsedManyTimesIsRefused(t *testing.T) {
	c := New()
	address := "https://example.org/" + strings.Repeat("x", 2000)
	uses := strings.Repeat(strings.Repeat("[a] ", 50)+"\n\n", 30)
	checkRefused(t, c, "a reference used 1,500 times", "[a]: "+address+"\n\n"+uses, 7, "[a] is used 1500 times", "write a long address once")
	checkRefused(t, c, "an image reference", "![a][r]\n\n[r]: "+address+"\n\n"+strings.ReplaceAll(uses, "[a]", "![x][r]"), 5, "[r] is used")
	out, problems := convertGuarded(t, c, "[a]: "+address+"\n\n"+strings.Repeat("[a] ", 50))
	if len(problems) > 0 || strings.Count(out, "<a href") != 50 {
		t.Errorf("a reference used 50 times: %d links, problems %q", strings.Count(out, "<a href"), problems)
	}
}

func TestHTMLPastTheLimitIsCutBetweenTags(t *testing.T) {
	var out bytes.Buffer
	w := &limitWriter{w: &out, max: 20}
	for _, s := range []string{"<p>ab</p>", "<p>cd</p>", `<a href="x">y</a>`} {
		_, _ = w.Write([]byte(s))
	}
	if !w.over || out.String() != "<p>ab</p><p>cd</p>" {
		t.Errorf("over = %v, wrote %q", w.over, out.String())
	}
	if n, err := w.Write([]byte("<p>")); n != 0 || err == nil {
		t.Errorf("a write past the limit: %d, %v", n, err)
	}
}

func TestTextThatMakesTooMuchHTMLIsRefusedAtTheBody(t *testing.T) {
	// 6 bytes of footnote reference make over 100 of HTML: with the limit
	// at 2 MB (MaxHTML is 32), 100 KB of them pass it.
	src := strings.Repeat("[^a]\n\n", 20_000) + "[^a]: the note\n"
	var out bytes.Buffer
	res := New().convert(&out, []byte(src), Doc{Path: "content/x.md", Line: 5, BasePath: "/"}, 2<<20)
	if len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].Error(), "content/x.md:5: ") ||
		!strings.Contains(res.Problems[0].Error(), "(118 KB) makes more than 2 MB of HTML") || !strings.Contains(res.Problems[0].Error(), "split the page") {
		t.Errorf("problems: %.300q", res.Problems)
	}
	if out.Len() > 2<<20 || !strings.HasSuffix(out.String(), ">") {
		t.Errorf("wrote %d bytes ending %q", out.Len(), out.String()[max(0, out.Len()-20):])
	}
	if res := New().Convert(&out, []byte(src), Doc{Path: "content/x.md", Line: 5, BasePath: "/"}); len(res.Problems) != 0 {
		t.Errorf("under MaxHTML: %.300q", res.Problems)
	}
}
