package translation

import (
	"slices"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/site"
)

// LeftBehind returns a warning on every file that commits of a pull
// request (pr, by hash) changed after its translation's last change, "The
// Arabic version of this page now needs updating", in English (the
// language of pull requests) and with the title Translation. name gives a
// language's name in English.
func LeftBehind(rows []Row, pr map[string]bool, name func(lang string) string) []error {
	var out []error
	seen := map[[2]string]bool{}
	for _, row := range rows {
		for lang, states := range row.States {
			for _, st := range states {
				k := [2]string{st.Source, lang}
				if st.Status != Outdated || seen[k] || !slices.ContainsFunc(st.Newer, func(h string) bool { return pr[h] }) {
					continue
				}
				seen[k] = true
				w := diag.Warnf(st.Source, 1, "The %s version of this page now needs updating", name(lang))
				w.Title = "Translation"
				out = append(out, w)
			}
		}
	}
	diag.Sort(out)
	return out
}

// LanguageName is a language's name in another (in), from the interface
// strings (languageName.CODE in data/i18n/IN.yaml), else its own name.
func LanguageName(c *site.Config, in, code string) string {
	if l := c.Language(in); l != nil && l.Locale != nil {
		if s, err := l.Locale.T("languageName." + code); err == nil && s != "" {
			return s
		}
	}
	if l := c.Language(code); l != nil {
		return l.Name
	}
	return code
}
