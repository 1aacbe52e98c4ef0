package view

import (
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/site"
)

// Emblem is the URL of the university's emblem (emblem in data/site.yaml),
// or "".
func (s *Site) Emblem() string {
	if e := s.a.Site.Config.Emblem; e != "" {
		return s.RelURL(e)
	}
	return ""
}

// UniversityURL is the university's main site (universityURL in
// data/site.yaml), or "".
func (s *Site) UniversityURL() string { return s.a.Site.Config.UniversityURL }

// OpenCalls returns the announcements whose deadline has not passed at
// build time, the one closing soonest first, at most n.
func (s *Site) OpenCalls(n int) []*Page {
	s.record(DepSection, "announcements")
	var out []*Page
	for _, p := range s.a.Section(s.Language.Code, "announcements") {
		if !p.Deadline.IsZero() && s.a.Now.Before(p.DeadlineEnd()) {
			out = append(out, s.page(p))
		}
	}
	slices.SortStableFunc(out, func(a, b *Page) int { return a.Deadline.Compare(b.Deadline) })
	return out[:min(n, len(out))]
}

// UpcomingEvents returns the announcements of events that have not ended
// at build time, the soonest first, at most n.
func (s *Site) UpcomingEvents(n int) []*Page {
	s.record(DepSection, "announcements")
	var out []*Page
	for _, p := range s.a.Section(s.Language.Code, "announcements") {
		if p.EventDate.IsZero() {
			continue
		}
		end := p.EventEnd
		if end.IsZero() {
			end = p.EventDate
		}
		if !p.EventTimed {
			end = end.AddDate(0, 0, 1) // a date is the whole day
		}
		if s.a.Now.Before(end) {
			out = append(out, s.page(p))
		}
	}
	slices.SortStableFunc(out, func(a, b *Page) int { return a.EventDate.Compare(b.EventDate) })
	return out[:min(n, len(out))]
}

// DaysLeft is how many calendar days, in the site's time zone, there are
// from the build to the page's deadline: 0 on its last day.
func (p *Page) DaysLeft() int {
	return locale.DaysBetween(p.s.a.Now, p.Deadline, p.s.a.Site.Config.TimeZone)
}

// Unconfirmed reports whether a contact detail (phone, hours, ...) is a
// placeholder the office has still to confirm (contact.unconfirmed).
func (s *Site) Unconfirmed(what string) bool {
	return slices.Contains(s.a.Site.Config.Contact.Unconfirmed, what)
}

// officeFuncs are the template functions for the office's details:
//
//	closesIn n       "Closes in 5 days", "tomorrow", "today"; Arabic
//	                 "يُغلق بعد ٥ أيام", "غداً", "اليوم", isolated
//	officeHours h    "8 am to 2 pm"; Arabic "من ٨ صباحاً حتى ٢ ظهراً"
//	officeDays h     "Sunday to Thursday"; Arabic "من الأحد إلى الخميس"
//	localPhone p     +970 8 264 1881 dialled within its country: 08 264 1881
//	telURI p         tel:+97082641881
func officeFuncs(l *site.Language, isolated func(*site.Language, string) template.HTML) template.FuncMap {
	return template.FuncMap{
		"closesIn": func(days int) (template.HTML, error) {
			s, err := l.Locale.ClosesIn(days)
			return isolated(l, s), err
		},
		"officeHours": func(h site.Hours) template.HTML {
			return isolated(l, l.Locale.OpenHours(h.Opens, h.Closes))
		},
		"officeDays": func(h site.Hours) template.HTML {
			return isolated(l, l.Locale.OpenDays(h.From, h.To))
		},
		"localPhone": localPhone,
		"telURI": func(p string) template.URL {
			return template.URL("tel:" + strings.ReplaceAll(p, " ", ""))
		},
		"weekday": func(d time.Weekday) template.HTML { return isolated(l, l.Locale.Weekday(d)) },
	}
}

// localPhone writes an international number (+970 8 264 1881) the way it
// is dialled within its country, with the country's trunk prefix (08 264
// 1881), or "" for a country whose prefix is not in trunkPrefix.
func localPhone(p string) string {
	cc, rest, ok := strings.Cut(p, " ")
	prefix, known := trunkPrefix[strings.TrimPrefix(cc, "+")]
	if !ok || !strings.HasPrefix(cc, "+") || !known {
		return ""
	}
	if prefix == "1" {
		return prefix + " " + rest
	}
	return prefix + rest
}

// trunkPrefix is what is dialled before a number within its country, by
// calling code, for the countries of the office and its likely partners;
// a country that keeps no prefix (Italy, Spain, Norway, Qatar) has none
// here.
var trunkPrefix = map[string]string{
	"970": "0", "972": "0", "962": "0", "20": "0", "90": "0", "44": "0", "49": "0", "33": "0",
	"60": "0", "966": "0", "971": "0", "212": "0", "216": "0", "46": "0", "1": "1",
}
