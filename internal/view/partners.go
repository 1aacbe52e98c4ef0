package view

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"github.com/alaqsa-ira/site/internal/worldmap"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// PartnerCountry is the partners of one country, for the partners page's
// list by country and its map.
type PartnerCountry struct {
	Code     string
	Partners []Partner
	Real     int // partners that are not examples
	Examples int
}

// Count is how many partners the country has.
func (c PartnerCountry) Count() int { return len(c.Partners) }

// PartnerCountries returns the partners by country, the country with the
// most first (then by code), each country's in data file order.
func (s *Site) PartnerCountries() []PartnerCountry {
	by := map[string]*PartnerCountry{}
	var out []*PartnerCountry
	for _, p := range s.Partners() {
		c := by[p.Country()]
		if c == nil {
			c = &PartnerCountry{Code: p.Country()}
			by[p.Country()] = c
			out = append(out, c)
		}
		c.Partners = append(c.Partners, p)
		if p.Example() {
			c.Examples++
		} else {
			c.Real++
		}
	}
	slices.SortStableFunc(out, func(a, b *PartnerCountry) int {
		return cmp.Or(cmp.Compare(b.Count(), a.Count()), strings.Compare(a.Code, b.Code))
	})
	res := make([]PartnerCountry, len(out))
	for i, c := range out {
		res[i] = *c
	}
	return res
}

// PartnerAgreements returns the kinds of agreement the partners have, in
// the order they first appear in data/partners.yaml.
func (s *Site) PartnerAgreements() []string {
	var out []string
	for _, p := range s.a.Site.Partners {
		for _, a := range p.Agreements {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// Filters are the classes the partners page's filters select a partner by:
// c-DE for its country, a-erasmus for each kind of agreement.
func (p Partner) Filters() string {
	f := []string{"c-" + p.Country()}
	for _, a := range p.Agreements() {
		f = append(f, "a-"+a)
	}
	return strings.Join(f, " ")
}

// PartnerMap draws the map of the partner countries (see package
// worldmap): each country a link to its partners in the list
// (#f-CODE), named with the country and how many partners it has there.
func (s *Site) PartnerMap() (template.HTML, error) {
	loc := s.Language.Locale
	names := display.Regions(language.Make(s.Language.Code))
	var marks []worldmap.Mark
	for _, c := range s.PartnerCountries() {
		name := c.Code
		if r, err := language.ParseRegion(c.Code); err == nil && names.Name(r) != "" {
			name = names.Name(r)
		}
		count, err := s.countText(c.Real, c.Examples)
		if err != nil {
			return "", err
		}
		label, err := loc.T("mapCountry")
		if err != nil {
			return "", err
		}
		label = strings.NewReplacer("{country}", name, "{count}", count).Replace(label)
		marks = append(marks, worldmap.Mark{Code: c.Code, Href: "#f-" + c.Code, Label: label, Count: loc.Int(c.Count())})
	}
	title, err := loc.T("mapTitle")
	if err != nil {
		return "", err
	}
	return template.HTML(worldmap.World().Draw("partners-map", title, s.a.Site.Config.Contact.Country, marks)), nil
}

// countText says how many partners there are, the examples apart: "2
// partner institutions", "1 example", "2 partner institutions and 1
// example".
func (s *Site) countText(real, examples int) (string, error) {
	loc := s.Language.Locale
	r, err := loc.Plural("partnerCount", real)
	if err != nil || examples == 0 {
		return r.String(), err
	}
	e, err := loc.Plural("exampleCount", examples)
	if err != nil || real == 0 {
		return e.String(), err
	}
	and, err := loc.T("countAnd")
	return strings.NewReplacer("{a}", r.String(), "{b}", e.String()).Replace(and), err
}

// PartnerCountText is countText for layouts, isolated.
func (s *Site) PartnerCountText(c PartnerCountry) (template.HTML, error) {
	t, err := s.countText(c.Real, c.Examples)
	return s.isolated(t), err
}
