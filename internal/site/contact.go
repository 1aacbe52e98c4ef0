package site

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

var (
	contactKeys = []string{"email", "phone", "website", "address", "country", "hours", "unconfirmed"}
	hoursKeys   = []string{"from", "to", "opens", "closes"}
	// weekdays are the days' names in data/site.yaml, Sunday first as
	// time.Weekday counts them.
	weekdays = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	// unconfirmable are the details that may be marked unconfirmed.
	unconfirmable = []string{"email", "phone", "address", "hours"}
)

// phonePattern is an international number: +, the country code, then
// groups of digits apart.
var phonePattern = regexp.MustCompile(`^\+[1-9][0-9]{0,2}( [0-9]{1,5}){1,5}$`)

var clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])$`)

func loadContact(d *yamlpos.Decoder, c *Config, n *yaml.Node) Contact {
	var ct Contact
	if n == nil {
		return ct
	}
	m := d.Map(n, "contact")
	ct.Email, _ = m.String("email")
	if ct.Email != "" && (strings.Count(ct.Email, "@") != 1 || strings.ContainsAny(ct.Email, " <>\"")) {
		d.Errorf(m.Take("email"), "contact.email %q is not an e-mail address like ira@alaqsa.edu.ps", ct.Email)
		ct.Email = ""
	}
	if p, ok := m.String("phone"); ok {
		if !phonePattern.MatchString(p) {
			d.Errorf(m.Take("phone"), "contact.phone %q must be written the international way, + and the country code, then groups of digits apart, like +970 8 264 1881", p)
		} else {
			ct.Phone = p
		}
	}
	ct.Website, _ = m.String("website")
	ct.Address = localized(d, c, m.Take("address"), "contact.address", false)
	if cc, ok := m.String("country"); ok {
		if code, ok := countryCode(cc); ok {
			ct.Country = code
		} else {
			d.Errorf(m.Take("country"), "contact.country %q is not an ISO 3166 two-letter country code (like PS)", cc)
		}
	}
	ct.Hours = loadHours(d, m.Take("hours"))
	if un, ok := m.Strings("unconfirmed"); ok {
		for _, u := range un {
			if !slices.Contains(unconfirmable, u) {
				d.Errorf(m.Take("unconfirmed"), "contact.unconfirmed lists %q: it can list %s", u, strings.Join(unconfirmable, ", "))
				continue
			}
			ct.Unconfirmed = append(ct.Unconfirmed, u)
		}
	}
	m.Unknown("contact", contactKeys)
	return ct
}

// loadHours reads contact.hours: {from: sunday, to: thursday, opens:
// "08:00", closes: "14:00"}.
func loadHours(d *yamlpos.Decoder, n *yaml.Node) Hours {
	var h Hours
	if n == nil {
		return h
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "contact.hours must give the days and times, like\n  hours:\n    from: sunday\n    to: thursday\n    opens: \"08:00\"\n    closes: \"14:00\"")
		return h
	}
	m := d.Map(n, "contact.hours")
	ok := true
	day := func(key string) time.Weekday {
		s, found := m.String(key)
		if !found {
			d.Errorf(n, "contact.hours needs %s: (a day of the week, like sunday)", key)
			ok = false
			return 0
		}
		i := slices.Index(weekdays, strings.ToLower(strings.TrimSpace(s)))
		if i < 0 {
			hint := ""
			if g := yamlpos.Suggest(strings.ToLower(s), weekdays); g != "" {
				hint = "; did you mean " + g + "?"
			}
			d.Errorf(m.Take(key), "contact.hours.%s %q is not a day of the week in English (sunday, monday, ...)%s", key, s, hint)
			ok = false
		}
		return time.Weekday(max(i, 0))
	}
	clock := func(key string) int {
		s, found := m.String(key)
		if !found {
			d.Errorf(n, "contact.hours needs %s: (a time of day in quotes, like \"08:00\")", key)
			ok = false
			return 0
		}
		c := clockPattern.FindStringSubmatch(strings.TrimSpace(s))
		if c == nil {
			d.Errorf(m.Take(key), "contact.hours.%s %q is not a time of day: write it in 24 hours, in quotes, like \"14:00\"", key, s)
			ok = false
			return 0
		}
		var hh, mm int
		fmt.Sscanf(c[1]+" "+c[2], "%d %d", &hh, &mm)
		return hh*60 + mm
	}
	h.From, h.To = day("from"), day("to")
	h.Opens, h.Closes = clock("opens"), clock("closes")
	if ok && h.Closes <= h.Opens {
		d.Errorf(m.Take("closes"), "contact.hours.closes must be after opens (the office's hours within one day, in 24 hours: \"14:00\" for 2 pm)")
		ok = false
	}
	m.Unknown("contact.hours", hoursKeys)
	h.Set = ok
	return h
}
