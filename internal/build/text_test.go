package build

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"
)

// longLists is the base site's settings with every announcement on the
// first page of its list.
func longLists() string {
	for _, f := range txtar.Parse([]byte(baseSite)).Files {
		if f.Name == "data/site.yaml" {
			return "-- data/site.yaml --\n" + strings.Replace(string(f.Data), "paginate: 2", "paginate: 100", 1)
		}
	}
	panic("the base site has no data/site.yaml")
}

// shown is what readers, search engines and feed readers get of a page:
// its meta description, og:description, the summary its section's list
// shows, and its Atom summary.
type shown struct {
	meta, og, list, atom string
}

func (b *built) shown(t *testing.T, lang, slug string) shown {
	t.Helper()
	var s shown
	doc := b.page(lang + "/announcements/" + slug + "/index.html")
	for _, m := range doc.All(htmltest.Tag("meta")) {
		switch {
		case htmltest.AttrOf(m, "name") == "description":
			s.meta = htmltest.AttrOf(m, "content")
		case htmltest.AttrOf(m, "property") == "og:description":
			s.og = htmltest.AttrOf(m, "content")
		}
	}
	list := b.page(lang + "/announcements/index.html")
	for _, li := range list.All(htmltest.Class("li", "item")) {
		if a := htmltest.All(li, htmltest.Tag("a")); len(a) > 0 && strings.HasSuffix(htmltest.AttrOf(a[0], "href"), "/"+slug+"/") {
			ps := htmltest.All(li, htmltest.Tag("p"))
			s.list = htmltest.Text(ps[len(ps)-1])
		}
	}
	var feed struct {
		Entries []struct {
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b.files[lang+"/announcements/atom.xml"], &feed); err != nil {
		t.Fatal(err)
	}
	for _, e := range feed.Entries {
		if strings.HasSuffix(e.Link.Href, "/"+slug+"/") {
			s.atom = e.Summary
		}
	}
	return s
}

func (s shown) check(t *testing.T, name, want string) {
	t.Helper()
	// The feed writes an event's date line before the summary.
	atom := s.atom
	if _, rest, ok := strings.Cut(atom, "\n"); ok {
		atom = rest
	}
	for what, got := range map[string]string{"meta description": s.meta, "og:description": s.og, "list summary": s.list, "Atom summary": atom} {
		if got != want {
			t.Errorf("%s: the %s is %q, want %q", name, what, got, want)
		}
	}
}

// TestTheFirstParagraphIsTheSummaryWhateverItStartsWith builds
// announcements whose first paragraph starts with inline markup, or
// follows blocks a summary skips, and checks all four places a summary
// goes.
func TestTheFirstParagraphIsTheSummaryWhateverItStartsWith(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"strong", "**آخر موعد للتقديم** هو نهاية الشهر.", "آخر موعد للتقديم هو نهاية الشهر."},
		{"em", "*آخر موعد للتقديم* هو نهاية الشهر.", "آخر موعد للتقديم هو نهاية الشهر."},
		{"underscores", "__آخر موعد__ و _التقديم_ نهاية الشهر.", "آخر موعد و التقديم نهاية الشهر."},
		{"strikethrough", "~~الموعد القديم~~ الموعد الجديد نهاية الشهر.", "الموعد القديم الموعد الجديد نهاية الشهر."},
		{"code", "`site build` يبني الموقع.", "site build يبني الموقع."},
		{"link", "[النموذج](https://example.org/f) متاح الآن.", "النموذج متاح الآن."},
		{"autolink", "<https://example.org/forms> فيه النماذج.", "https://example.org/forms فيه النماذج."},
		{"inline html", "<abbr title=\"x\">IRA</abbr> هو المكتب.", "IRA هو المكتب."},
		{"image and text", "![الشعار](/favicon.svg) المكتب يرحب بكم.", "المكتب يرحب بكم."},
		{"entity", "&laquo;إيراسموس&raquo; &amp; الشركاء.", "«إيراسموس» & الشركاء."},
		{"footnote", "حاشية[^1] في البداية.\n\n[^1]: نص الحاشية.", "حاشية في البداية."},
		{"comment", "<!-- للمحرر -->\n\nالنص الأول.", "النص الأول."},
		{"image alone", "![صورة](/favicon.svg)\n\nالنص الأول.", "النص الأول."},
		{"list", "- بند\n\nالنص الأول.", "النص الأول."},
	}
	var archive strings.Builder
	archive.WriteString(longLists())
	for i, c := range cases {
		fmt.Fprintf(&archive, "-- content/announcements/s%d.ar.md --\n%s", i, announcement(fmt.Sprintf("إعلان %d", i), "", c.body+"\n\nالفقرة الثانية التي ليست الملخص."))
	}
	archive.WriteString("-- content/announcements/described.ar.md --\n" + announcement("موصوف", "description: الوصف الذي كتبه المحرر.\n", "**النص** الأول.\n\nالثاني."))
	b := mustBuild(t, newSite(t, archive.String()))
	for i, c := range cases {
		b.shown(t, "ar", fmt.Sprintf("s%d", i)).check(t, c.name, c.want)
	}
	b.shown(t, "ar", "described").check(t, "description", "الوصف الذي كتبه المحرر.")
}

