package build

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

// eventSite is the base site with the office's Arabic time format and
// address, and the event announcements of archive in both languages: each
// entry of pages is a name and the front matter lines of its event.
func eventSite(t *testing.T, pages map[string]string) string {
	t.Helper()
	cfg := strings.Replace(siteYAML(t), "digits: arab,", `digits: arab, timeFormat: "{hour12}:{minute} {period}",`, 1)
	cfg += "contact:\n  country: PS\n  address:\n    ar: جامعة المثال، غزة، فلسطين\n    en: Example University, Gaza, Palestine\n"
	var b strings.Builder
	b.WriteString("-- data/site.yaml --\n" + cfg)
	for name, fm := range pages {
		for _, lang := range []string{"ar", "en"} {
			b.WriteString("-- content/announcements/" + name + "." + lang + ".md --\n")
			b.WriteString(announcement(name+" "+lang, "categories: [conference]\n"+fm, "Text."))
		}
	}
	return b.String()
}

// eventText is the text of a page's event line, without its label.
func eventText(t *testing.T, b *built, file string) string {
	t.Helper()
	span := b.page(file).First(htmltest.Class("span", "event"))
	if span == nil {
		t.Fatalf("%s shows no event", file)
	}
	_, after, _ := strings.Cut(htmltest.Text(span), ": ")
	return after
}

// ldEvent returns the page's Event JSON-LD, or nil.
func ldEventOf(t *testing.T, b *built, file string) map[string]any {
	t.Helper()
	script := b.page(file).One(t, htmltest.Tag("script", "type", "application/ld+json"), "JSON-LD")
	var ld struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(htmltest.Text(script)), &ld); err != nil {
		t.Fatalf("%s: JSON-LD does not parse: %v", file, err)
	}
	for _, g := range ld.Graph {
		if g["@type"] == "Event" {
			return g
		}
	}
	return nil
}

var eventPages = map[string]string{
	"timed":        "eventDate: 2026-12-10T09:00\neventEnd: 2026-12-10T13:00\nlocation: Hall A\naddress: 1 Example Street, Gaza\n",
	"allday":       "eventDate: 2026-12-10\n",
	"sameday":      "eventDate: 2026-12-10\neventEnd: 2026-12-10\n",
	"month":        "eventDate: 2026-12-10\neventEnd: 2026-12-12\n",
	"months":       "eventDate: 2026-11-30\neventEnd: 2026-12-02\n",
	"years":        "eventDate: 2026-12-30\neventEnd: 2027-01-02\n",
	"startonly":    "eventDate: 2026-12-10T09:00\n",
	"multiday":     "eventDate: 2026-12-10T09:00\neventEnd: 2026-12-12T17:00\n",
	"offset":       "eventDate: 2026-12-10T09:00+01:00\neventEnd: 2026-12-10T13:00+01:00\n",
	"zone":         "eventDate: 2026-12-10T09:00\neventEnd: 2026-12-10T13:00\neventTimeZone: Europe/Rome\n",
	"utc":          "eventDate: 2026-12-10T07:00:00Z\neventEnd: 2026-12-10T11:00:00Z\n",
	"gazaoffset":   "eventDate: 2026-12-10T09:00+02:00\neventEnd: 2026-12-10T13:00+02:00\n",
	"midnight":     "eventDate: 2026-12-10T20:00\neventEnd: 2026-12-11T00:00\n",
	"atmidnight":   "eventDate: 2026-12-10T00:00\n",
	"arabicdigits": "eventDate: ٢٠٢٦-١٢-١٠T٠٩:٠٠\neventEnd: ٢٠٢٦-١٢-١٠T١٣:٠٠\n",
	"online":       "eventDate: 2026-12-10T09:00\neventEnd: 2026-12-10T13:00\nattendance: online\neventURL: https://meet.example.org/x\n",
	"hybrid":       "eventDate: 2026-12-10\nlocation: Hall B\naddress: {street: 2 Example Road, city: Amman, postalCode: \"11942\", country: JO}\nattendance: hybrid\neventURL: https://meet.example.org/y\n",
	"office":       "eventDate: 2026-12-10\n",
	"cancelled":    "eventDate: 2026-12-10\neventStatus: cancelled\n",
	"movedonline":  "eventDate: 2026-12-10\neventStatus: moved-online\neventURL: https://meet.example.org/z\n",
	"example":      "eventDate: 2026-12-10\nexample: true\n",
}

