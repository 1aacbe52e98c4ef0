package locale

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultTimeFormat is used when a language sets no timeFormat: 24 hours,
// 09:00.
const DefaultTimeFormat = "{hour2}:{minute}"

// Span is the time an event takes: one day or several (AllDay), or a start
// time with an optional end time.
type Span struct {
	// Start is the first day, or the start time, in the zone it is to be
	// written in.
	Start time.Time
	// End is the last day (inclusive) or the end time; zero for a one-day
	// event or when only the start time is known.
	End    time.Time
	AllDay bool
	// Zone asks for the times' offset from UTC to be written, for times
	// that are not in the site's zone.
	Zone bool
}

// Part is a piece of a written span: words and punctuation, or a date or
// time with its machine-readable value (DateTime, as HTML's <time> takes
// it: 2026-12-10 or 2026-12-10T09:00+02:00).
type Part struct {
	Text     string
	DateTime string
}

// Text joins the parts' text.
func Text(parts []Part) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Span writes s in the language, its date pattern, time format and digits,
// as short as it reads well:
//
//	10 December 2026                      one day
//	10–12 December 2026                   days of one month
//	30 November – 2 December 2026         of one year
//	30 December 2026 – 2 January 2027
//	10 December 2026, 09:00               a start time
//	10 December 2026, 09:00–13:00         times of one day (an end at
//	                                      midnight after it counts too)
//	10 December 2026, 09:00 – 12 December 2026, 17:00
//
// The words between come from the interface strings dayRange, dateRange,
// timeRange, dateTime, timeInZone and utcOffset, each with a default, so
// that Arabic can write "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً".
func (l *Locale) Span(s Span) []Part {
	if s.Start.IsZero() {
		return nil
	}
	if s.AllDay {
		return l.days(s.Start, s.End)
	}
	date := []Part{l.datePart(s.Start)}
	start := []Part{l.timePart(s.Start)}
	if s.End.IsZero() {
		return l.pattern("dateTime", "{date}, {time}", map[string][]Part{"date": date, "time": l.zoned(start, s)})
	}
	end := []Part{l.timePart(s.End)}
	if sameDay(s.Start, s.End) || endsAtMidnightAfter(s.Start, s.End) {
		times := l.pattern("timeRange", "{start}–{end}", map[string][]Part{"start": start, "end": end})
		return l.pattern("dateTime", "{date}, {time}", map[string][]Part{"date": date, "time": l.zoned(times, s)})
	}
	first := l.pattern("dateTime", "{date}, {time}", map[string][]Part{"date": date, "time": start})
	last := l.pattern("dateTime", "{date}, {time}", map[string][]Part{"date": {l.datePart(s.End)}, "time": l.zoned(end, s)})
	return l.pattern("dateRange", "{start} – {end}", map[string][]Part{"start": first, "end": last})
}

// days writes an all-day span from first to last (inclusive).
func (l *Locale) days(first, last time.Time) []Part {
	if last.IsZero() || sameDay(first, last) {
		return []Part{l.datePart(first)}
	}
	p := l.datePattern()
	end := []Part{l.datePart(last)}
	switch {
	case first.Year() == last.Year() && first.Month() == last.Month() && strings.Contains(p, "{month}") && (strings.HasPrefix(p, "{day}") || strings.HasPrefix(p, "{day2}")):
		// "10–12 December 2026": the pattern starts with the day, so the
		// first date is its day alone.
		day := strconv.Itoa(first.Day())
		if strings.HasPrefix(p, "{day2}") {
			day = fmt.Sprintf("%02d", first.Day())
		}
		start := []Part{{Text: l.Number(day), DateTime: isoDate(first)}}
		return l.pattern("dayRange", "{start}–{end}", map[string][]Part{"start": start, "end": end})
	case first.Year() == last.Year() && strings.HasSuffix(p, "{year}") && len(p) > len("{year}") && !strings.Contains(p, "{monthNumber}"):
		// "30 November – 2 December 2026": the pattern ends with the year,
		// which the first date leaves out.
		short := strings.TrimRight(strings.TrimSuffix(p, "{year}"), " ,،/-.")
		if strings.Contains(short, "{") {
			start := []Part{{Text: l.Number(fill(short, first.Day(), int(first.Month()), first.Year(), l.monthName(first))), DateTime: isoDate(first)}}
			return l.pattern("dateRange", "{start} – {end}", map[string][]Part{"start": start, "end": end})
		}
	}
	return l.pattern("dateRange", "{start} – {end}", map[string][]Part{"start": {l.datePart(first)}, "end": end})
}

