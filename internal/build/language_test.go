package build

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

const pairedSite = `
-- content/about.en.md --
---
title: About us
---
About the office.
-- content/about.ar.md --
---
title: من نحن
---
عن المكتب.
-- content/only-english.en.md --
---
title: Only in English
---
No Arabic yet.
-- content/announcements/grant.en.md --
` + "---\ntitle: A grant\ndate: 2026-10-01\ntranslationKey: grant-2026\n---\nText.\n" + `
-- content/announcements/منحة.ar.md --
` + "---\ntitle: منحة\ndate: 2026-10-01\ntranslationKey: grant-2026\n---\nنص.\n" + `
-- content/announcements/english-news.en.md --
` + "---\ntitle: English news\ndate: 2026-10-02\n---\nOnly English.\n"

func TestEveryPageHasLangAndDir(t *testing.T) {
	b := mustBuild(t, newSite(t, pairedSite))
	for path := range b.files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		doc := b.page(path)
		h := doc.One(t, htmltest.Tag("html"), "html element in "+path)
		lang, dir := htmltest.AttrOf(h, "lang"), htmltest.AttrOf(h, "dir")
		switch {
		case strings.HasPrefix(path, "en/") && (lang != "en" || dir != "ltr"):
			t.Errorf("%s: <html lang=%q dir=%q>, want en ltr", path, lang, dir)
		case strings.HasPrefix(path, "ar/") && (lang != "ar" || dir != "rtl"):
			t.Errorf("%s: <html lang=%q dir=%q>, want ar rtl", path, lang, dir)
		case lang == "":
			t.Errorf("%s: <html> has no lang", path)
		}
	}
}

func TestLanguageSwitcherLinksToTranslation(t *testing.T) {
	b := mustBuild(t, newSite(t, pairedSite))
	cases := []struct{ page, wantHref string }{
		{"en/about/index.html", "/ar/about/"},
		{"ar/about/index.html", "/en/about/"},
		{"en/announcements/grant/index.html", "/ar/announcements/%D9%85%D9%86%D8%AD%D8%A9/"},
		{"ar/announcements/منحة/index.html", "/en/announcements/grant/"},
		{"en/index.html", "/ar/"},
	}
	for _, c := range cases {
		doc := b.page(c.page)
		nav := doc.One(t, htmltest.Tag("nav", "class", "languages"), "language switcher")
		links := htmltest.All(nav, htmltest.Tag("a"))
		if len(links) != 1 {
			t.Fatalf("%s: switcher has %d links, want 1", c.page, len(links))
		}
		if got := htmltest.AttrOf(links[0], "href"); got != c.wantHref {
			t.Errorf("%s: switcher goes to %q, want %q", c.page, got, c.wantHref)
		}
		if htmltest.AttrOf(links[0], "hreflang") == "" || htmltest.AttrOf(links[0], "lang") == "" {
			t.Errorf("%s: switcher link lacks lang and hreflang", c.page)
		}
		if doc.First(htmltest.Tag("small", "class", "nearest")) != nil {
			t.Errorf("%s: a translated page says it has no translation", c.page)
		}
	}
}

func TestHreflangAlternatesPairTranslations(t *testing.T) {
	b := mustBuild(t, newSite(t, pairedSite))
	doc := b.page("ar/announcements/منحة/index.html")
	got := map[string]string{}
	for _, l := range doc.All(htmltest.Tag("link", "rel", "alternate", "hreflang", "*")) {
		got[htmltest.AttrOf(l, "hreflang")] = htmltest.AttrOf(l, "href")
	}
	want := map[string]string{
		"ar": "https://example.org/ar/announcements/%D9%85%D9%86%D8%AD%D8%A9/",
		"en": "https://example.org/en/announcements/grant/",
		// The default language's version is for readers of any other.
		"x-default": "https://example.org/ar/announcements/%D9%85%D9%86%D8%AD%D8%A9/",
	}
	if !maps.Equal(got, want) {
		t.Errorf("alternates = %v, want %v", got, want)
	}
	canon := doc.One(t, htmltest.Tag("link", "rel", "canonical"), "canonical link")
	if htmltest.AttrOf(canon, "href") != want["ar"] {
		t.Errorf("canonical = %q, want %q", htmltest.AttrOf(canon, "href"), want["ar"])
	}
	desc := doc.One(t, htmltest.Tag("meta", "name", "description"), "meta description")
	if htmltest.AttrOf(desc, "content") == "" {
		t.Error("meta description is empty")
	}
}

