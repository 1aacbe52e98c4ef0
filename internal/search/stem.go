package search

import (
	"strconv"
	"strings"
	"unicode"
)

// Terms returns the terms of a text as the index holds them: the text is
// normalised (Normalize), cut into words (runs of letters, digits and
// marks, apart where Arabic meets another script: "apply@example.org" is
// apply, example and org, "Erasmus+" is erasmus), and each word is stemmed (Stem). A term
// appears as often as its word does.
// static/js/search.js does the same; testdata/terms.txt holds the cases
// both are tested on.
func Terms(s string) []string {
	var out []string
	eachTerm(Normalize(s), func(t string) { out = append(out, t) })
	return out
}

// eachTerm calls f with the stem of each word of the normalised text n. A
// word ends where Arabic letters meet other letters or digits, so that
// "و2027" is و and 2027.
func eachTerm(n string, f func(string)) {
	start, arabic := -1, false
	for i, r := range n {
		if isWordRune(r) {
			a := r >= 0x0600 && r <= 0x06FF
			if start >= 0 && a != arabic {
				f(Stem(n[start:i]))
				start = -1
			}
			if start < 0 {
				start, arabic = i, a
			}
			continue
		}
		if start >= 0 {
			f(Stem(n[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		f(Stem(n[start:]))
	}
}

// isWordRune reports the runes words are made of: letters, digits and
// marks (\p{L}, \p{N} and \p{M} in the page script).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// Stem returns the stem of a normalised word: a word of the Arabic letters
// ء to ي goes through the Arabic light stemmer, a word of the letters a to
// z through the English one, and any other word is its own stem.
func Stem(w string) string {
	arabic, latin := true, true
	for _, r := range w {
		arabic = arabic && r >= 'ء' && r <= 'ي'
		latin = latin && r >= 'a' && r <= 'z'
	}
	switch {
	case w == "":
		return w
	case arabic:
		return stemArabic(w)
	case latin:
		return stemEnglish(w)
	}
	return w
}

// The Arabic light stemmer takes off, once each, at most one prefix and then
// each suffix of a list in turn, always leaving a stem of at least two
// letters after a prefix and three after a suffix, so that short words
// keep their letters. Its prefixes are the definite article and what is
// attached before it: ال، وال، فال، بال، كال، لل and their forms after و or ف
// (وبال، فلل...); a lone و, the commonest conjunction, when three letters
// remain. A lone ب، ل، ك or ف begins too many words to be taken off. Its
// suffixes, tried in this order, are pronouns (ها، هم، هن، كم، كن، نا),
// plurals and duals (ات، ان، ون، ين), the feminine ending and relative
// adjectives (يه، ه، ي: ة and ى are ه and ي once normalised): مِنْحَة, منح
// and المنح meet at منح, الدكتوراه and دكتوراه at دكتورا.
var (
	arabicPrefixes = []string{"وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"}
	arabicSuffixes = []string{"ها", "هم", "هن", "كم", "كن", "نا", "ات", "ان", "ون", "ين", "يه", "ه", "ي"}
)

// stemArabic stems a word of the letters ء to ي, each two bytes in UTF-8:
// lengths in letters are lengths in bytes over two.
func stemArabic(w string) string {
	stripped := false
	for _, p := range arabicPrefixes {
		if len(w)-len(p) >= 2*2 && strings.HasPrefix(w, p) {
			w, stripped = w[len(p):], true
			break
		}
	}
	if !stripped && len(w) >= 4*2 && strings.HasPrefix(w, "و") {
		w = w[len("و"):]
	}
	for _, s := range arabicSuffixes {
		if len(w)-len(s) >= 3*2 && strings.HasSuffix(w, s) {
			w = w[:len(w)-len(s)]
		}
	}
	return w
}

// UnescapeCase replaces each \uXXXX of s with its character: the test
// cases of testdata/terms.txt write invisible characters so.
func UnescapeCase(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, `\u`)
		if i < 0 || i+6 > len(s) {
			b.WriteString(s)
			return b.String()
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 32)
		if err != nil {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteRune(rune(n))
		s = s[i+6:]
	}
}
