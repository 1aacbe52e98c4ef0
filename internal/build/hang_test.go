package build

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/htmltest"
)

// numberLikeText are sign and number-like character pairs an editor may
// type: superscripts, fractions, the Arabic separators and number sign,
// Extended Arabic-Indic, Devanagari, full-width, Roman, circled and
// mathematical digits, behind a +, a -, a bracket or an Arabic-Indic zero.
var numberLikeText = []string{
	"+²", "+³", "-½", "+٫", "+٬", "+۴", "+४", "+４", "+ⅷ", "(+①", "+𝟙", "+⒈", "+\u0600", "٠²", "+⁹ ₂", "+²+²+²", "+۹۸ ۲۱ ۱۲۳",
}

// TestNumberLikeCharactersBuild builds pages and data holding each
// number-like text in every place text goes through: title, description,
// summary, location, headings (ids), lists, tables, links, code, the file
// name and slug (addresses), a partner's name, in an Arabic page and an
// English one. An editor's typo must never hang the build: the build runs
// under hangtest, which stops it if it does not finish.
func TestNumberLikeCharactersBuild(t *testing.T) {
	for i, x := range numberLikeText {
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			page := func(title string) string {
				return "---\ntitle: \"" + title + " " + x + "\"\ndate: 2026-10-01\nlocation: \"" + x + " Gaza\"\nslug: \"n" + x + "\"\n---\n" +
					"فقرة " + x + " Erasmus" + x + " " + x + "\n\n## عنوان " + x + "\n\n- " + x + "\n- بند " + x + "\n\n" +
					"| " + x + " | ب |\n|---|---|\n| ١ | " + x + " |\n\n[رابط " + x + "](https://example.org/) `" + x + "` **" + x + "**\n" + x
			}
			fsys := newSite(t, "-- content/announcements/n"+x+".ar.md --\n"+page("إعلان")+
				"\n-- content/announcements/n"+x+".en.md --\n"+page("Notice")+
				"\n-- content/announcements/d.ar.md --\n---\ntitle: وصف\ndate: 2026-10-02\ndescription: \"وصف "+x+"\"\n---\nنص.\n"+
				"\n-- data/partners.yaml --\n- id: x\n  name: {en: \"Uni "+x+"\", ar: \"جامعة "+x+"\"}\n  country: TR\n")
			var b *built
			var err error
			hangtest.Run(t, "building a site with "+x, func() { b, err = buildSite(t, fsys) })
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			found := 0
			for name, data := range b.files {
				if strings.HasPrefix(name, "ar/announcements/") && strings.HasSuffix(name, "/index.html") && strings.Contains(string(data), "إعلان") {
					doc := htmltest.Parse(t, data)
					if h1 := doc.First(htmltest.Tag("h1")); h1 != nil && htmltest.Text(h1) == "إعلان "+x {
						found++
					}
				}
			}
			if found == 0 {
				t.Errorf("no Arabic page has the title %q", "إعلان "+x)
			}
		})
	}
}

// TestShapesThatWouldTakeGoldmarkMinutesFailTheBuildAtTheirLine builds
// pages holding the shapes of Markdown whose conversion grows with the
// square of their size: the build finishes and names the file and line.
func TestShapesThatWouldTakeGoldmarkMinutesFailTheBuildAtTheirLine(t *testing.T) {
	head := "---\ntitle: صفحة\ndate: 2026-10-01\n---\nفقرة.\n\n" // the body's third line is the file's seventh
	cases := map[string]struct {
		body string
		want []string
	}{
		"dashes":      {strings.Repeat("- ", 40_000) + "a", []string{":7: ", "40000 lists or block quotes"}},
		"quotes":      {strings.Repeat("> ", 40_000) + "a", []string{":7: ", "40000 lists or block quotes"}},
		"mixed":       {strings.Repeat("1. > * ", 20_000) + "a", []string{":7: ", "60000 lists or block quotes"}},
		"links":       {strings.Repeat("[a](", 20_000), []string{":7: ", "20000 [ (each may start a link)"}},
		"heading":     {"## " + strings.Repeat("[a](", 20_000), []string{":7: ", "20000 [ (each may start a link)"}},
		"table":       {"|" + strings.Repeat("a|", 500) + "\n|" + strings.Repeat("-|", 500) + "\n" + strings.Repeat("|\n", 20_000), []string{":7: ", "500 columns"}},
		"references":  {"[a]: /" + strings.Repeat("x", 5000) + "\n\n" + strings.Repeat(strings.Repeat("[a] ", 100)+"\n\n", 100), []string{":9: ", "[a] is used 10000 times"}},
		"second page": {"ok\n\n" + strings.Repeat("- ", 100) + "a", []string{":9: ", "100 lists"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			fsys := newSite(t, "-- content/announcements/deep.ar.md --\n"+head+c.body+"\n")
			var err error
			hangtest.Run(t, "building a page with "+name, func() { _, err = buildSite(t, fsys) })
			var se *StageError
			if !errors.As(err, &se) {
				t.Fatalf("the build did not fail with the page's errors: %v", err)
			}
			var lines []string
			for _, e := range se.Errors() {
				lines = append(lines, e.Error())
			}
			want := append([]string{"content/announcements/deep.ar.md" + c.want[0]}, c.want[1:]...)
			for _, l := range lines {
				if containsAll(l, want) {
					return
				}
			}
			t.Errorf("no error line has all of %q; got:\n%s", want, strings.Join(lines, "\n"))
		})
	}
}

// TestPastedLineBreakInYAMLIsReportedAtItsPlace builds pages and data
// holding the characters YAML takes for line breaks (NEL, LINE and
// PARAGRAPH SEPARATOR), as pasting from a word processor leaves them: the
// error names their line and column, not a puzzling "expected ':'" on the
// line after.
func TestPastedLineBreakInYAMLIsReportedAtItsPlace(t *testing.T) {
	for _, sep := range []string{"\u2028", "\u2029", "\u0085"} {
		lines := errorLines(t, "-- content/announcements/a.ar.md --\n---\ntitle: منحة"+sep+"دراسية\ndate: 2026-10-01\n---\nنص.\n"+
			"-- data/partners.yaml --\n- id: x\n  name: {en: \"Uni"+sep+"\", ar: جامعة}\n  country: TR\n")
		for _, want := range []string{"content/announcements/a.ar.md:2:12: an invisible line break", "data/partners.yaml:2:18: an invisible line break"} {
			found := false
			for _, l := range lines {
				found = found || strings.HasPrefix(l, want)
			}
			if !found {
				t.Errorf("no error starts %q; got:\n%s", want, strings.Join(lines, "\n"))
			}
		}
	}
}
