package svgclean

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzClean cleans any bytes: Clean finishes without a panic, and what it
// returns is well-formed, an <svg> root in the SVG namespace, cleaned
// already (cleaning it again changes nothing and removes nothing), and has
// no script, foreignObject, handler or reference to elsewhere (by the
// tests' own detector, remote_test.go, which shares no code with Clean).
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		head + `<script>alert(1)</script><rect onload="x" fill="url(#g)"/></svg>`,
		head + `<image xlink:href="http://example.org/a.png"/><use href="#a"/><a href="javascript:x">t</a></svg>`,
		head + `<style>@import url(x.css); rect{fill:url( "#g")}</style><foreignObject><p/></foreignObject></svg>`,
		`<!DOCTYPE svg [<!ENTITY a "b">]>` + head + `<text>&a;&amp;</text></svg>`,
		head + `<set attributeName="xlink:href" to="javascript:x"/><metadata>m</metadata><!-- c --><?pi x?></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:g xml:space="preserve">` + "\r\n\t" + `</s:g></svg>`,
	} {
		f.Add([]byte(s))
	}
	for _, v := range hostile {
		f.Add([]byte(head + v.body + `</svg>`))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var out, again []byte
		var removed []Removal
		var err, errAgain error
		hangtest.Run(t, "cleaning an SVG", func() {
			out, _, err = Clean(in)
			if err == nil {
				again, removed, errAgain = Clean(out)
			}
		})
		if err != nil {
			return
		}
		if errAgain != nil || !bytes.Equal(out, again) || len(removed) > 0 {
			t.Fatalf("cleaning again: %v, removed %v\n%q\n%q", errAgain, removed, out, again)
		}
		if found, _ := remoteRefs(out); len(found) > 0 {
			t.Fatalf("kept %v\n%q", found, out)
		}
		d := xml.NewDecoder(bytes.NewReader(out))
		for depth := 0; ; {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("output not well-formed: %v\n%q", err, out)
			}
			switch v := tok.(type) {
			case xml.StartElement:
				if depth == 0 && (v.Name.Space != svgNS || v.Name.Local != "svg") {
					t.Fatalf("root %v\n%q", v.Name, out)
				}
				depth++
				if v.Name.Space != svgNS || v.Name.Local == "script" || v.Name.Local == "foreignObject" {
					t.Fatalf("element %v kept\n%q", v.Name, out)
				}
			case xml.EndElement:
				depth--
			}
		}
	})
}
