package yamlpos

import (
	"fmt"
	"strings"
	"testing"
)

// nested returns n lists inside each other on one line, or over n lines
// when block is set.
func nested(n int, block bool) string {
	if !block {
		return strings.Repeat("[", n) + strings.Repeat("]", n)
	}
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "-\n")
	}
	return b.String()
}

// TestEachLimitIsReportedAsItselfAtItsLine checks that a document past a
// limit is refused with that limit's message, at the line that passes it
// (the front matter starts on line 2 of its file: offset 1).
func TestEachLimitIsReportedAsItselfAtItsLine(t *testing.T) {
	long := strings.Repeat("x", MaxValue+1)
	big := "title: A\n" + strings.Repeat("# "+strings.Repeat("c", 98)+"\n", MaxBytes/101+20)
	cases := []struct {
		name, doc string
		want      []string // the error's start (path:line:), then parts of it
	}{
		{"300 nested flow lists, no alias", "title: A\nweight: " + nested(300, false) + "\n", []string{"f.md:3:", "nest more than 32 levels deep", "brackets"}},
		{"33 nested flow mappings", "title: A\nx: " + strings.Repeat("{a: ", 33) + "1" + strings.Repeat("}", 33) + "\n", []string{"f.md:3:", "nest more than 32 levels"}},
		{"33 nested block lists", "title: A\nx:\n" + nested(33, true), []string{"f.md:35:", "nest more than 32 levels"}},
		{"past the parser's own limit, in brackets", "title: A\n\nx: " + nested(20000, false) + "\n", []string{"f.md:4:", "nest more than 32 levels"}},
		{"past the parser's own limit, in blocks", "title: A\nx:\n  " + strings.Repeat("- ", 10100) + "a\n", []string{"f.md:3:", "nest more than 32 levels"}}, // the parser says where the key is
		{"a real alias", "a: &x [1]\nb: *x\n", []string{"f.md:3:", "YAML aliases (*x) are not supported"}},
		{"a value too long", "title: A\ndescription: " + long + "\n", []string{"f.md:3:", "10001 characters long, more than the 10000", "page's body"}},
		{"a value too long in Arabic", "title: A\ndescription: " + strings.Repeat("ع", MaxValue+1) + "\n", []string{"f.md:3:", "10001 characters long"}},
		{"a block value too long", "title: A\ndescription: |\n  " + strings.Repeat("word ", MaxValue/5) + "\n  more\n", []string{"f.md:3:", "characters long"}},
		{"a key too long", "? " + long + "\n: 1\n", []string{"f.md:2:", "characters long"}},
		{"a document too large", big, []string{fmt.Sprintf("f.md:%d:", 2+strings.Count(big[:MaxBytes], "\n")), "1026 KB, more than the 1 MB a data file may hold"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("f.md", []byte(c.doc), 1)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, c.want[0]) {
				t.Errorf("error %.200s; want it at %s", msg, c.want[0])
			}
			for _, w := range c.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("error %.300s lacks %q", msg, w)
				}
			}
			if c.name != "a real alias" && strings.Contains(msg, "alias") {
				t.Errorf("error %.200s blames an alias", msg)
			}
		})
	}
}

func TestWhatIsWithinTheLimitsParses(t *testing.T) {
	for name, doc := range map[string]string{
		"32 nested lists":         "x: " + nested(31, false) + "\n",
		"32 nested block lists":   "x:\n" + nested(31, true),
		"brackets in quotes":      "x: \"" + strings.Repeat("[", 100) + "\"\ny: '" + strings.Repeat("{", 100) + "'\n",
		"brackets in a comment":   "x: 1 # " + strings.Repeat("[", 100) + "\n",
		"a value of the most":     "x: " + strings.Repeat("ع", MaxValue) + "\n",
		"a document of the most":  "x: 1\n" + strings.Repeat("#", MaxBytes-6) + "\n",
		"an anchor with no alias": "a: &x [1]\n",
	} {
		if _, err := Parse("f.yaml", []byte(doc), 0); err != nil {
			t.Errorf("%s: %.200v", name, err)
		}
	}
	if got := deepBracket([]byte("a: \"\\\"[[[\" " + nested(MaxDepth, false))); got != 0 {
		t.Errorf("deepBracket counts brackets in a string with an escaped quote: %d", got)
	}
}

// FuzzDeepBracket finds the bracket that nests too deeply in any text:
// none (0), or a [ or { with more than MaxDepth of them open before it
// (counting as the scanner does, which no quote or comment can fool into
// finding one in a document of fewer brackets).
func FuzzDeepBracket(f *testing.F) {
	for _, s := range []string{nested(40, false), "a: '" + nested(40, false) + "'", "# " + nested(40, false), "\"\\\"[", "a: {" + nested(33, false) + "}", "'''[[["} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		i := deepBracket(data)
		if i == 0 {
			return
		}
		if i < 0 || i >= len(data) || (data[i] != '[' && data[i] != '{') {
			t.Fatalf("deepBracket(%q) = %d, not a bracket", data, i)
		}
		if open := strings.Count(string(data[:i+1]), "[") + strings.Count(string(data[:i+1]), "{"); open <= MaxDepth {
			t.Fatalf("deepBracket(%q) = %d, with only %d brackets up to there", data, i, open)
		}
	})
}
