package build

import (
	"bytes"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/ical"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/site"
)

// calendar writes the deadlines and events of a page, or of a section. An
// event's times are the page's and its JSON-LD's: all-day events by date,
// timed ones as instants.
func (r *renderer) calendar(buf *bytes.Buffer, j *job) {
	s := r.sites[j.lang]
	deadline, _ := s.Language.Locale.T("deadline")
	var events []ical.Event
	for _, p := range j.items {
		url := s.AbsURL(p.Path)
		stamp := p.Updated
		if stamp.IsZero() {
			stamp = p.Date
		}
		if !p.Deadline.IsZero() {
			events = append(events, ical.Event{UID: url + "#deadline", Summary: deadline + ": " + r.shownTitle(p), Description: p.Summary, URL: url,
				Start: p.Deadline, AllDay: isMidnight(p.Deadline), Stamp: stamp})
		}
		if !p.EventDate.IsZero() {
			start, end, allDay := p.EventInstants()
			events = append(events, ical.Event{UID: url + "#event", Summary: r.shownTitle(p), Description: p.Summary, URL: url,
				Location: eventPlace(p), Start: start, End: end, AllDay: allDay, Cancelled: p.EventStatus == "cancelled", Stamp: stamp})
		}
	}
	name := j.page.Title + " — " + s.Title()
	buf.Write(ical.Write(name, events))
}

func isMidnight(t time.Time) bool { return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 }

// eventPlace is where an event is, on one line for a calendar: the venue
// and its address, or for an online event without a venue, its address on
// the web.
func eventPlace(p *site.Page) string {
	var parts []string
	for _, s := range []string{p.Location, p.Address.String()} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 && p.Attendance == site.Online {
		return p.EventURL
	}
	return strings.Join(parts, ", ")
}

// eventLine is the line an Atom entry starts with when its page is about
// an event: "Event: 10 December 2026, 09:00–13:00 · Amman", then a new
// line; "" otherwise.
func (r *renderer) eventLine(s *layout.Site, p *site.Page) string {
	if p.EventDate.IsZero() {
		return ""
	}
	l := s.Language.Locale
	label, _ := l.T("event")
	line := label + ": " + locale.Text(l.Span(p.EventSpan(r.a.Site.Config.TimeZone)))
	if p.Location != "" {
		line += " · " + p.Location
	}
	if p.Attendance == site.Online || p.Attendance == site.Hybrid {
		if mode, err := l.T("attendance." + p.Attendance); err == nil {
			line += " · " + mode
		}
	}
	if p.EventStatus != "" && p.EventStatus != site.EventStatuses[0] {
		if st, err := l.T("eventStatus." + p.EventStatus); err == nil {
			line += " · " + st
		}
	}
	return line + "\n"
}