func TestFootnotesArePublishedAsNotes(t *testing.T) {
	b := mustBuild(t, newSite(t, longLists()+`
-- content/announcements/notes.ar.md --
`+announcement("حواشي", "", "حاشية[^1] وأخرى[^2] في ربيع 2027.\n\n## fn-1\n\n[^1]: نص الحاشية، انظر [الإعلانات](/ar/announcements/).\n[^2]: https://example.org/rules")+`
-- content/announcements/notes.en.md --
`+announcement("Notes", "", "A note[^a].\n\n[^a]: The note.")+`
-- content/announcements/_index.ar.md --
---
title: الإعلانات
---
قائمة الإعلانات[^1].

[^1]: حاشية القائمة.
`))
	// The list shows its own notes and the summaries of pages with notes:
	// the ids stay unique and every anchor resolves.
	list := b.page("ar/announcements/index.html")
	checkIDs(t, list)
	if strings.Contains(string(b.files["ar/announcements/index.html"]), "[^") {
		t.Error("a marker is published as text in the list")
	}
	doc := b.page("ar/announcements/notes/index.html")
	refs := doc.All(htmltest.Tag("a", "role", "doc-noteref"))
	if len(refs) != 2 || htmltest.Text(refs[0]) != "١" || htmltest.Text(refs[1]) != "٢" {
		t.Fatalf("the markers are %d, reading %v", len(refs), refs)
	}
	if htmltest.AttrOf(refs[0], "aria-label") != "الحاشية ١" {
		t.Errorf("a marker is labelled %q", htmltest.AttrOf(refs[0], "aria-label"))
	}
	if back := doc.First(htmltest.Tag("a", "role", "doc-backlink")); back == nil || htmltest.AttrOf(back, "aria-label") != "العودة إلى موضع الحاشية ١" {
		t.Errorf("the back-link is not labelled in Arabic")
	}
	checkIDs(t, doc)
	if strings.Contains(string(b.files["ar/announcements/notes/index.html"]), "[^") {
		t.Error("a marker is published as text")
	}
	en := b.page("en/announcements/notes/index.html")
	if back := en.First(htmltest.Tag("a", "role", "doc-backlink")); back == nil || htmltest.AttrOf(back, "aria-label") != "Back to the text of footnote 1" {
		t.Errorf("the English back-link is not labelled in English")
	}
	for _, e := range readIndex(t, b.files, "ar") {
		if strings.Contains(e.Text, "[^") {
			t.Errorf("the search index has a marker: %q", e.Text)
		}
	}
	b.shown(t, "ar", "notes").check(t, "footnotes", "حاشية وأخرى في ربيع ٢٠٢٧.")
}

