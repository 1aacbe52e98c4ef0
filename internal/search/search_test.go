package search

import (
	"strings"
	"testing"
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
		if !strings.Contains(e.Norm, Normalize(w)) {
			t.Errorf("the entry does not find %q", w)
		}
	}
	if n := len([]rune(e.Text)); n > TextLength+1 || !strings.HasSuffix(e.Text, "…") {
		t.Errorf("the entry shows %d characters: %q", n, e.Text)
	}
	if got, shown := strings.Count(e.Norm, "كلمه"), strings.Count(Normalize(e.Text), "كلمه"); got != shown {
		t.Errorf("a word past what the entry shows is repeated: %d times, %d shown", got, shown)
	}
	short := NewEntry("T", "/en/t/", "", nil, "Send the form to apply@example.org.")
	if short.Text != "Send the form to apply@example.org." || short.Norm != "t send the form to apply@example.org." {
		t.Errorf("a short page's entry is %+v", short)
	}
}

func TestNormalizeIsStableOnAnyBytes(t *testing.T) {
	for _, s := range []string{"0\xf5ú", "\xffé", "é\xff", "\xc3\x81", "\xcc\x81a", "a\xe2\x80", "\xf5\xcc\x81"} {
		if once, twice := Normalize(s), Normalize(Normalize(s)); once != twice {
			t.Errorf("Normalize(%q) = %q, but normalised again %q", s, once, twice)
		}
	}
}
