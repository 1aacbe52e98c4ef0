// Package locale formats dates, event times, Hijri dates and numbers in a
// language and looks up the interface strings that layouts show.
//
// A Locale is built from data/site.yaml (the language's digits and date
// pattern) and data/i18n/LANG.yaml (its strings and month names). Dates are
// written from a pattern with named parts, {day} {month} {year}, because the
// editors who set it are not programmers; digits are Latin (latn) or
// Arabic-Indic (arab), following the CLDR names for numbering systems.
package locale

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Digit styles, named as CLDR names numbering systems.
const (
	Latin       = "latn"
	ArabicIndic = "arab"
)

// DefaultDatePattern is used when a language sets none.
const DefaultDatePattern = "{day} {month} {year}"

// Locale is one language's way of writing dates, numbers and interface text.
type Locale struct {
	Code        string
	Digits      string // Latin or ArabicIndic
	DatePattern string
	TimeFormat  string // see Time; DefaultTimeFormat when ""
	Months      [12]string
	Strings     map[string]string
	// Plurals holds the interface strings that count something: for each
	// key, a text per plural form (see FormNames), with {n} for the number.
	Plurals map[string]map[string]string
	// Unread is set when the strings file could not be read (its errors
	// are reported where it is loaded): T then gives a missing string's
	// key instead of failing, so that every page does not report the same
	// file again while the rest of the site is checked.
	Unread bool
	// ShowHijri adds the Hijri date (see ToHijri) beside Gregorian ones,
	// in HijriCalendar (UmmAlQura, the default, or Tabular), with these
	// month names and era.
	ShowHijri     bool
	HijriCalendar string
	HijriMonths   [12]string
	HijriEra      string
}

// Date writes t (already in the site's time zone) in the locale's pattern.
func (l *Locale) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	p := l.DatePattern
	if p == "" {
		p = DefaultDatePattern
	}
	month := l.Months[t.Month()-1]
	if month == "" {
		month = t.Month().String()
	}
	return l.Number(fill(p, t.Day(), int(t.Month()), t.Year(), month))
}

// fill writes a date pattern: {day}, {day2} (two digits), {month} (its
// name), {monthNumber} and {year}; anything else is kept as it is.
func fill(pattern string, day, month, year int, name string) string {
	var b strings.Builder
	b.Grow(len(pattern) + len(name))
	for pattern != "" {
		i := strings.IndexByte(pattern, '{')
		if i < 0 {
			b.WriteString(pattern)
			break
		}
		b.WriteString(pattern[:i])
		pattern = pattern[i:]
		j := strings.IndexByte(pattern, '}')
		if j < 0 {
			b.WriteString(pattern)
			break
		}
		switch pattern[:j+1] {
		case "{day}":
			b.WriteString(strconv.Itoa(day))
		case "{day2}":
			fmt.Fprintf(&b, "%02d", day)
		case "{month}":
			b.WriteString(name)
		case "{monthNumber}":
			b.WriteString(strconv.Itoa(month))
		case "{year}":
			b.WriteString(strconv.Itoa(year))
		default:
			b.WriteString(pattern[:j+1])
		}
		pattern = pattern[j+1:]
	}
	return b.String()
}

// Number rewrites the ASCII digits in s in the locale's digits. The decimal
// separator is left alone: Arabic-Indic numbers in running text keep it
// readable, and dates and years have none.
func (l *Locale) Number(s string) string {
	if l.Digits != ArabicIndic {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = '٠' + (r - '0')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Int writes n in the locale's digits.
func (l *Locale) Int(n int) string { return l.Number(strconv.Itoa(n)) }

// T returns the interface string for key, or an error naming the file to add
// it to.
func (l *Locale) T(key string) (string, error) {
	if s, ok := l.Strings[key]; ok {
		return s, nil
	}
	if _, ok := l.Plurals[key]; ok {
		return "", fmt.Errorf("interface string %q has plural forms: write it with the number it counts, {{plural %q N}}", key, key)
	}
	if l.Unread {
		return key, nil
	}
	return "", fmt.Errorf("interface string %q is missing for language %q: add it to data/i18n/%s.yaml", key, l.Code, l.Code)
}

// ValidDigits reports whether s names a digit style.
func ValidDigits(s string) bool { return s == Latin || s == ArabicIndic }
