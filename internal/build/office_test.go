package build

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

// calls are announcements whose deadlines fall at different distances from
// testNow (29 November 2026, 12:00 in Gaza), one of them passed.
const calls = `
-- content/announcements/passed.en.md --
---
title: Passed
date: 2026-10-01
deadline: 2026-11-28
---
x
-- content/announcements/today.en.md --
---
title: Today
date: 2026-10-02
deadline: 2026-11-29T23:00
---
x
-- content/announcements/tomorrow.en.md --
---
title: Tomorrow
date: 2026-10-03
deadline: 2026-11-30
---
x
-- content/announcements/two.en.md --
---
title: Two
date: 2026-10-04
deadline: 2026-12-01
---
x
-- content/announcements/eleven.en.md --
---
title: Eleven
date: 2026-10-05
deadline: 2026-12-10
---
x
-- content/announcements/five.en.md --
---
title: Five
date: 2026-10-06
deadline: 2026-12-04
---
x
-- content/announcements/hundred.en.md --
---
title: Hundred
date: 2026-10-07
deadline: 2027-03-09
---
x
`

func TestHomeListsOpenCallsSoonestFirstWithTheDaysLeftInWords(t *testing.T) {
	archive := calls
	// The same announcements in Arabic.
	for _, name := range []string{"passed", "today", "tomorrow", "two", "eleven", "five", "hundred"} {
		i := strings.Index(archive, "-- content/announcements/"+name+".en.md --")
		j := strings.Index(archive[i+1:], "-- content/")
		body := archive[i:]
		if j >= 0 {
			body = archive[i : i+1+j]
		}
		archive += strings.Replace(body, ".en.md", ".ar.md", 1)
	}
	b := mustBuild(t, newSite(t, archive))
	want := map[string][]string{
		"en": {"Closes today", "Closes tomorrow", "Closes in 2 days", "Closes in 5 days", "Closes in 11 days", "Closes in 100 days"},
		"ar": {"يُغلق اليوم", "يُغلق غداً", "يُغلق بعد يومين", "يُغلق بعد ٥ أيام", "يُغلق بعد ١١ يوماً", "يُغلق بعد ١٠٠ يوم"},
	}
	for lang, texts := range want {
		home := b.page(lang + "/index.html")
		var got, titles []string
		for _, li := range home.All(htmltest.Class("li", "call")) {
			got = append(got, htmltest.Text(htmltest.All(li, htmltest.Class("strong", "days-left"))[0]))
			titles = append(titles, htmltest.Text(htmltest.All(li, htmltest.Tag("a"))[0]))
		}
		if strings.Join(got, "|") != strings.Join(texts, "|") {
			t.Errorf("%s: days left %q, want %q", lang, got, texts)
		}
		if strings.Join(titles, " ") != "Today Tomorrow Two Five Eleven Hundred" {
			t.Errorf("%s: calls in the order %q, want the soonest first and the passed one left out", lang, titles)
		}
	}
}

func TestHomeHasTheSideColumnAfterTheMainOne(t *testing.T) {
	b := mustBuild(t, newSite(t, calls+`
-- content/announcements/event.en.md --
---
title: Coming event
date: 2026-10-01
eventDate: 2026-12-10
---
x
-- content/announcements/old-event.en.md --
---
title: Old event
date: 2026-10-01
eventDate: 2026-11-01
---
x
`))
	home := b.page("en/index.html")
	cols := home.All(htmltest.Tag("div"))
	var order []string
	for _, c := range cols {
		if cl := htmltest.AttrOf(c, "class"); cl == "main-column" || cl == "side-column" {
			order = append(order, cl)
		}
	}
	if strings.Join(order, " ") != "main-column side-column" {
		t.Errorf("columns in the order %q", order)
	}
	events := htmltest.Text(home.One(t, htmltest.Class("section", "events"), "upcoming events"))
	if !strings.Contains(events, "Coming event") || strings.Contains(events, "Old event") {
		t.Errorf("upcoming events: %q", events)
	}
	if cards := home.All(htmltest.Class("li", "card")); len(cards) == 0 {
		t.Error("no news cards")
	}
}

const contactSite = `
-- content/contact.en.md --
---
title: Contact
layout: contact
---
x
-- content/contact.ar.md --
---
title: اتصل بنا
layout: contact
---
x
`

