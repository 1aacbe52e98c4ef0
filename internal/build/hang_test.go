package build

import (
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