// zoned adds the offset from UTC after the last time, when s asks for it.
func (l *Locale) zoned(times []Part, s Span) []Part {
	if !s.Zone {
		return times
	}
	_, off := s.Start.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, off%3600/60
	offset := sign + strconv.Itoa(h)
	if m != 0 {
		offset += fmt.Sprintf(":%02d", m)
	}
	zone := l.pattern("utcOffset", "UTC{offset}", map[string][]Part{"offset": {{Text: l.Number(offset)}}})
	return l.pattern("timeInZone", "{time} ({zone})", map[string][]Part{"time": times, "zone": {{Text: Text(zone)}}})
}

// datePart is t's date, written.
func (l *Locale) datePart(t time.Time) Part { return Part{Text: l.Date(t), DateTime: isoDate(t)} }

// timePart is t's time of day, written.
func (l *Locale) timePart(t time.Time) Part {
	return Part{Text: l.Time(t), DateTime: t.Format("2006-01-02T15:04Z07:00")}
}

// Time writes t's time of day in the locale's time format and digits. The
// format has {hour} (0–23), {hour2} (00–23), {hour12} (1–12), {minute}
// (00–59) and {period}: the interface string timeAM, timeNoon (the hour
// from 12:00), timePM, or timeMidnight (at 00:00 exactly).
func (l *Locale) Time(t time.Time) string {
	f := l.TimeFormat
	if f == "" {
		f = DefaultTimeFormat
	}
	h, m := t.Hour(), t.Minute()
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	var period string
	switch {
	case h == 0 && m == 0:
		period = l.str("timeMidnight", "am")
	case h < 12:
		period = l.str("timeAM", "am")
	case h == 12:
		period = l.str("timeNoon", "pm")
	default:
		period = l.str("timePM", "pm")
	}
	r := strings.NewReplacer("{hour}", strconv.Itoa(h), "{hour2}", fmt.Sprintf("%02d", h), "{hour12}", strconv.Itoa(h12),
		"{minute}", fmt.Sprintf("%02d", m), "{period}", period)
	return l.Number(r.Replace(f))
}

// pattern fills an interface string (or def when the language has none)
// whose placeholders {name} stand for parts.
func (l *Locale) pattern(key, def string, args map[string][]Part) []Part {
	p := l.str(key, def)
	var out []Part
	lit := func(s string) {
		if s != "" {
			out = append(out, Part{Text: s})
		}
	}
	for p != "" {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			lit(p)
			break
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			lit(p)
			break
		}
		if parts, ok := args[p[i+1:i+j]]; ok {
			lit(p[:i])
			out = append(out, parts...)
		} else {
			lit(p[:i+j+1])
		}
		p = p[i+j+1:]
	}
	return out
}

func (l *Locale) str(key, def string) string {
	if s, ok := l.Strings[key]; ok && s != "" {
		return s
	}
	return def
}

func (l *Locale) datePattern() string {
	if l.DatePattern == "" {
		return DefaultDatePattern
	}
	return l.DatePattern
}

func (l *Locale) monthName(t time.Time) string {
	if n := l.Months[t.Month()-1]; n != "" {
		return n
	}
	return t.Month().String()
}

func isoDate(t time.Time) string { return t.Format("2006-01-02") }

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// endsAtMidnightAfter reports an end at 00:00 of the day after start: an
// evening event that ends at midnight is still a one-day event.
func endsAtMidnightAfter(start, end time.Time) bool {
	return end.Hour() == 0 && end.Minute() == 0 && end.Second() == 0 && sameDay(start.AddDate(0, 0, 1), end)
}