func TestEventsShowTheirDaysAndHoursInEachLanguage(t *testing.T) {
	b := mustBuild(t, newSite(t, eventSite(t, eventPages)))
	cases := []struct{ page, en, ar string }{
		{"timed", "10 December 2026, 09:00–13:00 · Hall A", "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً · Hall A"},
		{"allday", "10 December 2026", "١٠ كانون الأول ٢٠٢٦"},
		{"sameday", "10 December 2026", "١٠ كانون الأول ٢٠٢٦"},
		{"month", "10–12 December 2026", "١٠–١٢ كانون الأول ٢٠٢٦"},
		{"months", "30 November – 2 December 2026", "٣٠ تشرين الثاني – ٢ كانون الأول ٢٠٢٦"},
		{"years", "30 December 2026 – 2 January 2027", "٣٠ كانون الأول ٢٠٢٦ – ٢ كانون الثاني ٢٠٢٧"},
		{"startonly", "10 December 2026, 09:00", "١٠ كانون الأول ٢٠٢٦، ٩:٠٠ صباحاً"},
		{"multiday", "10 December 2026, 09:00 – 12 December 2026, 17:00", "١٠ كانون الأول ٢٠٢٦، ٩:٠٠ صباحاً – ١٢ كانون الأول ٢٠٢٦، ٥:٠٠ مساءً"},
		{"offset", "10 December 2026, 09:00–13:00 (UTC+1)", "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً (بتوقيت غرينتش+١)"},
		{"zone", "10 December 2026, 09:00–13:00 (UTC+1)", "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً (بتوقيت غرينتش+١)"},
		{"utc", "10 December 2026, 07:00–11:00 (UTC+0)", "١٠ كانون الأول ٢٠٢٦، من ٧:٠٠ صباحاً حتى ١١:٠٠ صباحاً (بتوقيت غرينتش+٠)"},
		{"gazaoffset", "10 December 2026, 09:00–13:00", "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً"},
		{"midnight", "10 December 2026, 20:00–00:00", "١٠ كانون الأول ٢٠٢٦، من ٨:٠٠ مساءً حتى ١٢:٠٠ منتصف الليل"},
		{"atmidnight", "10 December 2026, 00:00", "١٠ كانون الأول ٢٠٢٦، ١٢:٠٠ منتصف الليل"},
		{"arabicdigits", "10 December 2026, 09:00–13:00", "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً"},
		{"online", "10 December 2026, 09:00–13:00 · Online", "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً · عن بُعد"},
		{"hybrid", "10 December 2026 · Hall B · In person and online", "١٠ كانون الأول ٢٠٢٦ · Hall B · حضورياً وعن بُعد"},
		{"cancelled", "10 December 2026 · Cancelled", "١٠ كانون الأول ٢٠٢٦ · أُلغيت"},
	}
	for _, c := range cases {
		for lang, want := range map[string]string{"en": c.en, "ar": c.ar} {
			f := lang + "/announcements/" + c.page + "/index.html"
			if got := eventText(t, b, f); got != want {
				t.Errorf("%s: %q, want %q", f, got, want)
			}
		}
	}
	// Every card of every list, category and home page shows its page's
	// event line.
	seen := 0
	for name := range b.files {
		if !strings.HasSuffix(name, "index.html") || !(strings.Contains(name, "/categories/") || strings.HasSuffix(name, "announcements/index.html") || strings.Contains(name, "announcements/page/") || name == "en/index.html" || name == "ar/index.html") {
			continue
		}
		for _, span := range b.page(name).All(htmltest.Class("span", "event")) {
			seen++
			text := htmltest.Text(span)
			ok := false
			for _, c := range cases {
				if strings.HasSuffix(text, ": "+c.en) || strings.HasSuffix(text, ": "+c.ar) {
					ok = true
				}
			}
			if !ok && !strings.HasSuffix(text, ": 10 December 2026") && !strings.HasSuffix(text, ": ١٠ كانون الأول ٢٠٢٦") && !strings.Contains(text, "Moved online") && !strings.Contains(text, "تقرّر عقدها عن بُعد") {
				t.Errorf("%s shows an event as %q", name, text)
			}
		}
	}
	if seen < 20 {
		t.Errorf("the lists and homes show %d event lines; every card of an event should have one", seen)
	}
}

