package locale

import (
	"sort"
	"strings"
	"time"
)

// Hijri dates follow one of two calendars, chosen by the site
// (hijriCalendar in data/site.yaml):
//
// The Umm al-Qura calendar (UmmAlQura, the default) is the official
// calendar of Saudi Arabia and the one most readers check dates against. Its
// months begin by astronomical rules, so it cannot be computed by a formula:
// it is read from the published table of its month lengths, which covers 1
// Muharram 1300 to the end of 1600 AH (12 November 1882 to 25 November 2174;
// see umalqura_data.go). Dates outside the table fall back to the tabular
// calendar and say so.
//
// The tabular Islamic calendar with the civil epoch (Tabular; called
// islamic-civil in CLDR and ICU, and the "Kuwaiti algorithm"): 1 Muharram 1
// AH is Friday 16 July 622 (Julian), months alternate 30 and 29 days, and 11
// years of every 30 (the 2nd, 5th, 7th, 10th, 13th, 16th, 18th, 21st, 24th,
// 26th and 29th) add a day to the last month. It is arithmetic and covers
// every date, but differs from Umm al-Qura by a day or two on most dates.
//
// Either can differ by a day from a month begun by sighting the moon
// locally, which is why pages that show a Hijri date say so in words.

// The Hijri calendars.
const (
	UmmAlQura = "umalqura"
	Tabular   = "tabular"
)

// ValidHijriCalendar reports whether s names a Hijri calendar.
func ValidHijriCalendar(s string) bool { return s == UmmAlQura || s == Tabular }

// HijriDay is a date in a Hijri calendar.
type HijriDay struct {
	Year, Month, Day int
	// Calendar is the calendar the date is in: Tabular when Umm al-Qura
	// was asked for a date outside its table.
	Calendar string
}

// ToHijri converts a date (its year, month and day as written) to the Hijri
// calendar cal (UmmAlQura or Tabular).
func ToHijri(t time.Time, cal string) HijriDay {
	if cal != Tabular {
		if y, m, d, ok := UmmAlQuraDate(t); ok {
			return HijriDay{y, m, d, UmmAlQura}
		}
	}
	y, m, d := TabularDate(t)
	return HijriDay{y, m, d, Tabular}
}

// umalquraYears holds the Julian day number of 1 Muharram of every year of
// the table, and of the day after its end.
var umalquraYears = func() []int {
	out := make([]int, len(umalquraMonths)+1)
	out[0] = julianDay(umalquraStart[0], umalquraStart[1], umalquraStart[2])
	for i, mask := range umalquraMonths {
		out[i+1] = out[i] + 12*29 + popcount12(mask)
	}
	return out
}()

func popcount12(m uint16) int {
	n := 0
	for i := 0; i < 12; i++ {
		n += int(m>>i) & 1
	}
	return n
}

// UmmAlQuraDate converts a date (its year, month and day as written) to the
// Umm al-Qura calendar; ok is false outside the table (before 1 Muharram
// 1300 or after the end of 1600).
func UmmAlQuraDate(t time.Time) (year, month, day int, ok bool) {
	jdn := julianDay(t.Year(), int(t.Month()), t.Day())
	if jdn < umalquraYears[0] || jdn >= umalquraYears[len(umalquraYears)-1] {
		return 0, 0, 0, false
	}
	i := sort.SearchInts(umalquraYears, jdn+1) - 1
	days := jdn - umalquraYears[i]
	mask := umalquraMonths[i]
	month = 1
	for {
		n := 29 + int(mask>>(month-1))&1
		if days < n {
			break
		}
		days -= n
		month++
	}
	return umalquraFirstYear + i, month, days + 1, true
}

// hijriEpoch is the Julian day number of 1 Muharram 1 AH (civil epoch).
const hijriEpoch = 1948440

// TabularDate converts a date (its year, month and day as written) to the
// tabular Islamic calendar.
func TabularDate(t time.Time) (year, month, day int) {
	jdn := julianDay(t.Year(), int(t.Month()), t.Day())
	days := jdn - hijriEpoch
	cycles := floorDiv(days, 10631)
	days -= cycles * 10631
	year = cycles*30 + 1
	for {
		n := 354
		if hijriLeap(year) {
			n = 355
		}
		if days < n {
			break
		}
		days -= n
		year++
	}
	month = 1
	for {
		n := 30 - (month+1)%2 // odd months 30 days, even 29
		if month == 12 && hijriLeap(year) {
			n = 30
		}
		if days < n {
			break
		}
		days -= n
		month++
	}
	return year, month, days + 1
}

func hijriLeap(year int) bool { return mod(14+11*year, 30) < 11 }

// julianDay returns the Julian day number of a Gregorian date.
func julianDay(y, m, d int) int {
	a := (14 - m) / 12
	y = y + 4800 - a
	m = m + 12*a - 3
	return d + (153*m+2)/5 + 365*y + floorDiv(y, 4) - floorDiv(y, 100) + floorDiv(y, 400) - 32045
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }

// Hijri writes t's Hijri date in the locale's calendar, pattern, month
// names, era and digits, or "" when the locale does not show Hijri dates. A
// date that Umm al-Qura was asked for but that lies outside its table is
// written in the tabular calendar and marked with the hijriOutsideTable
// string ("{date}, tabular calendar").
func (l *Locale) Hijri(t time.Time) string {
	if !l.ShowHijri || t.IsZero() || l.HijriMonths[0] == "" {
		return ""
	}
	h := ToHijri(t, l.HijriCalendar)
	p := l.DatePattern
	if p == "" {
		p = DefaultDatePattern
	}
	s := fill(p, h.Day, h.Month, h.Year, l.HijriMonths[h.Month-1])
	if l.HijriEra != "" {
		s += " " + l.HijriEra
	}
	if h.Calendar != l.calendar() {
		mark := l.Strings["hijriOutsideTable"]
		if !strings.Contains(mark, "{date}") {
			mark = "{date} (" + Tabular + ")"
		}
		s = strings.Replace(mark, "{date}", s, 1)
	}
	return l.Number(s)
}

// HijriNote is the sentence that pages showing Hijri dates show with them,
// saying which calendar they follow and that a month begun by sighting the
// moon can differ: the hijriNote string, or hijriNoteTabular for the
// tabular calendar. It is "" when the locale does not show Hijri dates.
func (l *Locale) HijriNote() string {
	if !l.ShowHijri {
		return ""
	}
	if l.calendar() == Tabular {
		return l.Strings["hijriNoteTabular"]
	}
	return l.Strings["hijriNote"]
}

func (l *Locale) calendar() string {
	if l.HijriCalendar == Tabular {
		return Tabular
	}
	return UmmAlQura
}
