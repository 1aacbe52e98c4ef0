package locale

import (
	"fmt"
	"math"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// FormNames are the CLDR plural forms, in the order CLDR lists them. A
// count's text is chosen by the form its number takes in the language:
// English has one and other; Arabic has all six (zero for 0, one for 1,
// two for 2, few for 3 to 10, many for 11 to 99, other for 100 to 102,
// and again by the last two digits above).
var FormNames = []string{"zero", "one", "two", "few", "many", "other"}

var formName = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// IsForm reports whether s names a plural form.
func IsForm(s string) bool {
	for _, f := range FormNames {
		if f == s {
			return true
		}
	}
	return false
}

// FormOf returns the plural form of the whole number n in the language
// (CLDR cardinal rules, from golang.org/x/text).
func FormOf(lang string, n int) string {
	switch {
	case n == math.MinInt: // has no positive counterpart
		n = math.MaxInt
	case n < 0:
		n = -n
	}
	return formName[plural.Cardinal.MatchPlural(language.Make(lang), n, 0, 0, 0, 0)]
}

// Forms returns the plural forms the whole numbers of a language take, and
// other, which every language has, in FormNames order: the forms a count's
// text must have in that language.
func Forms(lang string) []string {
	tag := language.Make(lang)
	seen := map[plural.Form]bool{plural.Other: true}
	match := func(n int) { seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true }
	// The rules look at a number's last three digits at most and, for a
	// few languages, at whether it is a multiple of a million.
	for n := 0; n < 1000; n++ {
		match(n)
	}
	for n := 1000; n <= 100000000; n *= 10 {
		match(n)
		match(n + 1)
	}
	var out []string
	for _, f := range FormNames {
		for pf := range seen {
			if formName[pf] == f {
				out = append(out, f)
			}
		}
	}
	return out
}

// LanguageName is the English name of a language, for messages to editors.
func LanguageName(lang string) string {
	if n := display.English.Languages().Name(language.Make(lang)); n != "" {
		return n
	}
	return lang
}

// Count is a count as the interface writes it: the text of its plural
// form, split around the number ({n} in the text) so that a layout can set
// the number apart. A form may leave the number out (Arabic writes 1 and
// 2 as "مؤسسة شريكة واحدة", "مؤسستان شريكتان"): Number is then "".
type Count struct {
	Before, Number, After string
}

// String is the whole text.
func (c Count) String() string { return c.Before + c.Number + c.After }

// Plural returns the interface string key in the form n takes in the
// language, with {n} written in the language's digits. A text for zero,
// where the string has one, is used for 0 in any language, even one whose
// rules give 0 another form (English "other").
func (l *Locale) Plural(key string, n int) (Count, error) {
	forms, ok := l.Plurals[key]
	if !ok && l.Unread {
		// The strings file failed and is reported where it is loaded.
		return Count{Before: key}, nil
	}
	if !ok {
		if _, plain := l.Strings[key]; plain {
			return Count{}, fmt.Errorf("interface string %q has no plural forms: give it one text per form (%s) in data/i18n/%s.yaml", key, strings.Join(Forms(l.Code), ", "), l.Code)
		}
		return Count{}, fmt.Errorf("interface string %q is missing for language %q: add it to data/i18n/%s.yaml with its plural forms (%s)", key, l.Code, l.Code, strings.Join(Forms(l.Code), ", "))
	}
	form := FormOf(l.Code, n)
	if n == 0 && forms["zero"] != "" {
		// A zero text is used for 0 in every language that has one,
		// as ICU's =0 case is: "No partner institutions listed yet"
		// reads better than "0 partner institutions" in English too.
		form = "zero"
	}
	text, ok := forms[form]
	if !ok {
		return Count{}, fmt.Errorf("interface string %q lacks the plural form %q that %s needs for %d: add it in data/i18n/%s.yaml", key, form, LanguageName(l.Code), n, l.Code)
	}
	num := l.Int(n)
	before, after, found := strings.Cut(text, countPlaceholder)
	if !found {
		return Count{Before: text}, nil
	}
	return Count{Before: before, Number: num, After: strings.ReplaceAll(after, countPlaceholder, num)}, nil
}

// countPlaceholder stands for the number in a plural form's text.
const countPlaceholder = "{n}"

// HasCount reports whether a plural form's text writes the number.
func HasCount(text string) bool { return strings.Contains(text, countPlaceholder) }
