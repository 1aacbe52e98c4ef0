package locale

import (
	"strings"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/isolate"
	"golang.org/x/text/unicode/bidi"
)

// The digits of prose. A language that writes Arabic-Indic digits (digits:
// arab) shows the numbers of its pages' prose in them, as it shows its
// dates, whatever digits the editor typed; the source files keep what was
// typed. A number is a run of ASCII digits with the separators between its
// groups (3.5, 1,000, 10:30, 1/3/2027, 2026-2027) and a % right after it;
// it is written ٣٫٥, ١٬٠٠٠, ١٠:٣٠, ١/٣/٢٠٢٧, ٢٠٢٦-٢٠٢٧ and ٥٠٪.
//
// A number is left as typed when it is not prose:
//
//   - inside a left-to-right run that isolate.Runs finds: a Latin name with
//     its numbers (Erasmus+ 2027, KA171), an address, a phone number with a
//     leading + or groups apart (+970 8 264 1881);
//   - joined to a Latin letter, before or after, directly or by - _ . / :
//     (2027X, 5kg, X-2027, 2027.pdf), or to @, # or & (an address, an
//     entity such as &#169;);
//   - a local phone number: a leading 0 followed by a digit, with seven
//     digits or more (08-2641881, 0599123456).
//
// Code, links' addresses and autolinks are never text of prose: the
// Markdown converter does not pass them here.

// Range is a byte range [Start, End) of a string.
type Range struct{ Start, End int }

// ProseNumbers returns the numbers of s that are prose, in order.
func ProseNumbers(s string) []Range {
	if !hasASCIIDigit(s) {
		return nil
	}
	runs := isolate.Runs(s)
	var out []Range
	r := 0
	for i := 0; i < len(s); {
		for r < len(runs) && runs[r].End <= i {
			r++
		}
		if r < len(runs) && i >= runs[r].Start {
			i = runs[r].End
			continue
		}
		if !isASCIIDigit(s[i]) {
			i++
			continue
		}
		end := numberEnd(s, i)
		if r < len(runs) && end > runs[r].Start {
			// A number never reaches into a run; it ends where one starts.
			end = runs[r].Start
		}
		if prose(s, i, end) {
			out = append(out, Range{i, end})
		}
		i = end
	}
	return out
}

// ProseDigits returns s with its prose numbers (ProseNumbers) written in
// Arabic-Indic digits.
func ProseDigits(s string) string {
	spans := ProseNumbers(s)
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*len(s)/3)
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Start])
		b.WriteString(ArabicNumber(s[sp.Start:sp.End]))
		last = sp.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// Prose returns s with the numbers of its prose in the locale's digits.
func (l *Locale) Prose(s string) string {
	if l == nil || l.Digits != ArabicIndic {
		return s
	}
	return ProseDigits(s)
}

// ArabicNumber writes a number that ProseNumbers found in Arabic-Indic
// digits: the decimal point of a decimal number becomes ٫, the commas of
// a number grouped in thousands ٬, and a % after it ٪; other separators
// stay as they are.
func ArabicNumber(num string) string {
	decimal, thousands := separators(num)
	var b strings.Builder
	b.Grow(2 * len(num))
	for i := 0; i < len(num); i++ {
		c := num[i]
		switch {
		case isASCIIDigit(c):
			b.WriteRune('٠' + rune(c-'0'))
		case c == '.' && decimal:
			b.WriteRune('٫')
		case c == ',' && thousands:
			b.WriteRune('٬')
		case c == '%' && i == len(num)-1:
			b.WriteRune('٪')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// separators reports whether num is a decimal number (one point between
// digits: 3.5, 1,234.5) and whether its commas group thousands (1,000).
func separators(num string) (decimal, thousands bool) {
	num = strings.TrimSuffix(num, "%")
	intPart, frac, hasPoint := strings.Cut(num, ".")
	if hasPoint && (frac == "" || strings.ContainsAny(frac, ".,:/-")) {
		return false, false
	}
	if strings.ContainsAny(intPart, ":/-") {
		return false, false
	}
	groups := strings.Split(intPart, ",")
	thousands = len(groups) > 1 && len(groups[0]) <= 3
	for _, g := range groups[1:] {
		thousands = thousands && len(g) == 3
	}
	if len(groups) > 1 && !thousands {
		return false, false
	}
	return hasPoint, thousands
}

// numberEnd returns the end of the number whose first digit is at i:
// digits, separators with a digit after them, and a % after the last one.
func numberEnd(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case isASCIIDigit(c):
			i++
		case strings.IndexByte(".,:/-", c) >= 0 && i+1 < len(s) && isASCIIDigit(s[i+1]):
			i++
		default:
			if c == '%' {
				i++
			}
			return i
		}
	}
	return i
}

// prose reports whether the number s[start:end] is prose, by what it is
// and what touches it.
func prose(s string, start, end int) bool {
	num := s[start:end]
	if num[0] == '0' && len(num) > 1 && isASCIIDigit(num[1]) && countDigits(num) >= 7 {
		return false // a local phone number
	}
	if start > 0 {
		c, size := utf8.DecodeLastRuneInString(s[:start])
		switch {
		case isLatinLetter(c), c == '@', c == '#', c == '&', c == '_':
			return false
		case (c == '-' || c == '.' || c == '/' || c == ':') && start-size > 0:
			if p, _ := utf8.DecodeLastRuneInString(s[:start-size]); isLatinLetter(p) || (p < utf8.RuneSelf && isASCIIDigit(byte(p))) {
				return false
			}
		}
	}
	if end < len(s) {
		c, size := utf8.DecodeRuneInString(s[end:])
		switch {
		case isLatinLetter(c), c == '@', c == '_':
			return false
		case (c == '-' || c == '.' || c == '/' || c == ':') && end+size < len(s):
			if n, _ := utf8.DecodeRuneInString(s[end+size:]); isLatinLetter(n) {
				return false
			}
		}
	}
	return true
}

// isLatinLetter reports a letter written left to right: the letters that
// start a run in isolate.
func isLatinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	p, _ := bidi.LookupRune(r)
	return p.Class() == bidi.L
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

func hasASCIIDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isASCIIDigit(s[i]) {
			return true
		}
	}
	return false
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isASCIIDigit(s[i]) {
			n++
		}
	}
	return n
}
