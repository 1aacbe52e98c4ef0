package build

import (
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/translation"
)

// translations reports published pages that have no version in another
// language, and translations older than the page they translate: the
// other file changed in a later git commit, or has a later lastmod.
func (c *checker) translations() {
	langs := c.a.Site.Config.Languages
	for _, p := range c.a.Pages {
		for _, l := range langs {
			if l.Code == p.Lang {
				continue
			}
			t := c.a.Translation(p, l.Code)
			if t == nil && c.a.FailedTranslation(p, l.Code) {
				continue // it exists, with errors of its own
			}
			if t == nil {
				c.warns = append(c.warns, diag.Warnf(p.Source, 0, "this page has no %s version yet: readers who switch to %s are taken to the nearest page (create %s)", l.Name, l.Name, translation.File(p.Source, p.Lang, l.Code)))
				continue
			}
			if st := translation.Compare(c.history, c.git, p, t); st.Status == translation.Outdated {
				c.warns = append(c.warns, diag.Warnf(p.Source, 0, "this translation is probably out of date: %s changed later (%s); update this page, then commit it (site check --translations --diff shows what changed)", t.Source, translation.Behind(st)))
			}
		}
	}
}

// TranslationRow is one page of the translation report.
type TranslationRow = translation.Row