// TestEventTimesAreMachineReadable: each date and time shown is a <time>
// whose datetime is the moment shown, with its offset.
func TestEventTimesAreMachineReadable(t *testing.T) {
	b := mustBuild(t, newSite(t, eventSite(t, eventPages)))
	cases := map[string][]string{
		"timed":  {"2026-12-10", "2026-12-10T09:00+02:00", "2026-12-10T13:00+02:00"},
		"month":  {"2026-12-10", "2026-12-12"},
		"offset": {"2026-12-10", "2026-12-10T09:00+01:00", "2026-12-10T13:00+01:00"},
		"utc":    {"2026-12-10", "2026-12-10T07:00Z", "2026-12-10T11:00Z"},
	}
	for page, want := range cases {
		for _, lang := range []string{"ar", "en"} {
			f := lang + "/announcements/" + page + "/index.html"
			span := b.page(f).First(htmltest.Class("span", "event"))
			var got []string
			for _, tm := range htmltest.All(span, htmltest.Tag("time")) {
				got = append(got, htmltest.AttrOf(tm, "datetime"))
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s: <time> values %v, want %v", f, got, want)
			}
		}
	}
}

func TestEventJSONLDHasWhatSearchEnginesRequire(t *testing.T) {
	b := mustBuild(t, newSite(t, eventSite(t, eventPages)))
	get := func(m any, path ...string) any {
		for _, k := range path {
			mm, ok := m.(map[string]any)
			if !ok {
				return nil
			}
			m = mm[k]
		}
		return m
	}
	for _, lang := range []string{"ar", "en"} {
		file := func(p string) string { return lang + "/announcements/" + p + "/index.html" }
		ev := ldEventOf(t, b, file("timed"))
		if ev == nil {
			t.Fatalf("%s has no Event", file("timed"))
		}
		for k, want := range map[string]any{
			"startDate": "2026-12-10T09:00:00+02:00", "endDate": "2026-12-10T13:00:00+02:00",
			"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
			"eventStatus":         "https://schema.org/EventScheduled",
		} {
			if ev[k] != want {
				t.Errorf("%s: %s = %v, want %v", file("timed"), k, ev[k], want)
			}
		}
		if get(ev, "location", "@type") != "Place" || get(ev, "location", "name") != "Hall A" ||
			get(ev, "location", "address", "@type") != "PostalAddress" || get(ev, "location", "address", "streetAddress") != "1 Example Street, Gaza" {
			t.Errorf("%s: location %v", file("timed"), ev["location"])
		}
		if get(ev, "organizer", "name") == nil || get(ev, "organizer", "url") != "https://example.org/"+lang+"/" {
			t.Errorf("%s: organizer %v", file("timed"), ev["organizer"])
		}
		for page, want := range map[string][2]any{
			"allday": {"2026-12-10", nil}, "month": {"2026-12-10", "2026-12-12"}, "years": {"2026-12-30", "2027-01-02"},
			"startonly": {"2026-12-10T09:00:00+02:00", nil}, "offset": {"2026-12-10T09:00:00+01:00", "2026-12-10T13:00:00+01:00"},
			"zone": {"2026-12-10T09:00:00+01:00", "2026-12-10T13:00:00+01:00"}, "utc": {"2026-12-10T07:00:00Z", "2026-12-10T11:00:00Z"},
			"midnight": {"2026-12-10T20:00:00+02:00", "2026-12-11T00:00:00+02:00"}, "atmidnight": {"2026-12-10T00:00:00+02:00", nil},
		} {
			ev := ldEventOf(t, b, file(page))
			if ev == nil || ev["startDate"] != want[0] || ev["endDate"] != want[1] {
				t.Errorf("%s: Event %v, want startDate %v endDate %v", file(page), ev, want[0], want[1])
			}
		}
		if ev := ldEventOf(t, b, file("online")); ev["eventAttendanceMode"] != "https://schema.org/OnlineEventAttendanceMode" ||
			get(ev, "location", "@type") != "VirtualLocation" || get(ev, "location", "url") != "https://meet.example.org/x" {
			t.Errorf("online event %v", ev)
		}
		ev = ldEventOf(t, b, file("hybrid"))
		locs, _ := ev["location"].([]any)
		if ev["eventAttendanceMode"] != "https://schema.org/MixedEventAttendanceMode" || len(locs) != 2 ||
			get(locs[0], "@type") != "Place" || get(locs[0], "address", "addressCountry") != "JO" || get(locs[0], "address", "postalCode") != "11942" ||
			get(locs[0], "address", "addressLocality") != "Amman" || get(locs[1], "@type") != "VirtualLocation" || get(locs[1], "url") != "https://meet.example.org/y" {
			t.Errorf("hybrid event %v", ev)
		}
		office := map[string]string{"ar": "جامعة المثال، غزة، فلسطين", "en": "Example University, Gaza, Palestine"}[lang]
		if ev := ldEventOf(t, b, file("office")); get(ev, "location", "@type") != "Place" || get(ev, "location", "name") == "" ||
			get(ev, "location", "address", "streetAddress") != office || get(ev, "location", "address", "addressCountry") != "PS" {
			t.Errorf("an event without a place should be at the office: %v", ev["location"])
		}
		if ev := ldEventOf(t, b, file("cancelled")); ev["eventStatus"] != "https://schema.org/EventCancelled" {
			t.Errorf("cancelled event %v", ev)
		}
		if ev := ldEventOf(t, b, file("movedonline")); ev["eventStatus"] != "https://schema.org/EventMovedOnline" ||
			ev["eventAttendanceMode"] != "https://schema.org/OnlineEventAttendanceMode" || get(ev, "location", "@type") != "VirtualLocation" {
			t.Errorf("event moved online %v", ev)
		}
	}
}