func contactConfig(contact string) string {
	return strings.Replace(baseSite[strings.Index(baseSite, "-- data/site.yaml --"):strings.Index(baseSite, "-- content/")], "menus:", contact+"\nmenus:", 1)
}

func TestContactWritesHoursAndDaysAsEachLanguageDoes(t *testing.T) {
	for _, tc := range []struct {
		hours          string
		days, openHrs  map[string]string
		phone, local   string
		unconfirmedTag bool
	}{
		{
			hours:   `{from: saturday, to: wednesday, opens: "08:30", closes: "15:00"}`,
			days:    map[string]string{"en": "Saturday to Wednesday", "ar": "من السبت إلى الأربعاء"},
			openHrs: map[string]string{"en": "8:30 am to 3 pm", "ar": "من ٨:٣٠ صباحاً حتى ٣ عصراً"},
			phone:   "+970 8 264 1881", local: "08 264 1881",
		},
		{
			hours:   `{from: sunday, to: thursday, opens: "08:00", closes: "14:00"}`,
			days:    map[string]string{"en": "Sunday to Thursday", "ar": "من الأحد إلى الخميس"},
			openHrs: map[string]string{"en": "8 am to 2 pm", "ar": "من ٨ صباحاً حتى ٢ ظهراً"},
			phone:   "+44 20 7946 0000", local: "020 7946 0000", unconfirmedTag: true,
		},
		{
			hours:   `{from: monday, to: monday, opens: "12:00", closes: "19:45"}`,
			days:    map[string]string{"en": "Monday", "ar": "الاثنين"},
			openHrs: map[string]string{"en": "12 pm to 7:45 pm", "ar": "من ١٢ ظهراً حتى ٧:٤٥ مساءً"},
			phone:   "+1 202 555 0100", local: "1 202 555 0100",
		},
	} {
		contact := "contact:\n  phone: " + tc.phone + "\n  address: {ar: غزة، فلسطين, en: 'Gaza, Palestine'}\n  hours: " + tc.hours
		if tc.unconfirmedTag {
			contact += "\n  unconfirmed: [phone, hours]"
		}
		b := mustBuild(t, newSite(t, contactConfig(contact)+contactSite))
		for _, lang := range []string{"en", "ar"} {
			doc := b.page(lang + "/contact/index.html")
			text := htmltest.Text(doc.One(t, htmltest.Class("dl", "contact"), "contact details"))
			for _, w := range []string{tc.days[lang], tc.openHrs[lang], tc.local} {
				if !strings.Contains(text, w) {
					t.Errorf("%s, %s: the contact details %q lack %q", lang, tc.hours, text, w)
				}
			}
			if strings.Contains(text, "١٤:٠٠") || strings.Contains(text, "14:00") {
				t.Errorf("%s: hours on the 24-hour clock: %q", lang, text)
			}
			// Both numbers can be tapped, and both dial the international
			// number, which works from any phone; the footer's too.
			want := "tel:" + strings.ReplaceAll(tc.phone, " ", "")
			var numbers []string
			for _, a := range doc.All(htmltest.Tag("a")) {
				if tel := htmltest.AttrOf(a, "href"); strings.HasPrefix(tel, "tel:") {
					numbers = append(numbers, htmltest.Text(a))
					if htmltest.AttrOf(a, "dir") != "ltr" {
						t.Errorf("%s: the phone link %q is not isolated left to right", lang, htmltest.Text(a))
					}
					if tel != want {
						t.Errorf("%s: the phone link %q dials %q, want %q", lang, htmltest.Text(a), tel, want)
					}
				}
			}
			if got := strings.Join(numbers, "|"); got != tc.phone+"|"+tc.local+"|"+tc.phone {
				t.Errorf("%s: phone links %q, want the number from abroad and within the country, then the footer's", lang, got)
			}
			// Both addresses, the other language's marked as such.
			if !strings.Contains(text, "Gaza, Palestine") || !strings.Contains(text, "غزة، فلسطين") {
				t.Errorf("%s: the address is not given in both languages: %q", lang, text)
			}
			// Each detail still to be confirmed is marked wherever it is
			// shown: the phone, the days and the hours on the contact page,
			// the phone in every page's footer; the others are not.
			var marked []string
			for _, dt := range htmltest.All(doc.One(t, htmltest.Class("dl", "contact"), "contact details"), htmltest.Tag("dt")) {
				if len(htmltest.All(dt, htmltest.Class("span", "badge"))) > 0 {
					marked = append(marked, strings.Fields(htmltest.Text(dt))[0])
				}
			}
			wantMarked := ""
			if tc.unconfirmedTag {
				wantMarked = map[string]string{"en": "Phone|Opening|Office", "ar": "الهاتف|أيام|ساعات"}[lang]
			}
			if got := strings.Join(marked, "|"); got != wantMarked {
				t.Errorf("%s: details marked to be confirmed: %q, want %q", lang, got, wantMarked)
			}
			footer := doc.One(t, htmltest.Class("footer", "site-footer"), "footer")
			if n := len(htmltest.All(footer, htmltest.Class("span", "badge"))); tc.unconfirmedTag != (n == 1) {
				t.Errorf("%s: %d marks in the footer, which shows the unconfirmed phone %v", lang, n, tc.unconfirmedTag)
			}
		}
	}
}