func TestLinksInFootnotesAreChecked(t *testing.T) {
	page := func(notes string) string {
		return "-- content/notes.en.md --\n---\ntitle: Notes\n---\nA note[^a] and another[^b].\n\n" + notes + "\n-- content/notes.ar.md --\n---\ntitle: حواش\n---\nنص.\n"
	}
	for _, c := range []struct{ notes, want string }{
		{"[^a]: See [the vision](vision.md).\n[^b]: Two.", "content/notes.en.md:6: error: the link \"vision.md\" points to a page that does not exist"},
		{"[^a]: One.\n[^b]: See [the call](#eligibility).", "content/notes.en.md:7: error: the link \"#eligibility\" points to #eligibility, which is not a heading"},
		{"[^a]: One.\n[^b]: See [^c].", "content/notes.en.md:7: warning: the footnote marker [^c] has no note"},
	} {
		got := strings.Join(findings(t, page(c.notes)), "\n")
		if !strings.Contains(got, c.want) {
			t.Errorf("the findings lack %q:\n%s", c.want, got)
		}
		if strings.Contains(got, "#fn") {
			t.Errorf("the footnotes' own links are reported:\n%s", got)
		}
	}
}

func TestSearchIndexHoldsEveryVisibleWord(t *testing.T) {
	long := strings.Repeat("Filler words of a long page. ", 60)
	b := mustBuild(t, newSite(t, `
-- content/announcements/form.en.md --
`+announcement("Forms", "", "Send the form to apply@example.org or download it from https://example.org/forms\n\nWrite to <office@example.org>, run `site build`, see [the rules](https://example.org/rules).\n\n| Office | Phone |\n|---|---|\n| IRA | +970 8 264 1881 |\n\n"+long+"\n\nThe last word is zanzibar.")+`
-- content/announcements/form.ar.md --
`+announcement("النماذج", "", "أرسل النموذج إلى apply@example.org قبل ربيع 2027 أو نزّله من https://example.org/forms لبرنامج Erasmus+ (KA171).")))
	entry := func(lang string) (string, indexed) {
		for _, e := range readIndex(t, b.files, lang) {
			if strings.HasSuffix(e.URL, "/form/") {
				return e.Text, e
			}
		}
		t.Fatalf("%s: no entry for the page", lang)
		return "", indexed{}
	}
	x, n := entry("en")
	if !strings.HasPrefix(x, "Send the form to apply@example.org or download it from https://example.org/forms Write to office@example.org, run site build, see the rules.") {
		t.Errorf("the English entry shows %q", x)
	}
	for _, w := range []string{"apply@example.org", "https://example.org/forms", "office@example.org", "site build", "the rules", "+970 8 264 1881", "zanzibar"} {
		if !n.finds(w) {
			t.Errorf("searching %q does not find the English page: %v", w, n.Terms)
		}
	}
	x, n = entry("ar")
	if want := "أرسل النموذج إلى apply@example.org قبل ربيع ٢٠٢٧ أو نزّله من https://example.org/forms لبرنامج Erasmus+ (KA171)."; x != want {
		t.Errorf("the Arabic entry shows %q, want %q", x, want)
	}
	for _, w := range []string{"apply@example.org", "https://example.org/forms", "ربيع 2027", "erasmus+ (ka171)"} {
		if !n.finds(w) {
			t.Errorf("searching %q does not find the Arabic page: %v", w, n.Terms)
		}
	}
}

