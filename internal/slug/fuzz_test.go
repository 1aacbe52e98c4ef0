package slug

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzMake makes slugs of any text: Make finishes, gives UTF-8 no longer
// than MaxSlugBytes that cannot leave its folder, and gives the same slug
// again for a slug (so a slug an editor copies from an address is kept);
// Check accepts exactly the non-empty slugs without a path in them.
func FuzzMake(f *testing.F) {
	for _, s := range []string{
		"Erasmus+ Call 2026", "منحة دراسيّة ٢٠٢٦", "تـــطوير", "  ../../etc/passwd ", "a\u202eb", "e\u0301", "v1.2 notes",
		strings.Repeat("ب", 200) + " x", "+²", "+۴ ४ ４ ⅷ ① ½ ٫", "İstanbul ǅ ß ﬃ", "..-..", "a/b\\c", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var out, again string
		var checked string
		var err error
		hangtest.Run(t, fmt.Sprintf("making a slug of %.60q", s), func() {
			out = Make(s)
			again = Make(out)
			checked, err = Check(s)
		})
		if !utf8.ValidString(out) {
			t.Fatalf("Make(%q) = %q is not UTF-8", s, out)
		}
		if len(out) > MaxSlugBytes {
			t.Fatalf("Make(%q) is %d bytes", s, len(out))
		}
		if strings.ContainsAny(out, "/\\ ") || strings.Contains(out, "..") || strings.HasPrefix(out, ".") || strings.HasPrefix(out, "-") ||
			strings.HasSuffix(out, ".") || strings.HasSuffix(out, "-") {
			t.Fatalf("Make(%q) = %q", s, out)
		}
		if again != out {
			t.Fatalf("Make is not stable: Make(%q) = %q, Make(%q) = %q", s, out, out, again)
		}
		switch {
		case strings.ContainsAny(s, `/\`) || strings.Contains(s, "..") || out == "":
			if err == nil {
				t.Fatalf("Check(%q) accepted %q", s, checked)
			}
		case err != nil || checked != out:
			t.Fatalf("Check(%q) = %q, %v; want %q", s, checked, err, out)
		}
	})
}
