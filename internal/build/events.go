package build

import (
	"bytes"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/ical"
	"github.com/alaqsa-ira/site/internal/site"
)

// calendar writes the deadlines and events of a page, or of a section. An
// event's times are the page's and its JSON-LD's: all-day events by date,
// timed ones as instants.
func (r *renderer) calendar(buf *bytes.Buffer, j *job) {
	s := r.view.Site(j.lang)
	deadline, _ := s.Language.Locale.T("deadline")
	var events []ical.Event
	for _, p := range j.items {
		url := s.AbsURL(p.Path)
		stamp := p.Updated
		if stamp.IsZero() {
			stamp = p.Date
		}
		if !p.Deadline.IsZero() {
			events = append(events, ical.Event{UID: url + "#deadline", Summary: deadline + ": " + r.view.ShownTitle(p), Description: p.Summary, URL: url,
				Start: p.Deadline, AllDay: isMidnight(p.Deadline), Stamp: stamp})
		}
		if !p.EventDate.IsZero() {
			start, end, allDay := p.EventInstants()
			events = append(events, ical.Event{UID: url + "#event", Summary: r.view.ShownTitle(p), Description: p.Summary, URL: url,
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
