package worldmap

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestShippedOutlineHasThePartnerCountries(t *testing.T) {
	m := World()
	for _, c := range []string{"PS", "TR", "DE", "ES", "IT", "FR", "MY", "QA", "GB", "NO", "SE", "EG", "JO"} {
		if !m.Has(c) {
			t.Errorf("no outline for %s", c)
		}
	}
}

func TestDrawLinksEachMarkedCountryAndFitsTheView(t *testing.T) {
	marks := []Mark{
		{Code: "DE", Href: "#f-DE", Label: "Germany: 2 partners", Count: "2"},
		{Code: "QA", Href: "#f-QA", Label: "Qatar & co: 1 partner", Count: "١"},
		{Code: "XX", Href: "#f-XX", Label: "nowhere", Count: "1"},
	}
	svg := World().Draw("m", "Partner countries", "PS", marks)
	var doc struct {
		ViewBox string `xml:"viewBox,attr"`
		Links   []struct {
			Href  string `xml:"href,attr"`
			Label string `xml:"aria-label,attr"`
			Text  string `xml:"text"`
		} `xml:"a"`
	}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg[:min(len(svg), 300)])
	}
	if len(doc.Links) != 2 || doc.Links[0].Href != "#f-DE" || doc.Links[1].Label != "Qatar & co: 1 partner" || doc.Links[1].Text != "١" {
		t.Errorf("links %+v", doc.Links)
	}
	if !strings.Contains(svg, `<path class="home" d="M`) {
		t.Error("the home country is not drawn apart")
	}
	if !strings.HasPrefix(doc.ViewBox, "0 0 800 ") {
		t.Errorf("viewBox %q", doc.ViewBox)
	}
	// Cropped: far countries (Australia, Brazil) are left out.
	if len(svg) > 12000 {
		t.Errorf("the map of Europe and the Gulf is %d bytes", len(svg))
	}
}

func TestParseRefusesDamagedLines(t *testing.T) {
	for _, s := range []string{"D 1 2 3 4 5 6", "DE 1 2 3", "DE 1 2 3 4 5", "DE 1 2 3 4 5 x", "DE 1 2 3 4 5 9999"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
	if m, err := Parse("# c\n\nDE 1 2 3 4 5 6\n"); err != nil || !m.Has("DE") {
		t.Errorf("a good line: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("DE 1 2 3 4 5 6\n")
	f.Add("# x\nPS 354 315 349 314 352 325")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := Parse(s)
		if err != nil {
			return
		}
		// Whatever parses draws as well-formed XML.
		var marks []Mark
		for _, r := range m.rings {
			marks = append(marks, Mark{Code: r.code, Href: "#" + r.code, Label: r.code, Count: "1"})
		}
		var v any
		if err := xml.Unmarshal([]byte(m.Draw("m", "t", "", marks)), &v); err != nil {
			t.Fatal(err)
		}
	})
}
