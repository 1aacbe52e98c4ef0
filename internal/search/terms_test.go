package search

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// sharedCases reads testdata/terms.txt: lines "input<TAB>terms", the terms
// apart by single spaces, in which \uXXXX in the input stands for that
// character. The browser tests run the same file through the page script.
func sharedCases(t *testing.T) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/terms.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		in, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("testdata/terms.txt: %q has no tab", line)
		}
		out = append(out, [2]string{UnescapeCase(in), want})
	}
	return out
}

func TestTermsOfTheSharedCases(t *testing.T) {
	cases := sharedCases(t)
	if len(cases) < 20 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		if got := strings.Join(Terms(c[0]), " "); got != c[1] {
			t.Errorf("Terms(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}
