package build

import (
	"strings"

	"github.com/alaqsa-ira/site/internal/site"
)

// Example entries (example: true) are shown on the site with a badge; where
// a page leaves the site as a title alone (a feed entry, a calendar event,
// a search result), the title says it: the language's word for example
// comes first, unless the title already starts with it. Search engines are
// asked not to index them (see noindex), and JSON-LD does not describe them.

// shownTitle returns p's title as feeds, calendars and search results show
// it.
func (r *renderer) shownTitle(p *site.Page) string {
	if !p.Example {
		return p.Title
	}
	word, err := r.sites[p.Lang].Language.Locale.T("example")
	if err != nil || word == "" || strings.HasPrefix(p.Title, word) {
		return p.Title
	}
	return word + ": " + p.Title
}
