// Package ical writes iCalendar files (RFC 5545) of deadlines and events,
// so that a reader can add a call's closing date or a conference to their
// calendar with one click, or subscribe to a section's calendar.
//
// Dates are all-day events unless a time was given; a time without an end
// is a moment (DTSTART alone, which RFC 5545 reads as ending when it
// starts), not an invented hour. Every event has a
// stable UID (the page's address and what the event is) and a DTSTAMP taken
// from the page, not the clock, so the same content gives the same bytes.
// Lines end in CRLF and are folded at 75 octets, as the standard asks.
package ical

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one entry of a calendar.
type Event struct {
	UID         string
	Summary     string
	Description string
	URL         string
	Location    string
	Start, End  time.Time // End is exclusive; zero means one day, or a moment
	AllDay      bool
	Cancelled   bool      // STATUS:CANCELLED
	Stamp       time.Time // when the event's page last changed
}

// Write returns a calendar holding events.
func Write(name string, events []Event) []byte {
	var b bytes.Buffer
	line := func(s string) { fold(&b, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Al-Aqsa University//International Relations Affairs//EN")
	line("CALSCALE:GREGORIAN")
	line("X-WR-CALNAME:" + escape(name))
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + escape(e.UID))
		line("DTSTAMP:" + e.Stamp.UTC().Format("20060102T150405Z"))
		if e.AllDay {
			end := e.End
			if end.IsZero() {
				end = e.Start.AddDate(0, 0, 1)
			}
			line("DTSTART;VALUE=DATE:" + e.Start.Format("20060102"))
			line("DTEND;VALUE=DATE:" + end.Format("20060102"))
		} else {
			line("DTSTART:" + e.Start.UTC().Format("20060102T150405Z"))
			if !e.End.IsZero() {
				line("DTEND:" + e.End.UTC().Format("20060102T150405Z"))
			}
		}
		if e.Cancelled {
			line("STATUS:CANCELLED")
		}
		line("SUMMARY:" + escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION:" + escape(e.Description))
		}
		if e.Location != "" {
			line("LOCATION:" + escape(e.Location))
		}
		if e.URL != "" {
			line("URL:" + e.URL)
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes()
}

// escape writes s as an iCalendar TEXT value: backslash, semicolon and
// comma escaped, each line end (CRLF, LF or a lone CR) written \n, and the
// other control characters, which the standard does not allow in text,
// left out; a byte that is not UTF-8 becomes U+FFFD.
func escape(s string) string {
	s = textEscaper.Replace(s)
	return strings.Map(func(r rune) rune {
		if (r < ' ' && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// fold writes a content line, folded at 75 octets without splitting a
// character, each line ending in CRLF; a continuation line starts with a
// space, so it holds 74 octets of content.
func fold(b *bytes.Buffer, s string) {
	limit := 75
	for len(s) > limit {
		// Back to the start of the character at the limit: at most three
		// bytes, the most a character continues over. Further back it is
		// not UTF-8, there is no character to keep whole, and the line is
		// cut at the limit, so each line takes at least 71 octets.
		cut := limit
		for cut > limit-utf8.UTFMax && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if !utf8.RuneStart(s[cut]) {
			cut = limit
		}
		b.WriteString(s[:cut] + "\r\n ")
		s = s[cut:]
		limit = 74
	}
	b.WriteString(s + "\r\n")
}