func TestContactDetailsThatCannotBeWrittenAreErrorsAtTheirLine(t *testing.T) {
	for _, tc := range []struct{ contact, want string }{
		{"contact:\n  phone: 08 264 1881", "international way"},
		{"contact:\n  phone: '+970-8-264-1881'", "international way"},
		{"contact:\n  hours: {from: sundy, to: thursday, opens: '08:00', closes: '14:00'}", "did you mean sunday"},
		{"contact:\n  hours: {from: sunday, to: thursday, opens: '8am', closes: '14:00'}", "24 hours"},
		{"contact:\n  hours: {from: sunday, to: thursday, opens: '14:00', closes: '08:00'}", "after opens"},
		{"contact:\n  hours: {from: sunday, opens: '08:00', closes: '14:00'}", "needs to"},
		{"contact:\n  hours: Sunday to Thursday, 8 to 2", "must give the days and times"},
		{"contact:\n  unconfirmed: [fax]", "can list"},
		{"contact:\n  email: ira at alaqsa", "not an e-mail address"},
		{"emblem: images/emblem.svg", "under static/"},
		{"universityURL: www.alaqsa.edu.ps", "https://"},
	} {
		_, err := buildSite(t, newSite(t, contactConfig(tc.contact)+contactSite))
		// The mistake is on the last line written: line 9 is the first.
		at := fmt.Sprintf("data/site.yaml:%d:", 9+strings.Count(tc.contact, "\n"))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), at) {
			t.Errorf("%q: error %v, want one at its line saying %q", tc.contact, err, tc.want)
		}
	}
}

const partnersSite = `
-- content/partners.en.md --
---
title: Partners
layout: partners
---
x
-- content/partners.ar.md --
---
title: الشركاء
layout: partners
---
x
-- data/partners.yaml --
- {id: a, name: {en: A & Co, ar: أ}, country: DE, city: {en: Berlin, ar: برلين}, type: university, agreements: [erasmus, mou]}
- {id: b, name: {en: B, ar: ب}, country: DE, city: {en: Bonn, ar: بون}, type: university, agreements: [mou]}
- {id: c, name: {en: C, ar: ج}, country: QA, city: {en: Doha, ar: الدوحة}, type: organisation, agreements: [scholarships], example: true}
`

func TestPartnersMapLinksEachCountryToItsPartnersAndFiltersWithoutScript(t *testing.T) {
	b := mustBuild(t, newSite(t, partnersSite))
	for lang, labels := range map[string][]string{
		"en": {"Germany: 2 partner institutions", "Qatar: 1 example"},
		"ar": {"ألمانيا: مؤسستان شريكتان", "قطر: "},
	} {
		doc := b.page(lang + "/partners/index.html")
		svg := doc.One(t, htmltest.Tag("svg"), "the map")
		links := htmltest.All(svg, htmltest.Tag("a"))
		if len(links) != 2 {
			t.Fatalf("%s: %d links on the map, want 2", lang, len(links))
		}
		for i, a := range links {
			code := []string{"DE", "QA"}[i]
			if href := htmltest.AttrOf(a, "href"); href != "#f-"+code {
				t.Errorf("%s: map link %d goes to %q", lang, i, href)
			}
			if l := htmltest.AttrOf(a, "aria-label"); !strings.HasPrefix(l, labels[i]) {
				t.Errorf("%s: map link named %q, want %q", lang, l, labels[i])
			}
			if doc.First(htmltest.Tag("span", "id", "f-"+code)) == nil {
				t.Errorf("%s: no target #f-%s for the filter", lang, code)
			}
		}
		if n := len(doc.All(htmltest.Tag("li", "class", "partner c-DE a-erasmus a-mou"))); n != 1 {
			t.Errorf("%s: %d partners carry the classes the filters select by", lang, n)
		}
		style := htmltest.Text(doc.One(t, htmltest.Tag("style"), "the filters' rules"))
		for _, rule := range []string{"#f-DE:target~.partners>li:not(.c-DE)", "#f-a-erasmus:target~.partners>li:not(.a-erasmus)"} {
			if !strings.Contains(style, rule) {
				t.Errorf("%s: no rule %s in %q", lang, rule, style)
			}
		}
	}
}