func TestExampleAnnouncementsAreNotPresentedAsRealNewsOrEvents(t *testing.T) {
	b := mustBuild(t, newSite(t, eventSite(t, eventPages)))
	for _, lang := range []string{"ar", "en"} {
		f := lang + "/announcements/example/index.html"
		text := htmltest.Text(b.page(f).One(t, htmltest.Tag("script", "type", "application/ld+json"), "JSON-LD"))
		if strings.Contains(text, `"Event"`) || strings.Contains(text, `"NewsArticle"`) {
			t.Errorf("%s presents an example as real: %s", f, text)
		}
	}
	// The office site's samples are all marked, and none is presented as
	// a real event or article.
	office := mustBuild(t, os.DirFS(repoRoot))
	n := 0
	for name, data := range office.files {
		if !strings.HasPrefix(name, "en/announcements/") && !strings.HasPrefix(name, "ar/announcements/") || !strings.HasSuffix(name, "/index.html") {
			continue
		}
		doc := office.page(name)
		h1 := doc.First(htmltest.Tag("h1"))
		if h1 == nil || !(strings.HasPrefix(htmltest.Text(h1), "Example:") || strings.HasPrefix(htmltest.Text(h1), "مثال:")) {
			continue
		}
		n++
		if strings.Contains(string(data), `"@type":"Event"`) || strings.Contains(string(data), `"@type":"NewsArticle"`) {
			t.Errorf("%s, an example, has Event or NewsArticle JSON-LD", name)
		}
	}
	if n < 10 {
		t.Errorf("found %d example announcements in the office site", n)
	}
}

