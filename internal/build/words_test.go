package build

import (
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

// inScript reports whether s has a letter of lang's script: Arabic letters
// for ar, Latin ones for en.
func inScript(s, lang string) bool {
	table := unicode.Latin
	if lang == "ar" {
		table = unicode.Arabic
	}
	for _, r := range s {
		if unicode.IsLetter(r) && unicode.Is(table, r) {
			return true
		}
	}
	return false
}

// TestEveryOfficePageHasATitleAndDescriptionInItsLanguage checks every
// page of the office site, the ones it makes itself (search, sitemap,
// categories, each category, 404, the offline page, the root page)
// included: a title for the browser's tab that does not start with a
// separator, and an Open Graph title and a meta description for search
// results and link previews, each in the page's language (the pages in
// every language at once, at the root, in each). Redirect pages, which
// only send the browser on (at a page's old address, or at an old site's
// address such as page.aspx), and the web editor at /admin/, which is not
// for readers, are left out.
func TestEveryOfficePageHasATitleAndDescriptionInItsLanguage(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot))
	checked := map[string]int{}
	for name, data := range b.files {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "admin/") {
			continue // redirect pages at old addresses (page.aspx), the editor
		}
		doc := htmltest.Parse(t, data)
		if doc.First(htmltest.Tag("meta", "http-equiv", "refresh")) != nil {
			continue
		}
		langs := []string{htmltest.AttrOf(doc.One(t, htmltest.Tag("html"), "html element"), "lang")}
		if !strings.Contains(name, "/") {
			langs = []string{"ar", "en"}
		}
		meta := func(attr, value string) string {
			if m := doc.First(htmltest.Tag("meta", attr, value)); m != nil {
				return htmltest.AttrOf(m, "content")
			}
			return ""
		}
		said := map[string]string{
			"<title>":          strings.TrimSpace(htmltest.Text(htmltest.All(doc.One(t, htmltest.Tag("head"), "head"), htmltest.Tag("title"))[0])),
			"og:title":         meta("property", "og:title"),
			"meta description": meta("name", "description"),
		}
		for what, s := range said {
			if s == "" || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && !strings.ContainsRune("|·-–—:", r) }) != 0 {
				t.Errorf("%s: %s %q is empty or starts with a separator", name, what, s)
				continue
			}
			for _, lang := range langs {
				if !inScript(s, lang) {
					t.Errorf("%s: %s %q is not in %s", name, what, s, lang)
				}
			}
			if len(langs) == 1 && langs[0] == "en" && inScript(s, "ar") {
				t.Errorf("%s: %s %q is not all in English", name, what, s)
			}
		}
		checked[strings.Join(langs, "+")]++
	}
	if checked["ar"] < 25 || checked["en"] < 25 || checked["ar+en"] != 3 {
		t.Errorf("pages checked by language: %v; want the office site's (the root, 404 and offline pages in both)", checked)
	}
}
