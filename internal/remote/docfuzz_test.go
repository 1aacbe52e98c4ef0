package remote

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzXML reads any XML document: it ends, every address it gives is on a
// line of the document, and a stylesheet instruction written first is
// always found, as a document load.
func FuzzXML(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><?xml-stylesheet href="https://o.example/a.xsl" type="text/xsl"?><a/>`,
		`<?xml-stylesheet href='//o.example/a.css'?>`, `<?xml-stylesheet`, `<?xml-stylesheet href="x"`, `<?xml-stylesheet href=x?>`,
		`<d xmlns:h="http://www.w3.org/1999/xhtml"><h:img src="https://o.example/p.png"/></d>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><image href="//o.example/i.png"/></svg>`, "<?", "<?xml-stylesheet href=\"&#47;&#47;o.example\"?>",
	} {
		f.Add([]byte(s))
	}
	const first = `<?xml-stylesheet type="text/css" href="https://fuzz.example/x.css"?>` + "\n"
	f.Fuzz(func(t *testing.T, doc []byte) {
		var refs []Ref
		hangtest.Run(t, fmt.Sprintf("reading %.60q", doc), func() { refs = XML(doc) })
		last := 1 + bytes.Count(doc, []byte("\n")) + bytes.Count(doc, []byte("\r"))
		for _, r := range refs {
			if r.Line < 1 || r.Line > last {
				t.Fatalf("XML(%q): %+v is past the lines 1 to %d", doc, r, last)
			}
		}
		refs = XML(append([]byte(first), doc...))
		if len(refs) == 0 || refs[0].URL != "https://fuzz.example/x.css" || !refs[0].Doc {
			t.Fatalf("XML(%q) misses the stylesheet written first: %+v", first+string(doc), refs)
		}
	})
}

// FuzzManifest reads any web app manifest: it ends, and an icon whose
// address is another site's is found wherever it is put in the manifest.
func FuzzManifest(f *testing.F) {
	for _, s := range []string{`{"icons":[{"src":"https://o.example/i.png"}]}`, `{"shortcuts":[{"icons":[{"src":"//o.example/s.png"}]}]}`,
		`[]`, `null`, `{"src":1}`, `{"a":{"b":[{"src":"x"}]}}`, `{`, `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var refs []Ref
		hangtest.Run(t, fmt.Sprintf("reading %.60q", data), func() { refs = Manifest(data) })
		for _, r := range refs {
			if r.Attr != "src" {
				t.Fatalf("Manifest(%q): %+v", data, r)
			}
		}
		if !json.Valid(data) {
			return
		}
		wrapped := []byte(`{"icons":[{"src":"https://fuzz.example/i.png"}],"rest":` + string(data) + `}`)
		if !slices.ContainsFunc(Manifest(wrapped), func(r Ref) bool { return r.URL == "https://fuzz.example/i.png" }) {
			t.Fatalf("Manifest(%q) misses the icon", wrapped)
		}
	})
}
