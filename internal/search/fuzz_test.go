package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzNormalize normalises any text: Normalize finishes, gives UTF-8 for
// UTF-8 without marks, tatweel, upper case, other digits or doubled
// spaces, is stable (normalising twice changes nothing, so a query and a
// page meet), and grows the text by a bounded amount; NewEntry's title
// length fits its text.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"مِنْحَةٌ", "أحمد وإبراهيم وآمال", "ٱلرحمن", "العـــربية", "عام ١٤٤٧ و۱۴۴۸", "Erasmus+  KA171\n", "İstanbul", "Café Ümraniye",
		"سؤال ومسئول", "+²", "+۴ ४ ４ ⅷ ① ½ ٫", "ǅ ß ﬃ Ω K Å", "한국어", "\xff\xfe", "  \u00a0\u2003 x \u3000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var out, again string
		var e Entry
		hangtest.Run(t, fmt.Sprintf("normalising %.60q", s), func() {
			out = Normalize(s)
			again = Normalize(out)
			e = NewEntry(s, "/x/", "", nil, s)
		})
		if again != out {
			t.Fatalf("Normalize is not stable: %q -> %q -> %q", s, out, again)
		}
		if len(out) > 4*len(s) {
			t.Fatalf("Normalize made %d bytes of %d", len(out), len(s))
		}
		if e.TitleLen > utf8.RuneCountInString(e.Norm) || !strings.HasPrefix(e.Norm, out) {
			t.Fatalf("entry of %q: title length %d, norm %q", s, e.TitleLen, e.Norm)
		}
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Normalize(%q) = %q is not UTF-8", s, out)
		}
		if strings.Contains(out, "  ") || strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") {
			t.Fatalf("Normalize(%q) = %q has spaces to fold", s, out)
		}
		for _, r := range out {
			switch {
			case unicode.Is(unicode.Mn, r), r == 0x0640, r == 'ٱ', r == 'ى', r == 'ة', r >= '٠' && r <= '٩', r >= '۰' && r <= '۹':
				t.Fatalf("Normalize(%q) = %q keeps %q", s, out, r)
			case unicode.IsSpace(r) && r != ' ':
				t.Fatalf("Normalize(%q) = %q keeps the space %q", s, out, r)
			}
		}
	})
}
