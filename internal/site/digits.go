package site

import "github.com/alaqsa-ira/site/internal/locale"

// A right-to-left language that writes Arabic-Indic digits (digits: arab)
// shows the numbers of its text in them: the site's data is read into the
// model in those digits (proseDigits), and so are a page's title,
// description, location, summary and body (parsePage and the Markdown
// converter), unless the page's front matter says digits: latn. The files
// keep the digits the editor typed. locale.ProseNumbers decides which
// numbers are prose: not those of Latin runs, addresses, identifiers or
// phone numbers.

// arabicDigits reports whether text of l is shown in Arabic-Indic digits.
func arabicDigits(l *Language, digits string) bool {
	return l != nil && l.Dir == "rtl" && digits == locale.ArabicIndic
}

// proseDigits writes the numbers of the text of s's data in each
// language's digits: the office's names, menus, contact details,
// objectives, partners and interface strings.
func (s *Site) proseDigits() {
	cfg := s.Config
	for _, l := range cfg.Languages {
		if !arabicDigits(l, l.Locale.Digits) {
			continue
		}
		conv := locale.ProseDigits
		l.Title, l.University, l.Description = conv(l.Title), conv(l.University), conv(l.Description)
		for k, v := range l.Locale.Strings {
			l.Locale.Strings[k] = conv(v)
		}
		for i := range cfg.Menus[l.Code] {
			cfg.Menus[l.Code][i].Name = conv(cfg.Menus[l.Code][i].Name)
		}
		maps := []map[string]string{cfg.Contact.Address}
		for _, o := range s.Objectives {
			maps = append(maps, o.Text)
		}
		for _, p := range s.Partners {
			maps = append(maps, p.Name, p.City, p.LogoAlt)
		}
		for _, m := range maps {
			if v, ok := m[l.Code]; ok {
				m[l.Code] = conv(v)
			}
		}
	}
}
