package build

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

// partnersYAML writes data/partners.yaml with real partners and examples.
func partnersYAML(real, examples int) string {
	var b strings.Builder
	b.WriteString("-- data/partners.yaml --\n")
	if real+examples == 0 {
		b.WriteString("[]\n")
	}
	for i := range real + examples {
		fmt.Fprintf(&b, "- id: p%d\n  name: {en: Partner %d, ar: شريك %d}\n  country: DE\n  type: university\n", i, i, i)
		if i >= real {
			b.WriteString("  example: true\n")
		}
	}
	return b.String()
}

func TestCountsTakeThePluralFormOfTheirNumber(t *testing.T) {
	arabic := map[int]string{
		0: "لم تُدرج أي مؤسسة شريكة بعد", 1: "مؤسسة شريكة واحدة", 2: "مؤسستان شريكتان",
		3: "٣ مؤسسات شريكة", 10: "١٠ مؤسسات شريكة", 11: "١١ مؤسسة شريكة", 99: "٩٩ مؤسسة شريكة",
		100: "١٠٠ مؤسسة شريكة", 101: "١٠١ مؤسسة شريكة", 102: "١٠٢ مؤسسة شريكة",
		103: "١٠٣ مؤسسات شريكة", 111: "١١١ مؤسسة شريكة",
	}
	english := map[int]string{0: "No partner institutions listed yet", 1: "1 partner institution", 2: "2 partner institutions"}
	for n, want := range arabic {
		b := mustBuild(t, newSite(t, partnersYAML(n, 0)))
		if got := partnerCount(t, b, "ar"); got != want {
			t.Errorf("%d partners, Arabic: %q, want %q", n, got, want)
		}
		if want, ok := english[n]; ok {
			if got := partnerCount(t, b, "en"); got != want {
				t.Errorf("%d partners, English: %q, want %q", n, got, want)
			}
		}
	}
}

// partnerCount returns the home page's count of partners in lang.
func partnerCount(t *testing.T, b *built, lang string) string {
	t.Helper()
	sec := b.page(lang+"/index.html").One(t, htmltest.Class("section", "partners-count"), "partner count")
	return htmltest.Text(htmltest.All(sec, htmltest.Tag("p"))[0])
}

func TestCategoryAndSearchCountsHaveTheirForms(t *testing.T) {
	var site strings.Builder
	for i := 1; i <= 11; i++ {
		cat := "call"
		if i <= 2 {
			cat = "news"
		}
		fmt.Fprintf(&site, "-- content/announcements/a%d.ar.md --\n%s", i, announcement(fmt.Sprintf("إعلان %d", i), "categories: ["+cat+"]\n", "نص."))
	}
	site.WriteString("-- content/announcements/e.en.md --\n" + announcement("One", "categories: [news]\n", "Text."))
	b := mustBuild(t, newSite(t, site.String()))
	list := b.page("ar/categories/index.html").One(t, htmltest.Class("ul", "categories"), "list of categories")
	var got []string
	for _, li := range htmltest.All(list, htmltest.Tag("li")) {
		got = append(got, htmltest.Text(li))
	}
	if want := "دعوات للتقديم (٩ إعلانات)|أخبار (إعلانان)"; strings.Join(got, "|") != want {
		t.Errorf("Arabic categories: %q, want %q", strings.Join(got, "|"), want)
	}
	enList := b.page("en/categories/index.html").One(t, htmltest.Class("ul", "categories"), "English list of categories")
	if got := htmltest.Text(enList); got != "News (1 announcement)" {
		t.Errorf("English category: %q", got)
	}
	// The search script is given every form the language needs.
	form := b.page("ar/search/index.html").One(t, htmltest.Tag("form", "role", "search"), "search form")
	forms := htmltest.AttrOf(form, "data-count")
	for _, f := range []string{`"zero":`, `"one":`, `"two":`, `"few":"{n} نتائج"`, `"many":"{n} نتيجة"`, `"other":`} {
		if !strings.Contains(forms, f) {
			t.Errorf("the Arabic search form's counts %s lack %s", forms, f)
		}
	}
}

