package locale

import "time"

// Hijri dates follow the tabular Islamic calendar with the civil epoch
// (called islamic-civil in CLDR and ICU, and the "Kuwaiti algorithm"): 1
// Muharram 1 AH is Friday 16 July 622 (Julian), months alternate 30 and 29
// days, and 11 years of every 30 (the 2nd, 5th, 7th, 10th, 13th, 16th,
// 18th, 21st, 24th, 26th and 29th) add a day to the last month. It is
// arithmetic, so it needs no tables, and it can differ by a day from the
// Umm al-Qura calendar or from a month begun by sighting the moon: pages
// show it as a guide beside the Gregorian date, which is the one that
// counts.

// hijriEpoch is the Julian day number of 1 Muharram 1 AH (civil epoch).
const hijriEpoch = 1948440

// HijriDate converts a date (its year, month and day as written) to the
// tabular Islamic calendar.
func HijriDate(t time.Time) (year, month, day int) {
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

// Hijri writes t's Hijri date in the locale's pattern, month names, era
// and digits, or "" when the locale does not show Hijri dates.
func (l *Locale) Hijri(t time.Time) string {
	if !l.ShowHijri || t.IsZero() || l.HijriMonths[0] == "" {
		return ""
	}
	y, m, d := HijriDate(t)
	p := l.DatePattern
	if p == "" {
		p = DefaultDatePattern
	}
	s := fill(p, d, m, y, l.HijriMonths[m-1])
	if l.HijriEra != "" {
		s += " " + l.HijriEra
	}
	return l.Number(s)
}
