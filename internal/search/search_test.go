package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestNormalizeFoldsArabicAsPeopleType(t *testing.T) {
	cases := map[string]string{
		"مِنْحَةٌ":            "منحه",
		"منحة":                "منحه",
		"أحمد وإبراهيم وآمال": "احمد وابراهيم وامال",
		"ٱلرحمن":              "الرحمن",
		"مستشفى":              "مستشفي",
		"العـــربية":          "العربيه",
		"عام ١٤٤٧ و۱۴۴۸":      "عام 1447 و1448",
		"Erasmus+  KA171\n":   "erasmus+ ka171",
		"İstanbul":            "istanbul",
		"Café Ümraniye":       "cafe umraniye",
		"سؤال ومسئول":         "سوال ومسيول",
		"٣٫٥ و١٬٠٠٠ و٥٠٪":     "3.5 و1,000 و50%",
		"\u2068Erasmus+\u2069 \u200eapply@example.org\u200f": "erasmus+ apply@example.org",
		"می\u200cخواهم":                                      "میخواهم",
	}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	if Normalize("مِنْحَة دراسية") != Normalize("منحة دراسيّة") {
		t.Error("the same words with and without diacritics normalise differently")
	}
}

func TestEntryFindsEveryWordOfALongPage(t *testing.T) {
	text := strings.Repeat("كلمة أخرى ", 200) + "اكتب إلى apply@example.org أو نزّل النموذج من https://example.org/forms اليوم"
	e := NewEntry("عنوان", "/ar/x/", "", nil, text)
	for _, w := range []string{"apply@example.org", "https://example.org/forms", "نزل", "اليوم", "عنوان"} {
		for _, term := range Terms(w) {
			if !slices.Contains(e.Terms, term) {
				t.Errorf("the entry does not find %q (%q)", w, term)
			}
		}
	}
	if n := len([]rune(e.Text)); n > TextLength+1 || !strings.HasSuffix(e.Text, "…") {
		t.Errorf("the entry shows %d characters: %q", n, e.Text)
	}
	if len(e.Terms) != len(uniq(e.Terms)) || e.TitleTerms != 1 {
		t.Errorf("the entry's terms are %q, %d of the title", e.Terms, e.TitleTerms)
	}
	short := NewEntry("T", "/en/t/", "", nil, "Send the form to apply@example.org.")
	if short.Text != "Send the form to apply@example.org." || strings.Join(short.Terms, " ") != "t send the form to appli exampl org" {
		t.Errorf("a short page's entry is %+v", short)
	}
}

// TestEntryTextEndsBetweenWords: the text an entry shows is cut at a
// space, never inside a word, in any script, or, for one endless word,
// never inside a character with its marks.
func TestEntryTextEndsBetweenWords(t *testing.T) {
	for _, text := range []string{
		strings.Repeat("منحة دراسية ", 60),
		strings.Repeat("Scholarship programme ", 40),
		strings.Repeat("مِنْحَةٌ ", 80),
		strings.Repeat("a", 250) + " " + strings.Repeat("b", 200),
		"start " + strings.Repeat("https://example.org/very/long/path/", 12) + " end",
		strings.Repeat("e\u0301", 700),
		strings.Repeat("👩\u200d🔬", 400),
		strings.Repeat("x", 299) + "\u3000" + strings.Repeat("y", 10),
	} {
		text = UnescapeCase(text)
		e := NewEntry("T", "/x/", "", nil, text)
		shown := strings.TrimSuffix(e.Text, "…")
		if !strings.HasPrefix(text, shown) {
			t.Fatalf("%.40q: shows %q", text, e.Text)
		}
		rest := text[len(shown):]
		if rest == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(rest)
		last, _ := utf8.DecodeLastRuneInString(shown)
		if !unicode.IsSpace(r) && !strings.ContainsRune(" \t\n,.;:،؛-–—", last) && !unicode.IsSpace(last) {
			if !graphemeStart(text, len(shown)) || len([]rune(shown)) <= 2*TextLength {
				t.Errorf("%.40q: cut inside a word: %q | %.20q", text, shown[max(0, len(shown)-20):], rest)
			}
		}
	}
}

func TestNormalizeIsStableOnAnyBytes(t *testing.T) {
	for _, s := range []string{"0\xf5ú", "\xffé", "é\xff", "\xc3\x81", "\xcc\x81a", "a\xe2\x80", "\xf5\xcc\x81"} {
		if once, twice := Normalize(s), Normalize(Normalize(s)); once != twice {
			t.Errorf("Normalize(%q) = %q, but normalised again %q", s, once, twice)
		}
	}
}
