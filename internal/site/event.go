package site

import (
	"net/url"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// An announcement about an event says when and where it is in its front
// matter:
//
//	eventDate: 2026-12-10T09:00     the first day, or the start time
//	eventEnd: 2026-12-10T13:00      the last day, or the end time (optional)
//	eventTimeZone: Europe/Rome      the zone of times written without one
//	                                (default: timeZone of data/site.yaml)
//	location: Example University    the venue's name
//	address: 12 Example Street, Amman   or a mapping: street, city,
//	                                region, postalCode, country (ISO code)
//	attendance: in-person           or online, or hybrid
//	eventURL: https://...           where to join an online or hybrid event
//	eventStatus: scheduled          or cancelled, postponed, rescheduled,
//	                                moved-online
//
// Dates without a time make an all-day event (eventEnd is its last day);
// dates with a time make a timed one, kept in the zone it was written in.
// An in-person event without location or address is at the office.

// Attendance modes of an event.
const (
	InPerson = "in-person"
	Online   = "online"
	Hybrid   = "hybrid"
)

// AttendanceModes are the values of attendance.
var AttendanceModes = []string{InPerson, Online, Hybrid}

// EventStatuses are the values of eventStatus, "scheduled" first.
var EventStatuses = []string{"scheduled", "cancelled", "postponed", "rescheduled", "moved-online"}

// eventKeys are the front matter keys that describe an event and need an
// eventDate.
var eventKeys = []string{"eventEnd", "eventTimeZone", "location", "address", "attendance", "eventURL", "eventStatus"}

// addressKeys are the keys of an address written as a mapping.
var addressKeys = []string{"street", "city", "region", "postalCode", "country"}

// Address is a postal address. An address written as one line is Street.
type Address struct {
	Street     string
	City       string
	Region     string
	PostalCode string
	Country    string // ISO 3166-1 alpha-2
}

// IsZero reports an address with nothing in it.
func (a Address) IsZero() bool { return a == Address{} }

// String writes the address on one line.
func (a Address) String() string {
	var parts []string
	for _, s := range []string{a.Street, a.City, a.Region, a.PostalCode, a.Country} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// decodeEvent takes the event keys from the front matter.
func decodeEvent(d *yamlpos.Decoder, m *yamlpos.Map, p *Page, tz *time.Location) {
	nodes := map[string]*yaml.Node{}
	for _, k := range append([]string{"eventDate"}, eventKeys...) {
		if n := m.Take(k); n != nil {
			nodes[k] = n
		}
	}
	if len(nodes) == 0 {
		return
	}
	if n := nodes["eventTimeZone"]; n != nil {
		if s, ok := d.Scalar(n, "eventTimeZone"); ok {
			loc, err := time.LoadLocation(strings.TrimSpace(s))
			if err != nil || s == "" || strings.EqualFold(s, "local") {
				d.Errorf(n, "unknown time zone %q: use a name like Europe/Rome or Asia/Gaza", s)
			} else {
				tz = loc
			}
		}
	}
	var startTimed, endTimed bool
	for _, k := range []struct {
		name  string
		dst   *time.Time
		timed *bool
	}{{"eventDate", &p.EventDate, &startTimed}, {"eventEnd", &p.EventEnd, &endTimed}} {
		n := nodes[k.name]
		if n == nil {
			continue
		}
		s, ok := d.Scalar(n, k.name)
		if !ok {
			continue
		}
		t, timed, err := parseEventTime(s, tz)
		if err != nil {
			d.Errorf(n, "%s", dateError(k.name, s, err, "2026-12-10, or with a time, like 2026-12-10T09:00 (or 2026-12-10T09:00+02:00 in another zone)"))
			continue
		}
		*k.dst, *k.timed = t, timed
	}
	p.EventTimed = startTimed
	if p.EventDate.IsZero() {
		if nodes["eventDate"] == nil {
			// An end without a start is a mistake; the other keys are
			// only unused.
			for _, k := range eventKeys {
				if n := nodes[k]; n != nil {
					report := d.Warnf
					if k == "eventEnd" {
						report = d.Errorf
					}
					report(n, "%s describes an event, but the page has no eventDate: add eventDate: YYYY-MM-DD (the event's first day), or remove %s", k, k)
				}
			}
		}
		p.EventEnd = time.Time{}
		return
	}
	if n := nodes["eventEnd"]; n != nil && !p.EventEnd.IsZero() {
		checkEventEnd(d, n, p, endTimed)
	}
	decodeEventPlace(d, nodes, p)
}

// checkEventEnd checks eventEnd (node n) against eventDate, and clears it
// when it is wrong or says nothing more than eventDate.
func checkEventEnd(d *yamlpos.Decoder, n *yaml.Node, p *Page, endTimed bool) {
	startTimed := p.EventTimed
	switch {
	case startTimed != endTimed:
		with, without := "eventDate", "eventEnd"
		if endTimed {
			with, without = without, with
		}
		d.Errorf(n, "%s has a time of day but %s does not: write both with times, like 2026-12-10T09:00 and 2026-12-10T13:00, or both as dates for an all-day event", with, without)
		p.EventEnd = time.Time{}
	case p.EventEnd.Before(p.EventDate):
		layout := eventLayout(startTimed)
		_, a := p.EventDate.Zone()
		_, b := p.EventEnd.Zone()
		if startTimed && a != b {
			layout += "Z07:00" // the zones differ: say which
		}
		d.Errorf(n, "eventEnd %s is before eventDate %s: the event cannot end before it starts; correct one of them (for a one-day event with a time, give the same day with the time it ends, like %s)",
			p.EventEnd.Format(layout), p.EventDate.Format(layout), p.EventDate.Format("2006-01-02")+"T17:00")
		p.EventEnd = time.Time{}
	case startTimed && p.EventEnd.Equal(p.EventDate):
		d.Errorf(n, "eventEnd is the same time as eventDate: give the time the event ends, or remove eventEnd when only the start is known")
		p.EventEnd = time.Time{}
	case !startTimed && p.EventEnd.Equal(p.EventDate):
		p.EventEnd = time.Time{} // a one-day event
	}
}

// decodeEventPlace reads where and how people attend an event, and its
// status, and says what search engines would miss.
func decodeEventPlace(d *yamlpos.Decoder, nodes map[string]*yaml.Node, p *Page) {
	p.Location = text(d, nodes["location"], "location")
	p.Address = decodeAddress(d, nodes["address"])
	p.Attendance = InPerson
	if n := nodes["attendance"]; n != nil {
		p.Attendance = oneOf(d, n, "attendance", AttendanceModes, InPerson)
	}
	p.EventStatus = EventStatuses[0]
	if n := nodes["eventStatus"]; n != nil {
		p.EventStatus = oneOf(d, n, "eventStatus", EventStatuses, EventStatuses[0])
	}
	if n := nodes["eventURL"]; n != nil {
		s := text(d, n, "eventURL")
		if u, err := url.Parse(s); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			d.Errorf(n, "eventURL %q must be a full address starting with https://, where people join or register for the event", s)
		} else {
			p.EventURL = s
		}
	}
	online := p.Attendance == Online || p.Attendance == Hybrid || p.EventStatus == "moved-online"
	switch {
	case p.Attendance == Online && !p.Address.IsZero():
		d.Errorf(nodes["address"], "an online event has no address: remove address, or write attendance: hybrid if people can also come in person")
	case online && p.EventURL == "" && nodes["eventURL"] == nil:
		at := nodes["attendance"]
		if at == nil {
			at = nodes["eventStatus"]
		}
		d.Warnf(at, "an online event needs eventURL: the address where people join or register (https://...); search engines do not list the event without one")
	case p.Attendance != Online && p.Location != "" && p.Address.IsZero():
		d.Warnf(nodes["location"], "add address: the street address of %q, so that search engines can show where the event is (or leave out location and address for an event at the office)", p.Location)
	}
}

// eventLayout is how an event time is quoted back in messages.
func eventLayout(timed bool) string {
	if timed {
		return "2006-01-02T15:04"
	}
	return "2006-01-02"
}

// parseEventTime reads an event's date or time as ParseDate does, but keeps
// a time in the zone it was written in (tz when none was written) and
// reports whether a time of day was written at all.
func parseEventTime(s string, tz *time.Location) (t time.Time, timed bool, err error) {
	s = strings.TrimSpace(latinDigits(s))
	for _, l := range dateLayouts {
		t, err = time.ParseInLocation(l, s, tz)
		if err == nil {
			if err := checkYear(t); err != nil {
				return time.Time{}, false, err
			}
			return t, l != "2006-01-02", nil
		}
	}
	return time.Time{}, false, err
}

// text reads a single value, trimmed.
func text(d *yamlpos.Decoder, n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	s, _ := d.Scalar(n, what)
	return strings.TrimSpace(s)
}

// oneOf reads a value that must be one of values, recording an error that
// lists them (and suggests the nearest) otherwise.
func oneOf(d *yamlpos.Decoder, n *yaml.Node, what string, values []string, def string) string {
	s := text(d, n, what)
	for _, v := range values {
		if s == v {
			return s
		}
	}
	hint := ""
	if g := yamlpos.Suggest(s, values); g != "" {
		hint = "; did you mean " + g + "?"
	}
	d.Errorf(n, "%s must be one of %s, not %q%s", what, strings.Join(values, ", "), s, hint)
	return def
}

// decodeAddress reads an address: one line, or a mapping of addressKeys.
func decodeAddress(d *yamlpos.Decoder, n *yaml.Node) Address {
	var a Address
	if n == nil {
		return a
	}
	if n.Kind == yaml.ScalarNode {
		a.Street = text(d, n, "address")
		return a
	}
	m := d.Map(n, "address")
	for _, f := range []struct {
		key string
		dst *string
	}{{"street", &a.Street}, {"city", &a.City}, {"region", &a.Region}, {"postalCode", &a.PostalCode}} {
		*f.dst = text(d, m.Take(f.key), "address."+f.key)
	}
	if cn := m.Take("country"); cn != nil {
		cc := text(d, cn, "address.country")
		if code, ok := countryCode(cc); ok {
			a.Country = code
		} else {
			d.Errorf(cn, "country %q is not an ISO 3166 two-letter country code (like PS, JO, TR)", cc)
		}
	}
	m.Unknown("address", addressKeys)
	if a.IsZero() {
		d.Errorf(n, "the address is empty: write it on one line, or give street, city and country")
	}
	return a
}

// countryCode checks an ISO 3166 two-letter country code.
func countryCode(cc string) (string, bool) {
	r, err := language.ParseRegion(cc)
	if err != nil || !r.IsCountry() || len(cc) != 2 {
		return "", false
	}
	return strings.ToUpper(cc), true
}

// EventSpan returns when the page's event is, to write with
// locale.Locale.Span: its first and last day, or its start and end times
// in the zone they were written in. Zone is set when that zone's offset
// differs from the site's (tz) at the start, so readers are told.
func (p *Page) EventSpan(tz *time.Location) locale.Span {
	s := locale.Span{Start: p.EventDate, End: p.EventEnd, AllDay: !p.EventTimed}
	if p.EventTimed && tz != nil {
		_, written := p.EventDate.Zone()
		_, site := p.EventDate.In(tz).Zone()
		s.Zone = written != site
	}
	return s
}

// EventInstants returns the event's start and its end for calendars: an
// all-day event's end is the day after its last (exclusive, as iCalendar
// counts), a timed event's end is zero when only its start is known.
func (p *Page) EventInstants() (start, end time.Time, allDay bool) {
	if !p.EventTimed {
		last := p.EventEnd
		if last.IsZero() {
			last = p.EventDate
		}
		return p.EventDate, last.AddDate(0, 0, 1), true
	}
	return p.EventDate, p.EventEnd, false
}
