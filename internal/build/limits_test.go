package build

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/yamlpos"
)

// TestEveryLimitIsReportedAsItselfAtItsSource passes each limit on what
// editors write and checks that the build fails with that limit's message,
// at the file and line that hold what passed it, never blaming something
// else (an alias, a layout).
func TestEveryLimitIsReportedAsItselfAtItsSource(t *testing.T) {
	deep := strings.Repeat("[", 300) + strings.Repeat("]", 300)
	bigData := strings.Repeat("# a comment line of 40 bytes, say.....\n", 30_000)
	cases := []struct {
		name, archive string
		want          []string // substrings of one error line, path:line first
	}{
		{"300 nested lists in front matter", "-- content/a.en.md --\n---\ntitle: A\nweight: " + deep + "\n---\n",
			[]string{"content/a.en.md:3:", "nest more than 32 levels deep"}},
		{"300 nested lists in a data file", "-- data/objectives.yaml --\n- id: o\n  text: " + deep + "\n",
			[]string{"data/objectives.yaml:2:", "nest more than 32 levels deep"}},
		{"nesting past the YAML parser's own limit", "-- data/partners.yaml --\n\n- " + strings.Repeat("[", 20_000) + "\n",
			[]string{"data/partners.yaml:2:", "nest more than 32 levels deep"}},
		{"a 50 MB description", "-- content/announcements/a.en.md --\n---\ntitle: A\ndescription: " + strings.Repeat("d", 50<<20) + "\ndate: 2026-10-01\n---\nText.\n",
			[]string{"content/announcements/a.en.md:3: ", "this page is 50 MB, more than the 4 MB a page may be; it passes that here, in description"}},
		{"a 100 KB description", "-- content/announcements/a.en.md --\n---\ntitle: A\ndate: 2026-10-01\ndescription: " + strings.Repeat("d", 100<<10) + "\n---\nText.\n",
			[]string{"content/announcements/a.en.md:4: ", "the front matter is 101 KB, more than the 64 KB", "in description"}},
		{"a 20,000 character title", "-- content/announcements/a.en.md --\n---\ntitle: " + strings.Repeat("ع", 20_000) + "\ndate: 2026-10-01\n---\nText.\n",
			[]string{"content/announcements/a.en.md:2:", "20000 characters long, more than the 10000"}},
		{"a long interface string", "-- data/i18n/en.yaml --\nskipToContent: " + strings.Repeat("s", 10_001) + "\n",
			[]string{"data/i18n/en.yaml:1:", "10001 characters long"}},
		{"a data file over 1 MB", "-- data/partners.yaml --\n" + bigData,
			[]string{fmt.Sprintf("data/partners.yaml:%d:", 1+strings.Count(bigData[:yamlpos.MaxBytes], "\n")), "more than the 1 MB a data file may hold"}},
		{"a body over 4 MB", "-- content/a.en.md --\n---\ntitle: A\n---\n" + strings.Repeat("Words, words, words.\n", 220_000),
			[]string{fmt.Sprintf("content/a.en.md:%d: ", 4+(site.MaxPageBytes-17)/21), "in its text", "split the page"}},
		{"lists nested past MaxNesting", "-- content/a.en.md --\n---\ntitle: A\n---\nText.\n\n" + strings.Repeat("- ", 40) + "a\n",
			[]string{"content/a.en.md:6: ", "opens 40 lists or block quotes"}},
		{"a layout that writes without end", "-- layouts/page.html --\n{{define \"main\"}}\n{{range seq 100000}}{{$.Page.Title}}{{range seq 1000}}xxxxxxxxxx{{end}}{{end}}\n{{end}}\n-- content/a.en.md --\n---\ntitle: A\n---\n",
			[]string{"layouts/page.html", "larger than 64 MiB"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := errorLines(t, c.archive)
			found := false
			for _, l := range lines {
				found = found || containsAll(l, c.want)
				if strings.Contains(l, "alias") || (strings.HasPrefix(l, "layouts/") && !strings.HasPrefix(c.want[0], "layouts/")) {
					t.Errorf("blames something else: %.300s", l)
				}
			}
			if !found {
				t.Errorf("no error line has all of %q; got:\n%.2000s", c.want, strings.Join(lines, "\n"))
			}
		})
	}
}

// TestDatesOutsideTheYearsAreRefusedInEveryField writes a date outside
// 1900 to 2100 in each date field: the build fails at its line, saying
// the year, and publishes no "1 January 0". The years at both ends are
// fine.
func TestDatesOutsideTheYearsAreRefusedInEveryField(t *testing.T) {
	for _, field := range []string{"date", "lastmod", "publishDate", "expiryDate", "deadline", "eventDate", "eventEnd"} {
		for _, value := range []string{"0000-01-01", "1899-12-31", "2101-01-01", "0026-03-15T10:00", "٠٠٠١-٠١-٠١"} {
			t.Run(field+" "+value, func(t *testing.T) {
				fm := "title: A\n"
				if field != "date" {
					fm += "date: 2026-10-01\n"
				}
				if field == "eventEnd" {
					fm += "eventDate: 2026-12-01\n"
				}
				line := 2 + strings.Count(fm, "\n") // "---" is line 1
				lines := errorLines(t, "-- content/announcements/a.en.md --\n---\n"+fm+field+": "+value+"\n---\nText.\n")
				want := []string{fmt.Sprintf("content/announcements/a.en.md:%d:", line), "is in the year", "dates must be from 1900 to 2100", "check the year"}
				for _, l := range lines {
					if containsAll(l, want) {
						return
					}
				}
				t.Errorf("no error line has all of %q; got:\n%s", want, strings.Join(lines, "\n"))
			})
		}
	}
	b := mustBuild(t, newSite(t, "-- content/announcements/a.en.md --\n"+
		announcement("A", "lastmod: 2100-12-31T23:00-05:00\ndeadline: 2100-12-31\neventDate: 1900-01-01\neventEnd: 2100-12-31\n", "Text.")))
	if !b.has("en/announcements/a/index.html") {
		t.Error("the dates at both ends of the range are refused")
	}
}
