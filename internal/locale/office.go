package locale

import (
	"strconv"
	"strings"
	"time"
)

// ClockTime writes a time of day, in minutes after midnight, the way a
// notice of opening hours writes it: the hour on the twelve-hour clock, the
// minutes only when there are some, and the part of the day in words, from
// the interface strings dayPart.morning (before noon), dayPart.noon (12:00
// to 14:59), dayPart.afternoon (15:00 to 17:59) and dayPart.evening: "8 am",
// "2:30 pm"; in Arabic "٨ صباحاً", "٢ ظهراً".
func (l *Locale) ClockTime(minutes int) string {
	minutes = ((minutes % (24 * 60)) + 24*60) % (24 * 60)
	h, m := minutes/60, minutes%60
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	var part string
	switch {
	case h < 12:
		part = l.str("dayPart.morning", "am")
	case h < 15:
		part = l.str("dayPart.noon", "pm")
	case h < 18:
		part = l.str("dayPart.afternoon", "pm")
	default:
		part = l.str("dayPart.evening", "pm")
	}
	t := strconv.Itoa(h12)
	if m != 0 {
		t += ":" + twoDigits(m)
	}
	return l.Number(t) + " " + part
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// OpenHours writes opening hours, in minutes after midnight, with the
// interface string openHours ("{opens} to {closes}"; Arabic "من {opens} حتى
// {closes}").
func (l *Locale) OpenHours(opens, closes int) string {
	return strings.NewReplacer("{opens}", l.ClockTime(opens), "{closes}", l.ClockTime(closes)).
		Replace(l.str("openHours", "{opens} to {closes}"))
}

// Weekday is the name of a day of the week, the interface string
// weekday.sunday ... weekday.saturday.
func (l *Locale) Weekday(d time.Weekday) string {
	return l.str("weekday."+strings.ToLower(d.String()), d.String())
}

// OpenDays writes the days from one day of the week to another with the
// interface string openDays ("{from} to {to}"; Arabic "من {from} إلى {to}"),
// or the one day when they are the same.
func (l *Locale) OpenDays(from, to time.Weekday) string {
	if from == to {
		return l.Weekday(from)
	}
	return strings.NewReplacer("{from}", l.Weekday(from), "{to}", l.Weekday(to)).
		Replace(l.str("openDays", "{from} to {to}"))
}

// ClosesIn says when a call closes, days calendar days from today: the
// interface string closesToday for 0, closesTomorrow for 1, and the
// plural closesInDays ("Closes in {n} days"; Arabic "يُغلق بعد {n} أيام")
// for more.
func (l *Locale) ClosesIn(days int) (string, error) {
	switch {
	case days <= 0:
		return l.T("closesToday")
	case days == 1:
		return l.T("closesTomorrow")
	}
	c, err := l.Plural("closesInDays", days)
	return c.String(), err
}

// DaysBetween counts the calendar days from the day of now to the day of
// t, both taken in loc: 0 for the same day, 1 for the next.
func DaysBetween(now, t time.Time, loc *time.Location) int {
	a, b := now.In(loc), t.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}
