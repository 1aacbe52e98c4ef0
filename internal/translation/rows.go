package translation

import (
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/site"
)

// Row is one page of the translation report.
type Row struct {
	Section string
	Key     string
	// Status maps a language to the page's state in it: "ok", "missing",
	// "outdated" (another language changed after it) or "unknown" (the
	// history cannot tell; see States).
	Status  map[string]string
	Sources map[string]string // language: file
	// States maps a language to the comparisons with the other languages
	// that are not OK: what changed since, or why it is unknown.
	States map[string][]State
}

// Rows returns, for every published page, its state in every language,
// sorted by section and key: what a translator works from. h is the git
// history (nil to compare by dates, each file's last commit).
func Rows(a *site.Assembly, h *gitlog.History, dates map[string]time.Time) []Row {
	rows := map[string]*Row{}
	for _, p := range a.Pages {
		row := rows[p.Key]
		if row == nil {
			row = &Row{Section: p.Section, Key: p.Key, Status: map[string]string{}, Sources: map[string]string{}, States: map[string][]State{}}
			rows[p.Key] = row
			for _, l := range a.Site.Config.Languages {
				row.Status[l.Code] = string(Missing)
			}
		}
		row.Sources[p.Lang] = p.Source
		status := OK
		for _, t := range a.Translations(p) {
			st := Compare(h, dates, p, t)
			switch st.Status {
			case Outdated:
				status = Outdated
			case Unknown:
				if status == OK {
					status = Unknown
				}
			default:
				continue
			}
			row.States[p.Lang] = append(row.States[p.Lang], st)
		}
		row.Status[p.Lang] = string(status)
	}
	out := make([]Row, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(x, y Row) int {
		if c := strings.Compare(x.Section, y.Section); c != 0 {
			return c
		}
		return strings.Compare(x.Key, y.Key)
	})
	return out
}