func TestStringsMissingAPluralFormAreReported(t *testing.T) {
	repo := newSite(t, "")
	ar := string(repo["data/i18n/ar.yaml"].Data)
	en := string(repo["data/i18n/en.yaml"].Data)
	lineOf := func(text, key string) int {
		i := strings.Index(text, "\n"+key+":")
		if i < 0 {
			t.Fatalf("no %s in the interface strings", key)
		}
		return strings.Count(text[:i+1], "\n") + 1
	}
	without := func(text, line string) string {
		if !strings.Contains(text, line) {
			t.Fatalf("no line %q", line)
		}
		return strings.Replace(text, line, "", 1)
	}
	cases := []struct {
		name, file, text, want string
	}{
		{"Arabic without few", "ar", without(ar, "  few: \"{n} مؤسسات شريكة\"\n"),
			fmt.Sprintf(`data/i18n/ar.yaml:%d: error: "partnerCount" lacks the plural form "few" that Arabic needs: add few: with the text for 3, 4, 5, ...`, lineOf(ar, "partnerCount"))},
		{"Arabic without zero and two", "ar", without(without(ar, "  zero: \"لا نتائج\"\n"), "  two: \"نتيجتان\"\n"),
			fmt.Sprintf(`data/i18n/ar.yaml:%d: error: "searchCount" lacks the plural form "zero" that Arabic needs`, lineOf(ar, "searchCount"))},
		{"English without one", "en", without(en, "  one: \"{n} announcement\"\n"),
			fmt.Sprintf(`data/i18n/en.yaml:%d: error: "announcementCount" lacks the plural form "one" that English needs: add one: with the text for 1`, lineOf(en, "announcementCount"))},
		{"a misspelt form", "en", strings.Replace(en, "  one: \"{n} result\"", "  oen: \"{n} result\"", 1),
			`data/i18n/en.yaml:` + fmt.Sprint(lineOf(en, "searchCount")+2) + `:3: error: "oen" is not a plural form (did you mean "one"?)`},
		{"a form English never uses", "en", strings.Replace(en, "  one: \"{n} result\"", "  one: \"{n} result\"\n  few: \"{n} results\"", 1),
			`data/i18n/en.yaml:` + fmt.Sprint(lineOf(en, "searchCount")+3) + `:3: warning: "searchCount" has the plural form "few", which English never uses`},
		{"a form for many numbers without the number", "ar", strings.Replace(ar, "  many: \"{n} نتيجة\"", "  many: \"نتائج كثيرة\"", 1),
			`: warning: "searchCount" in the form "many" does not write the number`},
		{"one text where the other language counts", "en", strings.Replace(en, "searchCount:\n  zero: \"No results\"\n  one: \"{n} result\"\n  other: \"{n} results\"", "searchCount: \"{n} found\"", 1),
			`data/i18n/en.yaml: error: interface string "searchCount" counts something (العربية gives it plural forms) but has one text here`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := findings(t, "-- data/i18n/"+tc.file+".yaml --\n"+tc.text)
			for _, f := range got {
				if strings.Contains(f, tc.want) {
					return
				}
			}
			t.Errorf("want a finding containing\n  %s\ngot:\n  %s", tc.want, strings.Join(got, "\n  "))
		})
	}
}

// TestZeroTextIsWelcomeInEveryLanguage checks that a text for zero is not
// reported as a form the language never uses: English rules give 0 the
// form other, but the office's strings say "No partner institutions listed
// yet" rather than "0 partner institutions".
func TestZeroTextIsWelcomeInEveryLanguage(t *testing.T) {
	en := string(newSite(t, "")["data/i18n/en.yaml"].Data)
	if !strings.Contains(en, "\n  zero: ") {
		t.Fatal("the English strings have no zero text: this test checks nothing")
	}
	for _, f := range findings(t, "") {
		if strings.Contains(f, `"zero"`) {
			t.Errorf("a zero text is reported: %s", f)
		}
	}
}
