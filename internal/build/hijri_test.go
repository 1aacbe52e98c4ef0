package build

import (
	"os"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"golang.org/x/net/html"
)

// hijriPages returns, for every HTML page of b, the Hijri dates it shows and
// the text of its visible Hijri note ("" when it has none).
func hijriPages(b *built) map[string]struct {
	dates []string
	note  string
} {
	out := map[string]struct {
		dates []string
		note  string
	}{}
	for name, data := range b.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc := htmltest.Parse(b.t, data)
		var v struct {
			dates []string
			note  string
		}
		for _, n := range doc.All(htmltest.Class("span", "hijri")) {
			v.dates = append(v.dates, htmltest.Text(n))
		}
		if n := doc.First(htmltest.Class("p", "hijri-note")); n != nil && !hidden(n) {
			v.note = htmltest.Text(n)
		}
		out[name] = v
	}
	return out
}

// hidden reports an element that a reader cannot see: hidden, or inside
// an element that is.
func hidden(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if _, ok := htmltest.Attr(n, "hidden"); ok {
			return true
		}
		if strings.Contains(htmltest.AttrOf(n, "class"), "visually-hidden") {
			return true
		}
	}
	return false
}

// TestEveryPageWithAHijriDateSaysWhichCalendarInWords checks the office
// site: each page that shows a Hijri date also shows, as visible text and
// not as a tooltip, which calendar it follows and that it may differ from
// local sighting of the moon.
func TestEveryPageWithAHijriDateSaysWhichCalendarInWords(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot))
	shown := 0
	for name, v := range hijriPages(b) {
		if len(v.dates) == 0 {
			continue
		}
		shown++
		if !strings.Contains(v.note, "أم القرى") || !strings.Contains(v.note, "الهلال") {
			t.Errorf("%s shows Hijri dates %v but its note is %q", name, v.dates, v.note)
		}
	}
	if shown < 4 {
		t.Errorf("only %d pages show Hijri dates; the home, lists and announcements should", shown)
	}
	for name, data := range b.files {
		if strings.Contains(string(data), `title="التاريخ الهجري`) {
			t.Errorf("%s still hides the Hijri note in a tooltip", name)
		}
	}
}

func TestHijriCalendarIsUmmAlQuraUnlessTheSiteChoosesTabular(t *testing.T) {
	page := `
-- content/announcements/a.ar.md --
---
title: إعلان
date: 2026-09-12
---
نص.
-- content/announcements/a.en.md --
---
title: Notice
date: 2026-09-12
---
Text.
`
	cases := []struct {
		name, setting  string
		enHijri        bool
		arDate, enDate string
		arNote, enNote string
	}{
		{"default", "", false, "(١ ربيع الآخر ١٤٤٨ هـ)", "", "أم القرى", ""},
		{"umalqura", "hijriCalendar: umalqura\n", true, "(١ ربيع الآخر ١٤٤٨ هـ)", "(1 Rabi al-Thani 1448 AH)", "أم القرى", "Umm al-Qura"},
		{"tabular", "hijriCalendar: tabular\n", true, "(٢٩ ربيع الأول ١٤٤٨ هـ)", "(29 Rabi al-Awwal 1448 AH)", "الجدولي", "tabular"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := strings.Replace(siteYAML(t), "timeZone: Asia/Gaza\n", "timeZone: Asia/Gaza\n"+c.setting, 1)
			cfg = strings.Replace(cfg, "digits: arab,", "digits: arab, hijri: true,", 1)
			if c.enHijri {
				cfg = strings.Replace(cfg, "digits: latn,", "digits: latn, hijri: true,", 1)
			}
			if !strings.Contains(cfg, "arab, hijri: true") || c.enHijri != strings.Contains(cfg, "latn, hijri: true") {
				t.Fatalf("the settings were not changed:\n%s", cfg)
			}
			b := mustBuild(t, newSite(t, page+"-- data/site.yaml --\n"+cfg))
			pages := hijriPages(b)
			for lang, want := range map[string][2]string{"ar": {c.arDate, c.arNote}, "en": {c.enDate, c.enNote}} {
				for _, f := range []string{lang + "/announcements/a/index.html", lang + "/announcements/index.html", lang + "/index.html"} {
					v := pages[f]
					if want[0] == "" {
						if len(v.dates) != 0 || v.note != "" {
							t.Errorf("%s shows Hijri dates %v or a note %q, though %s has none", f, v.dates, v.note, lang)
						}
						continue
					}
					if len(v.dates) == 0 || v.dates[0] != want[0] {
						t.Errorf("%s: Hijri dates %v, want %s", f, v.dates, want[0])
					}
					if !strings.Contains(v.note, want[1]) {
						t.Errorf("%s: note %q, want one naming %q", f, v.note, want[1])
					}
				}
			}
		})
	}
}

func TestUnknownHijriCalendarIsAnError(t *testing.T) {
	cfg := strings.Replace(siteYAML(t), "timeZone: Asia/Gaza\n", "timeZone: Asia/Gaza\nhijriCalendar: ummalqura\n", 1)
	lines := errorLines(t, "-- data/site.yaml --\n"+cfg)
	want := []string{"data/site.yaml:4:16: ", "hijriCalendar must be umalqura", `"ummalqura"`, "did you mean umalqura?"}
	for _, l := range lines {
		if containsAll(l, want) {
			return
		}
	}
	t.Errorf("no error line with %q in %q", want, lines)
}

// siteYAML is the base site's data/site.yaml.
func siteYAML(t *testing.T) string {
	t.Helper()
	_, after, ok := strings.Cut(baseSite, "-- data/site.yaml --\n")
	if !ok {
		t.Fatal("the base site has no site.yaml")
	}
	before, _, _ := strings.Cut(after, "\n-- ")
	return before + "\n"
}