// TestCalendarsAndJSONLDAgreeOnEveryEvent compares each event's .ics with
// its JSON-LD: the same days, or the same instants.
func TestCalendarsAndJSONLDAgreeOnEveryEvent(t *testing.T) {
	b := mustBuild(t, newSite(t, eventSite(t, eventPages)))
	checked := 0
	for name := range eventPages {
		if name == "example" {
			continue
		}
		for _, lang := range []string{"ar", "en"} {
			dir := lang + "/announcements/" + name + "/"
			ev := ldEventOf(t, b, dir+"index.html")
			ics := strings.ReplaceAll(string(b.files[dir+"calendar.ics"]), "\r\n ", "")
			start, end, allDay := icsEvent(t, ics)
			ldStart, _ := ev["startDate"].(string)
			ldEnd, _ := ev["endDate"].(string)
			if allDay {
				wantEnd := ldEnd
				if wantEnd == "" {
					wantEnd = ldStart
				}
				last, _ := time.Parse("2006-01-02", wantEnd)
				if start.Format("2006-01-02") != ldStart || !end.Equal(last.AddDate(0, 0, 1)) {
					t.Errorf("%s: .ics days %v–%v (exclusive), JSON-LD %s–%s", dir, start, end, ldStart, ldEnd)
				}
			} else {
				s, err := time.Parse(time.RFC3339, ldStart)
				if err != nil || !s.Equal(start) {
					t.Errorf("%s: .ics starts %v, JSON-LD %s", dir, start, ldStart)
				}
				if ldEnd == "" != end.IsZero() {
					t.Errorf("%s: .ics end %v, JSON-LD end %q", dir, end, ldEnd)
				} else if ldEnd != "" {
					if e, err := time.Parse(time.RFC3339, ldEnd); err != nil || !e.Equal(end) {
						t.Errorf("%s: .ics ends %v, JSON-LD %s", dir, end, ldEnd)
					}
				}
			}
			if (ev["eventStatus"] == "https://schema.org/EventCancelled") != strings.Contains(ics, "STATUS:CANCELLED") {
				t.Errorf("%s: the .ics and JSON-LD disagree on cancellation", dir)
			}
			checked++
		}
	}
	if checked < 30 {
		t.Errorf("checked %d events", checked)
	}
	if ics := string(b.files["en/announcements/hybrid/calendar.ics"]); !strings.Contains(ics, "LOCATION:Hall B\\, 2 Example Road\\, Amman\\, 11942\\, JO") {
		t.Errorf("the hybrid event's calendar lacks its place:\n%s", ics)
	}
	if ics := string(b.files["en/announcements/online/calendar.ics"]); !strings.Contains(ics, "LOCATION:https://meet.example.org/x") {
		t.Errorf("the online event's calendar lacks where to join:\n%s", ics)
	}
}