// TestArabicProseNumbersAreInThePageDigits checks that a language with
// Arabic-Indic digits shows the numbers of its pages' prose in them, as
// its dates: in the body, the title, the summary and everything made from
// them, and in the data; that code, addresses and identifiers keep theirs;
// and that a page opts out with digits: latn.
func TestArabicProseNumbersAreInThePageDigits(t *testing.T) {
	body := "التقديم لربيع 2027 مفتوح لـ 50% من المقاعد عبر apply2027@example.org أو https://example.org/2027 لبرنامج KA171 والرمز `form-2027`."
	b := mustBuild(t, newSite(t, longLists()+`
-- content/announcements/spring.ar.md --
`+announcement("ربيع 2027 لبرنامج KA171", "location: القاعة 3\neventDate: 2027-03-01\n", body)+`
-- content/announcements/latin.ar.md --
`+announcement("ربيع 2027 كما كُتب", "digits: latn\n", body)+`
-- content/announcements/spring.en.md --
`+announcement("Spring 2027", "", "Applications for spring 2027.")+`
-- content/vision.ar.md --
---
title: الرؤية
layout: vision
---
نص.
-- data/objectives.yaml --
- id: one
  text:
    en: To sign 50 agreements by 2030.
    ar: توقيع 50 اتفاقية بحلول عام 2030.
`))
	doc := b.page("ar/announcements/spring/index.html")
	article := htmltest.Text(doc.One(t, htmltest.Tag("article"), "article"))
	for _, want := range []string{
		"ربيع ٢٠٢٧ لبرنامج KA171", "التقديم لربيع ٢٠٢٧ مفتوح لـ ٥٠٪ من المقاعد عبر apply2027@example.org أو https://example.org/2027 لبرنامج KA171 والرمز form-2027.", "القاعة ٣",
	} {
		if !strings.Contains(article, want) {
			t.Errorf("the page lacks %q:\n%s", want, article)
		}
	}
	meta := map[string]string{}
	for _, m := range doc.All(htmltest.Tag("meta")) {
		meta[htmltest.AttrOf(m, "property")+htmltest.AttrOf(m, "name")] = htmltest.AttrOf(m, "content")
	}
	if meta["og:title"] != "ربيع ٢٠٢٧ لبرنامج KA171" || !strings.HasPrefix(meta["description"], "التقديم لربيع ٢٠٢٧ مفتوح لـ ٥٠٪") {
		t.Errorf("og:title %q, description %q", meta["og:title"], meta["description"])
	}
	b.shown(t, "ar", "spring").check(t, "digits", meta["description"])
	if !strings.Contains(string(b.files["ar/announcements/atom.xml"]), "<title>ربيع ٢٠٢٧ لبرنامج KA171</title>") {
		t.Error("the feed's entry title is not in Arabic-Indic digits")
	}
	for _, e := range readIndex(t, b.files, "ar") {
		if strings.HasSuffix(e.URL, "/spring/") && (!strings.Contains(e.Text, "لربيع ٢٠٢٧") || !e.finds("لربيع 2027") || e.Title != "ربيع ٢٠٢٧ لبرنامج KA171") {
			t.Errorf("the search entry is %+v", e)
		}
	}
	if got := htmltest.Text(b.page("ar/vision/index.html").One(t, htmltest.Class("ol", "objectives"), "objectives")); got != "توقيع ٥٠ اتفاقية بحلول عام ٢٠٣٠." {
		t.Errorf("the objective reads %q", got)
	}
	latin := htmltest.Text(b.page("ar/announcements/latin/index.html").One(t, htmltest.Tag("article"), "article"))
	if !strings.Contains(latin, "ربيع 2027 كما كُتب") || !strings.Contains(latin, "التقديم لربيع 2027 مفتوح لـ 50%") {
		t.Errorf("a page with digits: latn changed its digits:\n%s", latin)
	}
	if en := htmltest.Text(b.page("en/announcements/spring/index.html").Root); strings.ContainsAny(en, "٠١٢٣٤٥٦٧٨٩") {
		t.Errorf("the English page has Arabic-Indic digits:\n%s", en)
	}
	if got := findings(t, "-- content/x.ar.md --\n---\ntitle: س\ndigits: hindi\n---\nنص.\n"); !strings.Contains(strings.Join(got, "\n"), "content/x.ar.md:3:9: error: digits must be latn") {
		t.Errorf("a wrong digits value gives %q", got)
	}
}

// checkIDs fails when a page gives an id twice or links to an id it does
// not have.
func checkIDs(t *testing.T, doc *htmltest.Doc) {
	t.Helper()
	ids := map[string]int{}
	for _, n := range doc.All(func(n *html.Node) bool { return n.Type == html.ElementNode && htmltest.AttrOf(n, "id") != "" }) {
		ids[htmltest.AttrOf(n, "id")]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("the id %q is given %d times", id, n)
		}
	}
	for _, a := range doc.All(htmltest.Tag("a", "href", "*")) {
		if h := htmltest.AttrOf(a, "href"); strings.HasPrefix(h, "#") && ids[h[1:]] == 0 {
			t.Errorf("the link to %s leads to no id", h)
		}
	}
}