func TestUntranslatedPageSwitchesToNearestPage(t *testing.T) {
	b := mustBuild(t, newSite(t, pairedSite))
	cases := []struct{ page, want string }{
		{"en/only-english/index.html", "/ar/"},
		{"en/announcements/english-news/index.html", "/ar/announcements/"},
	}
	for _, c := range cases {
		doc := b.page(c.page)
		a := doc.One(t, htmltest.Tag("a", "hreflang", "ar"), "switcher link")
		if got := htmltest.AttrOf(a, "href"); got != c.want {
			t.Errorf("%s: switcher goes to %q, want %q", c.page, got, c.want)
		}
		note := doc.First(htmltest.Tag("small", "class", "nearest"))
		if note == nil || htmltest.AttrOf(a, "aria-describedby") != htmltest.AttrOf(note, "id") {
			t.Errorf("%s: the switcher does not say that it leads to the nearest page", c.page)
		}
		if alts := doc.All(htmltest.Tag("link", "rel", "alternate", "hreflang", "*")); len(alts) != 0 {
			t.Errorf("%s: an untranslated page has %d hreflang alternates, want none", c.page, len(alts))
		}
		target := strings.TrimPrefix(c.want, "/") + "index.html"
		if !b.has(target) {
			t.Errorf("%s: switcher target %s does not exist", c.page, target)
		}
	}
	if b.has("ar/only-english/index.html") {
		t.Error("an Arabic page was made up for an English-only page")
	}
}

func TestDatesInPageLanguageWithArabicDigits(t *testing.T) {
	site := newSite(t, `
-- content/announcements/call.en.md --
`+announcement("Call", "deadline: 2027-03-15\ncategories: [call]\n", "Apply.")+`
-- content/announcements/call.ar.md --
`+announcement("دعوة", "deadline: 2027-03-15\ncategories: [call]\n", "قدّم."))
	b := mustBuild(t, site)
	times := func(page string) []string {
		var out []string
		for _, n := range b.page(page).All(htmltest.Tag("time")) {
			out = append(out, htmltest.Text(n)+"|"+htmltest.AttrOf(n, "datetime"))
		}
		return out
	}
	ar := strings.Join(times("ar/announcements/call/index.html"), " ")
	for _, want := range []string{"١ تشرين الأول ٢٠٢٦|2026-10-01", "١٥ آذار ٢٠٢٧|2027-03-15"} {
		if !strings.Contains(ar, want) {
			t.Errorf("Arabic page dates %q lack %q", ar, want)
		}
	}
	en := strings.Join(times("en/announcements/call/index.html"), " ")
	for _, want := range []string{"1 October 2026|2026-10-01", "15 March 2027|2027-03-15"} {
		if !strings.Contains(en, want) {
			t.Errorf("English page dates %q lack %q", en, want)
		}
	}
}

func TestDeadlineOpenAndClosed(t *testing.T) {
	site := newSite(t, `
-- content/announcements/call.en.md --
`+announcement("Call", "deadline: 2026-12-01\n", "Apply."))
	status := func(now time.Time) string {
		b := mustBuild(t, site, func(o *Options) { o.Now = now })
		doc := b.page("en/announcements/call/index.html")
		n := doc.One(t, htmltest.Class("span", "status"), "deadline status")
		return htmltest.AttrOf(n, "class") + ": " + htmltest.Text(n)
	}
	if got := status(time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)); got != "status open: Open until 1 December 2026" {
		t.Errorf("on the deadline day: %q", got)
	}
	if got := status(time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)); got != "status closed: Closed on 1 December 2026" {
		t.Errorf("the day after: %q", got)
	}
}

func TestLatinRunsIsolatedInArabicText(t *testing.T) {
	site := newSite(t, `
-- content/about.ar.md --
---
title: عن برنامج Erasmus+ للتبادل
---
تواصل مع ira@example.org أو اتصل على +970 8 123 4567 لبرنامج Erasmus+ (KA171).

`+"```"+`
code stays ltr
`+"```")
	b := mustBuild(t, site)
	doc := b.page("ar/about/index.html")
	var runs []string
	for _, s := range doc.All(htmltest.Tag("span", "dir", "ltr")) {
		runs = append(runs, htmltest.Text(s))
	}
	got := strings.Join(runs, "|")
	for _, want := range []string{"Erasmus+ (KA171)", "+970 8 123 4567", "Erasmus+"} {
		if !strings.Contains(got, want) {
			t.Errorf("isolated runs %q lack %q", got, want)
		}
	}
	if a := doc.First(htmltest.Tag("a", "href", "mailto:ira@example.org")); a == nil || htmltest.AttrOf(a, "dir") != "ltr" {
		t.Error("the e-mail address is not a left-to-right link")
	}
	if pre := doc.First(htmltest.Tag("pre")); pre == nil || htmltest.AttrOf(pre, "dir") != "ltr" {
		t.Error("the code block is not marked left-to-right")
	}
	h1 := doc.One(t, htmltest.Tag("h1"), "h1")
	if span := htmltest.All(h1, htmltest.Tag("span", "dir", "ltr", "lang", "en")); len(span) != 1 || htmltest.Text(span[0]) != "Erasmus+" {
		t.Errorf("the title's Latin name is not isolated: %q", htmltest.Text(h1))
	}
}
