package site

import (
	"cmp"
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

// eventTime is an event's date or time: a date is a day of an all-day
// event, a time is in the zone written with it, else in eventTimeZone,
// else in the site's. Which were written with a time is kept in the
// reading, for checkEvent.
func eventTime[T any](to func(*T) *time.Time) value[T, time.Time] {
	return value[T, time.Time]{typ: TypeDateTime, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (time.Time, bool) {
		s, ok := r.Scalar(n, f.Key)
		if !ok {
			return time.Time{}, false
		}
		tz := r.eventZone
		if tz == nil {
			tz = r.cfg.TimeZone
		}
		t, timed, err := parseEventTime(s, tz)
		if err != nil {
			r.Errorf(n, "%s", dateError(f.Key, s, err, "2026-12-10, or with a time, like 2026-12-10T09:00 (or 2026-12-10T09:00+02:00 in another zone)"))
			return time.Time{}, false
		}
		if r.timed == nil {
			r.timed = map[string]bool{}
		}
		r.timed[f.Key] = timed
		return t, true
	}}
}

// eventZone is the zone of an event's times written without one. It goes
// in no field of T: it is read first, and the times are read in it.
type eventZone[T any] struct{}

func (eventZone[T]) early()                     {}
func (eventZone[T]) describe(f *Field)          { f.Type = TypeTimeZone }
func (eventZone[T]) check(*reading, *Field, *T) {}
func (eventZone[T]) zero(*T) bool               { return false }
func (eventZone[T]) read(r *reading, f *Field, n *yaml.Node, _ *T) {
	s, ok := r.Scalar(n, f.Key)
	if !ok {
		return
	}
	loc, err := time.LoadLocation(strings.TrimSpace(s))
	if err != nil || s == "" || strings.EqualFold(s, "local") {
		r.Errorf(n, "unknown time zone %q: use a name like Europe/Rome or Asia/Gaza", s)
		return
	}
	r.eventZone = loc
}

// postal is an address: one line, or a mapping of addressKeys.
func postal[T any](to func(*T) *Address) value[T, Address] {
	return value[T, Address]{typ: TypeText, to: to, parse: func(r *reading, _ *Field, n *yaml.Node) (Address, bool) {
		return decodeAddress(r.Decoder, n), true
	}}
}

// eventLink is where people join or register for an event: a full http or
// https address.
func eventLink[T any](to func(*T) *string) value[T, string] {
	return value[T, string]{typ: TypeURL, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (string, bool) {
		s := text(r.Decoder, n, f.Key)
		if u, err := url.Parse(s); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			r.Errorf(n, "%s %q must be a full address starting with https://, where people join or register for the event", f.Key, s)
			return "", false
		}
		return s, true
	}}
}

// checkEvent checks the keys of an event together, once they are read:
// the other keys need eventDate, the end comes after the start, and an
// online event has a link; it sets what they leave unsaid.
func checkEvent(r *reading, p *Page) {
	var written []string
	for i, k := range FrontMatter.keys {
		if k.Event && r.vals[i] != nil {
			written = append(written, k.Key)
		}
	}
	if len(written) == 0 {
		return
	}
	p.EventTimed = r.timed["eventDate"]
	if p.EventDate.IsZero() {
		if r.val("eventDate") == nil {
			// An end without a start is a mistake; the other keys are
			// only unused.
			for _, key := range written {
				report := r.Warnf
				if key == "eventEnd" {
					report = r.Errorf
				}
				report(r.val(key), "%s describes an event, but the page has no eventDate: add eventDate: YYYY-MM-DD (the event's first day), or remove %s", key, key)
			}
		}
		p.EventEnd = time.Time{}
		return
	}
	if n := r.val("eventEnd"); n != nil && !p.EventEnd.IsZero() {
		checkEventEnd(r.Decoder, n, p, r.timed["eventEnd"])
	}
	checkEventPlace(r, p)
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

// checkEventPlace says what search engines would miss of where and how
// people attend an event, and sets its attendance and status when they
// are not written.
func checkEventPlace(r *reading, p *Page) {
	p.Attendance = cmp.Or(p.Attendance, InPerson)
	p.EventStatus = cmp.Or(p.EventStatus, EventStatuses[0])
	online := p.Attendance == Online || p.Attendance == Hybrid || p.EventStatus == "moved-online"
	switch {
	case p.Attendance == Online && !p.Address.IsZero():
		r.Errorf(r.val("address"), "an online event has no address: remove address, or write attendance: hybrid if people can also come in person")
	case online && p.EventURL == "" && r.val("eventURL") == nil:
		at := r.val("attendance")
		if at == nil {
			at = r.val("eventStatus")
		}
		r.Warnf(at, "an online event needs eventURL: the address where people join or register (https://...); search engines do not list the event without one")
	case p.Attendance != Online && p.Location != "" && p.Address.IsZero():
		r.Warnf(r.val("location"), "add address: the street address of %q, so that search engines can show where the event is (or leave out location and address for an event at the office)", p.Location)
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