// icsEvent reads the event (not the deadline) of a page's calendar.
func icsEvent(t *testing.T, ics string) (start, end time.Time, allDay bool) {
	t.Helper()
	_, ev, ok := strings.Cut(ics, "#event\r\n")
	if !ok {
		t.Fatalf("no event in\n%s", ics)
	}
	ev, _, _ = strings.Cut(ev, "END:VEVENT")
	for _, line := range strings.Split(ev, "\r\n") {
		k, v, _ := strings.Cut(line, ":")
		var err error
		switch k {
		case "DTSTART;VALUE=DATE":
			allDay = true
			start, err = time.Parse("20060102", v)
		case "DTEND;VALUE=DATE":
			end, err = time.Parse("20060102", v)
		case "DTSTART":
			start, err = time.Parse("20060102T150405Z", v)
		case "DTEND":
			end, err = time.Parse("20060102T150405Z", v)
		}
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	return start, end, allDay
}

func TestAtomEntriesSayWhenTheEventIs(t *testing.T) {
	b := mustBuild(t, newSite(t, eventSite(t, map[string]string{"timed": eventPages["timed"]})))
	for lang, want := range map[string]string{
		"en": "Event: 10 December 2026, 09:00–13:00 · Hall A\nText.",
		"ar": "الفعالية: ١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً · Hall A\nText.",
	} {
		feed := string(b.files[lang+"/announcements/atom.xml"])
		if !strings.Contains(feed, "<summary>"+strings.ReplaceAll(want, "\n", "&#xA;")+"</summary>") {
			t.Errorf("%s feed lacks %q:\n%s", lang, want, feed)
		}
	}
}

func TestEventPagesShowTheAddressAndWhereToJoin(t *testing.T) {
	b := mustBuild(t, newSite(t, eventSite(t, eventPages)))
	doc := b.page("en/announcements/hybrid/index.html")
	if a := doc.First(htmltest.Class("p", "event-address")); a == nil || htmltest.Text(a) != "Address: 2 Example Road, Amman, 11942, Jordan" {
		t.Errorf("address line %v", a)
	}
	if a := doc.First(htmltest.Class("p", "event-url")); a == nil || htmltest.AttrOf(htmltest.All(a, htmltest.Tag("a"))[0], "href") != "https://meet.example.org/y" {
		t.Error("the page does not link to where to join")
	}
	if a := b.page("ar/announcements/hybrid/index.html").First(htmltest.Class("p", "event-address")); a == nil || !strings.Contains(htmltest.Text(a), "الأردن") {
		t.Errorf("the Arabic page does not name the country in Arabic: %v", a)
	}
}

func TestEventMistakesNameTheLineAndHowToFix(t *testing.T) {
	page := func(fm string) string {
		return "-- content/announcements/e.en.md --\n" + announcement("E", fm, "Text.")
	}
	// The front matter's lines: 1 ---, 2 title, 3 date, 4 on: the extra lines.
	cases := []struct {
		name, fm string
		want     []string
	}{
		{"end before start", "eventDate: 2026-12-10T13:00\neventEnd: 2026-12-10T09:00\n",
			[]string{"content/announcements/e.en.md:5:", "eventEnd 2026-12-10T09:00 is before eventDate 2026-12-10T13:00", "cannot end before it starts"}},
		{"end day before start day", "eventDate: 2026-12-12\neventEnd: 2026-12-10\n",
			[]string{"content/announcements/e.en.md:5:", "eventEnd 2026-12-10 is before eventDate 2026-12-12"}},
		{"end before start in another zone", "eventDate: 2026-12-10T09:00+01:00\neventEnd: 2026-12-10T09:30+02:00\n",
			[]string{"content/announcements/e.en.md:5:", "eventEnd 2026-12-10T09:30+02:00 is before eventDate 2026-12-10T09:00+01:00"}},
		{"end equals start", "eventDate: 2026-12-10T09:00\neventEnd: 2026-12-10T09:00\n",
			[]string{"content/announcements/e.en.md:5:", "same time as eventDate"}},
		{"time on one end only", "eventDate: 2026-12-10T09:00\neventEnd: 2026-12-12\n",
			[]string{"content/announcements/e.en.md:5:", "eventDate has a time of day but eventEnd does not", "both"}},
		{"time on the other end only", "eventDate: 2026-12-10\neventEnd: 2026-12-12T17:00\n",
			[]string{"content/announcements/e.en.md:5:", "eventEnd has a time of day but eventDate does not"}},
		{"not a time", "eventDate: 2026-12-10T25:00\n",
			[]string{"content/announcements/e.en.md:4:", `eventDate "2026-12-10T25:00" is not a date`, "2026-12-10T09:00"}},
		{"end without start", "eventEnd: 2026-12-10\n",
			[]string{"content/announcements/e.en.md:4:", "eventEnd describes an event, but the page has no eventDate"}},
		{"unknown attendance", "eventDate: 2026-12-10\nattendance: onlin\n",
			[]string{"content/announcements/e.en.md:5:", "attendance must be one of in-person, online, hybrid", "did you mean online?"}},
		{"unknown status", "eventDate: 2026-12-10\neventStatus: canceled\n",
			[]string{"content/announcements/e.en.md:5:", "eventStatus must be one of", "did you mean cancelled?"}},
		{"online with an address", "eventDate: 2026-12-10\nattendance: online\neventURL: https://x.example/\naddress: 1 Street\n",
			[]string{"content/announcements/e.en.md:7:", "an online event has no address", "attendance: hybrid"}},
		{"event address not https", "eventDate: 2026-12-10\nattendance: online\neventURL: meet.example.org\n",
			[]string{"content/announcements/e.en.md:6:", "eventURL \"meet.example.org\" must be a full address"}},
		{"unknown zone", "eventDate: 2026-12-10T09:00\neventTimeZone: Europe/Romee\n",
			[]string{"content/announcements/e.en.md:5:", "unknown time zone"}},
		{"bad country", "eventDate: 2026-12-10\nlocation: Hall\naddress: {street: 1 Street, country: XX}\n",
			[]string{"content/announcements/e.en.md:6:", "ISO 3166"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := errorLines(t, page(c.fm))
			for _, l := range lines {
				if containsAll(l, c.want) {
					return
				}
			}
			t.Errorf("no error line has all of %q; got:\n%s", c.want, strings.Join(lines, "\n"))
		})
	}
}

func TestIncompleteEventsAreWarnedAbout(t *testing.T) {
	cases := []struct{ fm, want string }{
		{"eventDate: 2026-12-10\nattendance: online\n", "content/announcements/e.en.md:5:13: warning: an online event needs eventURL"},
		{"eventDate: 2026-12-10\nattendance: hybrid\nlocation: Hall\naddress: 1 Street\n", "content/announcements/e.en.md:5:13: warning: an online event needs eventURL"},
		{"eventDate: 2026-12-10\nlocation: Hall A\n", `content/announcements/e.en.md:5:11: warning: add address: the street address of "Hall A"`},
		{"location: Hall A\n", "content/announcements/e.en.md:4:11: warning: location describes an event, but the page has no eventDate"},
		{"attendance: online\neventURL: https://x.example/\n", "content/announcements/e.en.md:5:11: warning: eventURL describes an event, but the page has no eventDate"},
	}
	for _, c := range cases {
		b := mustBuild(t, newSite(t, "-- content/announcements/e.en.md --\n"+announcement("E", c.fm, "Text.")))
		var msgs []string
		for _, w := range b.res.Warnings {
			msgs = append(msgs, w.Error())
		}
		if !strings.Contains(strings.Join(msgs, "\n"), c.want) {
			t.Errorf("%q: warnings lack %q:\n%s", c.fm, c.want, strings.Join(msgs, "\n"))
		}
	}
	b := mustBuild(t, newSite(t, "-- content/announcements/e.en.md --\n"+announcement("E", "eventDate: 2026-12-10T09:00\neventEnd: 2026-12-10T13:00\n", "Text.")))
	for _, w := range b.res.Warnings {
		if strings.Contains(w.Error(), "event") || strings.Contains(w.Error(), "address") {
			t.Errorf("an event at the office has a warning: %v", w)
		}
	}
}
