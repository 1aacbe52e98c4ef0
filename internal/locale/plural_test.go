package locale

import (
	"slices"
	"strings"
	"testing"
)

func TestPluralFormsFollowCLDR(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"ar", 0, "zero"}, {"ar", 1, "one"}, {"ar", 2, "two"}, {"ar", 3, "few"}, {"ar", 10, "few"},
		{"ar", 11, "many"}, {"ar", 99, "many"}, {"ar", 100, "other"}, {"ar", 101, "other"},
		{"ar", 102, "other"}, {"ar", 103, "few"}, {"ar", 111, "many"}, {"ar", 1000, "other"}, {"ar", -3, "few"},
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en", 21, "other"},
		{"ru", 21, "one"}, {"ru", 22, "few"}, {"ru", 25, "many"},
	} {
		if got := FormOf(tc.lang, tc.n); got != tc.want {
			t.Errorf("FormOf(%s, %d) = %s, want %s", tc.lang, tc.n, got, tc.want)
		}
	}
	for lang, want := range map[string][]string{
		"ar": {"zero", "one", "two", "few", "many", "other"},
		"en": {"one", "other"},
		"ja": {"other"},
		// Russian whole numbers never take other, but every string has it.
		"ru": {"one", "few", "many", "other"},
	} {
		if got := Forms(lang); !slices.Equal(got, want) {
			t.Errorf("Forms(%s) = %v, want %v", lang, got, want)
		}
	}
}

func TestPluralWritesTheCountInTheLanguagesForm(t *testing.T) {
	ar := &Locale{Code: "ar", Digits: ArabicIndic, Plurals: map[string]map[string]string{"p": {
		"zero": "لا مؤسسات", "one": "مؤسسة واحدة", "two": "مؤسستان",
		"few": "{n} مؤسسات", "many": "{n} مؤسسة", "other": "{n} مؤسسة",
	}}}
	for n, want := range map[int]string{
		0: "لا مؤسسات", 1: "مؤسسة واحدة", 2: "مؤسستان", 3: "٣ مؤسسات", 10: "١٠ مؤسسات",
		11: "١١ مؤسسة", 99: "٩٩ مؤسسة", 100: "١٠٠ مؤسسة", 101: "١٠١ مؤسسة", 102: "١٠٢ مؤسسة",
		103: "١٠٣ مؤسسات", 111: "١١١ مؤسسة",
	} {
		c, err := ar.Plural("p", n)
		if err != nil || c.String() != want {
			t.Errorf("Arabic %d: %q, %v; want %q", n, c.String(), err, want)
		}
		if strings.Contains(want, "{") || (c.Number != "" && c.Before+c.Number+c.After != want) {
			t.Errorf("Arabic %d: split %+v", n, c)
		}
	}
	en := &Locale{Code: "en", Digits: Latin, Plurals: map[string]map[string]string{"p": {"one": "{n} partner", "other": "{n} partners"}}}
	for n, want := range map[int]string{0: "0 partners", 1: "1 partner", 2: "2 partners"} {
		if c, err := en.Plural("p", n); err != nil || c.String() != want || c.Number != strings.Fields(want)[0] {
			t.Errorf("English %d: %+v, %v; want %q", n, c, err, want)
		}
	}
	// A text for zero is written for 0 in English too, whose rules give 0
	// the form other, and only for 0.
	en.Plurals["p"]["zero"] = "No partners yet"
	for n, want := range map[int]string{0: "No partners yet", 1: "1 partner", 2: "2 partners", 10: "10 partners"} {
		if c, err := en.Plural("p", n); err != nil || c.String() != want {
			t.Errorf("English %d with a zero text: %+v, %v; want %q", n, c, err, want)
		}
	}
	// A form the language needs but the string lacks, a plain string, a
	// missing one: each error says what to write where.
	ar.Plurals["q"] = map[string]string{"other": "{n} شيء"}
	if _, err := ar.Plural("q", 5); err == nil || !strings.Contains(err.Error(), `lacks the plural form "few" that Arabic needs`) {
		t.Errorf("a missing form: %v", err)
	}
	ar.Strings = map[string]string{"plain": "نص"}
	if _, err := ar.Plural("plain", 5); err == nil || !strings.Contains(err.Error(), "has no plural forms") {
		t.Errorf("a plain string counted: %v", err)
	}
	if _, err := ar.T("p"); err == nil || !strings.Contains(err.Error(), `{{plural "p" N}}`) {
		t.Errorf("T on a plural string: %v", err)
	}
}

// FuzzPlural checks that a form's text comes back whole, with every {n}
// written as the number, however the text is made.
func FuzzPlural(f *testing.F) {
	f.Add("{n} مؤسسات", 3)
	f.Add("مؤسستان", 2)
	f.Add("{n}{n}{", 11)
	f.Add("", -1)
	f.Fuzz(func(t *testing.T, text string, n int) {
		l := &Locale{Code: "ar", Digits: ArabicIndic, Plurals: map[string]map[string]string{"k": {}}}
		for _, form := range FormNames {
			l.Plurals["k"][form] = text
		}
		c, err := l.Plural("k", n)
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.ReplaceAll(text, "{n}", l.Int(n)); c.String() != want {
			t.Errorf("Plural(%q, %d) = %q, want %q", text, n, c.String(), want)
		}
		if HasCount(text) != (c.Number != "") {
			t.Errorf("Plural(%q, %d): number %q", text, n, c.Number)
		}
	})
}
