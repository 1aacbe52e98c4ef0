package view

import (
	"html/template"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/site"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// When writes when the page's event is, in the language's words and
// digits, each date and time in a <time> element: "10–12 December 2026",
// "10 December 2026, 09:00–13:00" (see locale.Locale.Span). It is "" for a
// page without an event.
func (p *Page) When() template.HTML {
	if !p.HasEvent() {
		return ""
	}
	parts := p.s.Language.Locale.Span(p.EventSpan(p.s.a.Site.Config.TimeZone))
	var b strings.Builder
	for _, part := range parts {
		if part.DateTime == "" {
			b.WriteString(string(p.s.isolated(part.Text)))
			continue
		}
		b.WriteString(`<time datetime="` + template.HTMLEscapeString(part.DateTime) + `">`)
		b.WriteString(string(p.s.isolated(part.Text)))
		b.WriteString("</time>")
	}
	return template.HTML(b.String())
}

// isolated escapes text of the site's language and isolates its runs of
// the other direction, as the ltr template function does.
func (s *Site) isolated(text string) template.HTML {
	all := s.a.Site.Config.Languages
	latin := ""
	for _, l := range all {
		if l.Dir == "ltr" {
			latin = l.Code
			break
		}
	}
	return isolateIn(s.Language, all, latin, text)
}

// EventAddress is the event's address on one line, its country named in
// the language; "" when the page gives none.
func (p *Page) EventAddress() string {
	a := p.Address
	if a.IsZero() {
		return ""
	}
	country := a.Country
	if country != "" {
		if r, err := language.ParseRegion(country); err == nil {
			if n := display.Regions(language.Make(p.s.Language.Code)).Name(r); n != "" {
				country = n
			}
		}
	}
	sep := ", "
	if p.s.Language.Dir == "rtl" {
		sep = "، "
	}
	var parts []string
	for _, s := range []string{a.Street, a.City, a.Region, a.PostalCode, country} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, sep)
}

// eventLD describes the page's event for search engines (schema.org
// Event, with what they require: its times with their offset, or its days;
// a Place with a postal address, a VirtualLocation, or both; the
// attendance mode, the status and the organiser).
func (c *Context) eventLD(office *ldRef) ldEvent {
	p, s := c.Page, c.Site
	start, end := ldTime(p.EventDate, p.EventTimed), ""
	if !p.EventEnd.IsZero() {
		end = ldTime(p.EventEnd, p.EventTimed)
	}
	mode := p.Attendance
	if p.EventStatus == "moved-online" {
		mode = site.Online
	}
	virtual := ldVirtualLocation{Type: "VirtualLocation", URL: p.EventURL}
	if virtual.URL == "" {
		virtual.URL = c.Canonical
	}
	var where any
	switch mode {
	case site.Online:
		where = virtual
	case site.Hybrid:
		where = []any{c.placeLD(), virtual}
	default:
		where = c.placeLD()
	}
	return ldEvent{
		Type: "Event", Name: p.Title, URL: c.Canonical, Start: start, End: end,
		Description: c.Description, InLanguage: s.Language.Code,
		Status:     "https://schema.org/Event" + ldStatus[p.EventStatus],
		Attendance: "https://schema.org/" + ldAttendance[mode] + "EventAttendanceMode",
		Location:   where,
		Organizer:  ldOrganizerRef{Type: "Organization", ID: office.ID, Name: s.Title(), URL: s.AbsURL("/" + s.Language.Code + "/")},
	}
}

// placeLD is the event's venue: its name and address as the page gives
// them, or the office's when it gives neither.
func (c *Context) placeLD() ldPlace {
	p, s := c.Page, c.Site
	if p.Location == "" && p.Address.IsZero() {
		ct := s.Contact()
		pl := ldPlace{Type: "Place", Name: s.University()}
		a := ct.Address[s.Language.Code]
		if s.Unconfirmed("address") {
			a = "" // not handed to search engines as a fact
		}
		if a != "" || ct.Country != "" {
			pl.Address = &ldPostalAddress{Type: "PostalAddress", Street: a, Country: ct.Country}
		}
		return pl
	}
	pl := ldPlace{Type: "Place", Name: p.Location}
	a := p.Address
	if a.IsZero() {
		// Without an address, the venue's name is the best one there is
		// (site check asks for an address).
		a.Street = p.Location
	}
	if pl.Name == "" {
		pl.Name = a.String()
	}
	pl.Address = &ldPostalAddress{Type: "PostalAddress", Street: a.Street, Locality: a.City, Region: a.Region, PostalCode: a.PostalCode, Country: a.Country}
	return pl
}

// ldTime writes an event time as schema.org takes it: a date for an
// all-day event, else a date and time with its offset.
func ldTime(t time.Time, timed bool) string {
	if !timed {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// ldStatus and ldAttendance name the schema.org values of eventStatus and
// attendance.
var (
	ldStatus = map[string]string{
		"scheduled": "Scheduled", "cancelled": "Cancelled", "postponed": "Postponed",
		"rescheduled": "Rescheduled", "moved-online": "MovedOnline",
	}
	ldAttendance = map[string]string{site.InPerson: "Offline", site.Online: "Online", site.Hybrid: "Mixed"}
)

// The schema.org types of an event.
type (
	ldEvent struct {
		Type        string         `json:"@type"`
		Name        string         `json:"name"`
		URL         string         `json:"url"`
		Start       string         `json:"startDate"`
		End         string         `json:"endDate,omitempty"`
		Description string         `json:"description"`
		InLanguage  string         `json:"inLanguage"`
		Status      string         `json:"eventStatus"`
		Attendance  string         `json:"eventAttendanceMode"`
		Location    any            `json:"location"`
		Organizer   ldOrganizerRef `json:"organizer"`
	}
	ldOrganizerRef struct {
		Type string `json:"@type"`
		ID   string `json:"@id"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	ldPlace struct {
		Type    string           `json:"@type"`
		Name    string           `json:"name"`
		Address *ldPostalAddress `json:"address,omitempty"`
	}
	ldPostalAddress struct {
		Type       string `json:"@type"`
		Street     string `json:"streetAddress,omitempty"`
		Locality   string `json:"addressLocality,omitempty"`
		Region     string `json:"addressRegion,omitempty"`
		PostalCode string `json:"postalCode,omitempty"`
		Country    string `json:"addressCountry,omitempty"`
	}
	ldVirtualLocation struct {
		Type string `json:"@type"`
		URL  string `json:"url"`
	}
)
