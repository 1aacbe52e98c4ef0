package locale

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzSpan writes spans with arbitrary patterns, formats and times: it
// must never panic, the text must be valid UTF-8 when the patterns are, and
// every date and time written keeps its machine-readable value.
func FuzzSpan(f *testing.F) {
	f.Add("{start}–{end}", "من {start} حتى {end}", "{date}، {time}", "{hour12}:{minute} {period}", "{day} {month} {year}", int64(1796886000), int64(3600*4), false, true)
	f.Add("{start", "}{", "{date}{date}{time}", "{hour2}", "{year}", int64(0), int64(-5), true, false)
	f.Add("", "{end}{start}", "{{date}}", "{minute}{", "{day2}/{monthNumber}/{year}", int64(-62135596800), int64(86400*40), true, true)
	f.Fuzz(func(t *testing.T, dayRange, timeRange, dateTime, timeFormat, datePattern string, start, length int64, allDay, zone bool) {
		if len(dayRange)+len(timeRange)+len(dateTime)+len(timeFormat)+len(datePattern) > 400 {
			return
		}
		l := &Locale{Digits: ArabicIndic, DatePattern: datePattern, TimeFormat: timeFormat,
			Strings: map[string]string{"dayRange": dayRange, "timeRange": timeRange, "dateTime": dateTime, "dateRange": dayRange}}
		s := Span{Start: time.Unix(start%(1<<40), 0).In(time.FixedZone("", int(length%50400))), AllDay: allDay, Zone: zone}
		if length > 0 {
			s.End = s.Start.Add(time.Duration(length%(1<<40)) * time.Second)
		}
		parts := l.Span(s)
		valid := true
		for _, s := range []string{dayRange, timeRange, dateTime, timeFormat, datePattern} {
			valid = valid && utf8.ValidString(s)
		}
		for _, p := range parts {
			if valid && !utf8.ValidString(p.Text) {
				t.Fatalf("invalid UTF-8 in %q", p.Text)
			}
			if p.DateTime != "" && !strings.HasPrefix(p.DateTime, s.Start.Format("2006")[:1]) && !strings.HasPrefix(p.DateTime, s.End.Format("2006")[:1]) {
				t.Fatalf("value %q is neither the start's nor the end's", p.DateTime)
			}
		}
		if s.Start.IsZero() != (parts == nil) {
			t.Fatalf("span %v written as %v", s, parts)
		}
	})
}