func TestPartnersPageWithoutPartnersHasNoMap(t *testing.T) {
	b := mustBuild(t, newSite(t, partnersSite+"-- data/partners.yaml --\n[]\n"))
	for _, lang := range []string{"ar", "en"} {
		doc := b.page(lang + "/partners/index.html")
		if doc.First(htmltest.Tag("svg")) != nil || doc.First(htmltest.Class("div", "filters")) != nil {
			t.Errorf("%s: a map or filters with no partner", lang)
		}
	}
}

func TestHeaderCarriesTheEmblemAndLinksTheUniversityWhenSet(t *testing.T) {
	withEmblem := contactConfig("emblem: /images/emblem.svg\nuniversityURL: https://www.example.edu/")
	for _, tc := range []struct {
		archive string
		emblem  bool
	}{{withEmblem, true}, {"", false}} {
		b := mustBuild(t, newSite(t, tc.archive))
		for _, lang := range []string{"ar", "en"} {
			doc := b.page(lang + "/index.html")
			header := doc.One(t, htmltest.Class("header", "site-header"), "header")
			imgs := htmltest.All(header, htmltest.Class("img", "emblem"))
			if tc.emblem != (len(imgs) == 1) {
				t.Errorf("%s, emblem %v: %d emblems in the header", lang, tc.emblem, len(imgs))
			}
			uni := htmltest.All(header, htmltest.Class("a", "university"))
			if tc.emblem && (len(uni) != 1 || htmltest.AttrOf(uni[0], "href") != "https://www.example.edu/") {
				t.Errorf("%s: the university's name does not link to its site", lang)
			}
		}
		landing := b.page("index.html")
		doors := landing.All(htmltest.Class("a", "enter"))
		if len(doors) != 2 || htmltest.AttrOf(doors[0], "href") != "/ar/" || htmltest.AttrOf(doors[1], "href") != "/en/" {
			t.Errorf("the root page's doors: %d", len(doors))
		}
		if tc.emblem != (landing.First(htmltest.Class("img", "emblem")) != nil) {
			t.Errorf("emblem %v on the root page", tc.emblem)
		}
	}
}

func TestStructuredDataLeavesOutContactDetailsStillToBeConfirmed(t *testing.T) {
	event := `
-- content/announcements/meeting.en.md --
---
title: Open day
date: 2026-10-01
eventDate: 2026-12-10
---
At the university.
`
	contact := "contact:\n  email: ira@example.org\n  country: PS\n  address: {ar: غزة، فلسطين, en: 'Gaza, Palestine'}"
	for _, unconfirmed := range []bool{false, true} {
		c := contact
		if unconfirmed {
			c += "\n  unconfirmed: [email, address]"
		}
		b := mustBuild(t, newSite(t, contactConfig(c)+event))
		var org, place map[string]any
		for _, g := range ldOf(t, b.page("en/announcements/meeting/index.html")) {
			switch g["@type"] {
			case "Organization":
				org = g
			case "Event":
				place, _ = g["location"].(map[string]any)
			}
		}
		if org == nil || place == nil {
			t.Fatalf("unconfirmed %v: no organisation or no event place in the JSON-LD", unconfirmed)
		}
		address, _ := place["address"].(map[string]any)
		shown := map[string]bool{
			"the e-mail address":         org["email"] == "ira@example.org",
			"the office's address":       org["address"] == "Gaza, Palestine",
			"the event's street address": address != nil && address["streetAddress"] == "Gaza, Palestine",
		}
		for what, ok := range shown {
			if ok == unconfirmed {
				t.Errorf("unconfirmed %v: the JSON-LD gives %s: %v", unconfirmed, what, ok)
			}
		}
	}
}
