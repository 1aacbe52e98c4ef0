package svgclean

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// cssSeeds returns every attribute value and <style> text of the hostile
// and local vectors, and a few more spellings.
func cssSeeds(t testing.TB) []string {
	seeds := []string{
		`image-set('http://h.example/x.png' 1x), auto`, `\75 rl(http://h.example/x)`, "\\75\r\nrl(http://h.example/x)",
		`url(#a)/*`, `url('#a`, `"/*"url(http://h.example/x)"*/"`, `@import"x";`, `--x(url(#a))`, `a{b:c}d{`,
		"u\\\nrl(x)", `url(\`, `\`, `image-set\28 'http://h.example/x' 1x)`, `url(data:image/png;base64,AAAA)`,
	}
	var bodies []string
	for _, v := range hostile {
		bodies = append(bodies, v.body)
	}
	for _, b := range append(bodies, local...) {
		d := xml.NewDecoder(strings.NewReader(head + b + `</svg>`))
		inStyle := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("seed %s: %v", b, err)
			}
			switch v := tok.(type) {
			case xml.StartElement:
				inStyle = v.Name.Local == "style"
				for _, a := range v.Attr {
					seeds = append(seeds, a.Value)
				}
			case xml.CharData:
				if inStyle {
					seeds = append(seeds, string(v))
				}
			case xml.EndElement:
				inStyle = false
			}
		}
	}
	return seeds
}

// FuzzCSSCheck checks any text as CSS: whatever the check lets through,
// and whatever is left once the pieces it refuses are cut, could load
// nothing by the tests' own detector (remote_test.go); cutting again
// changes nothing; and the text put in every place of an SVG that is read
// as CSS (a <style>, a style attribute, a presentation attribute, an
// animation's values) comes out of Clean with nothing that loads.
func FuzzCSSCheck(f *testing.F) {
	for _, s := range cssSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var accepted, loads, cut, cutLoads, again string
		var againRemoved []string
		var svg, cleaned []byte
		var err error
		hangtest.Run(t, "checking CSS", func() {
			if valueProblem("values", s) == "" {
				accepted, loads = s, cssLoads(s)
			}
			cut, _ = cleanCSS(s)
			cutLoads = cssLoads(cut)
			again, againRemoved = cleanCSS(cut)
			svg = inEveryCSSPlace(s)
			cleaned, _, err = Clean(svg)
		})
		if loads != "" {
			t.Fatalf("the check lets through %q, which loads %s", accepted, loads)
		}
		if cutLoads != "" {
			t.Fatalf("cut %q to %q, which loads %s", s, cut, cutLoads)
		}
		if again != cut || len(againRemoved) > 0 {
			t.Fatalf("cutting %q again gives %q, removing %v", cut, again, againRemoved)
		}
		if err != nil {
			t.Fatalf("Clean: %v\n%q", err, svg)
		}
		noRemote(t, cleaned)
		if twice, removed, err := Clean(cleaned); err != nil || !bytes.Equal(twice, cleaned) || len(removed) > 0 {
			t.Fatalf("cleaning again: %v %v\n%q\n%q", err, removed, cleaned, twice)
		}
	})
}

// inEveryCSSPlace returns an SVG with s (made XML's characters) as a
// <style>, a style attribute, a cursor attribute and an animation's
// values.
func inEveryCSSPlace(s string) []byte {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= ' ' && r != 0xFFFE && r != 0xFFFF && (r < 0xD800 || r > 0xDFFF) {
			return r
		}
		return 0xFFFD
	}, strings.ToValidUTF8(s, "\uFFFD"))
	var text, attr bytes.Buffer
	xml.EscapeText(&text, []byte(s))
	escapeAttr(&attr, s)
	return []byte(head + `<style>` + text.String() + `</style><rect cursor="` + attr.String() + `" style="` + attr.String() + `"/>` +
		`<animate attributeName="fill" values="` + attr.String() + `"/></svg>`)
}
