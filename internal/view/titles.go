package view

import (
	"strings"

	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/site"
)

// Example entries (example: true) are shown on the site with a badge; where
// a page leaves the site as a title alone (a feed entry, a calendar event,
// a search result), the title says it: the language's word for example
// comes first, unless the title already starts with it. Search engines are
// asked not to index them (see HTMLPage.ForSearch), and JSON-LD does not
// describe them.

// ShownTitle returns p's title as feeds, calendars and search results show
// it.
func (v *View) ShownTitle(p *site.Page) string {
	if !p.Example {
		return p.Title
	}
	word, err := v.sites[p.Lang].Language.Locale.T("example")
	if err != nil || word == "" || strings.HasPrefix(p.Title, word) {
		return p.Title
	}
	return word + ": " + p.Title
}

// EventLine is the line an Atom entry starts with when its page is about
// an event: "Event: 10 December 2026, 09:00–13:00 · Amman", then a new
// line; "" otherwise.
func (v *View) EventLine(p *site.Page) string {
	if p.EventDate.IsZero() {
		return ""
	}
	l := v.sites[p.Lang].Language.Locale
	label, _ := l.T("event")
	line := label + ": " + locale.Text(l.Span(p.EventSpan(v.a.Site.Config.TimeZone)))
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
