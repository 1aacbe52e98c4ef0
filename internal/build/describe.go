package build

import (
	"strings"

	"github.com/alaqsa-ira/site/internal/site"
)

// The pages the site makes itself (the search page, the sitemap, the list
// of categories and each category's list) have no front matter: their
// titles and descriptions come from the interface strings of their
// language, so that every page names itself in the browser's tab, in
// search results and in link previews, in its own language.

// describe returns the title of a page the site makes in language l, the
// interface string titleKey, and its description, the interface string
// pageDescription.descKey with {title} filled with that title and
// {office} and {university} with the language's settings. A missing
// string gives "" (the layouts report a missing title; a page without a
// description is given the site's).
func describe(l *site.Language, titleKey, descKey string) (title, description string) {
	title, _ = l.Locale.T(titleKey)
	description, _ = l.Locale.T("pageDescription." + descKey)
	fill := strings.NewReplacer("{title}", title, "{office}", l.Title, "{university}", l.University)
	return title, fill.Replace(description)
}
