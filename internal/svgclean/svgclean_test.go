package svgclean

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// wellFormed fails the test unless out parses as XML with one <svg> root in
// the SVG namespace.
func wellFormed(t *testing.T, out []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(out))
	roots := 0
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("output is not well-formed: %v\n%s", err, out)
		}
		switch s := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if s.Name.Space != svgNS || s.Name.Local != "svg" {
					t.Fatalf("root is %v\n%s", s.Name, out)
				}
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		t.Fatalf("%d roots\n%s", roots, out)
	}
}

func clean(t *testing.T, in string) (string, []Removal) {
	t.Helper()
	out, removed, err := Clean([]byte(in))
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	wellFormed(t, out)
	again, removedAgain, err := Clean(out)
	if err != nil || !bytes.Equal(again, out) || len(removedAgain) > 0 {
		t.Fatalf("cleaning again changes it: %v %v\n%s\n%s", err, removedAgain, out, again)
	}
	return string(out), removed
}

const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`

func TestCleanRemovesActiveContent(t *testing.T) {
	tests := []struct {
		name, body string
		gone       []string // not in the output (lower case)
		kept       []string // in the output
	}{
		{"script", `<script>alert(1)</script><rect width="1"/>`, []string{"script", "alert"}, []string{`<rect width="1"/>`}},
		{"script with cdata", `<script><![CDATA[alert(1)]]></script>`, []string{"script", "alert"}, nil},
		{"html script", `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>`, []string{"script", "alert"}, nil},
		{"onload", `<rect onload="alert(1)" width="2"/>`, []string{"onload", "alert"}, []string{`width="2"`}},
		{"handler in capitals", `<rect ONCLICK="alert(1)"/>`, []string{"onclick", "alert"}, []string{"<rect/>"}},
		{"root handler", ``, []string{"onload"}, nil},
		{"xlink href to http", `<image xlink:href="http://example.org/x.png" width="5"/>`, []string{"http://example", "example.org"}, []string{`<image width="5"/>`}},
		{"href to https", `<image href="https://example.org/x.png"/>`, []string{"example.org"}, nil},
		{"protocol-relative", `<image href="//example.org/x.png"/>`, []string{"example.org"}, nil},
		{"relative file", `<image href="x.png"/>`, []string{"x.png"}, nil},
		{"javascript link", `<a href="javascript:alert(1)"><text>x</text></a>`, []string{"javascript", "alert"}, []string{"<text>x</text>"}},
		{"javascript xlink with spaces", `<a xlink:href="  JaVaScRiPt:alert(1)">x</a>`, []string{"javascript"}, nil},
		{"link to another site", `<a href="https://example.org/">x</a>`, []string{"example.org"}, []string{"<a>x</a>"}},
		{"foreignObject", `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://example.org"/></div></foreignObject>`, []string{"foreignobject", "iframe", "example.org"}, nil},
		{"style url http", `<style>rect { fill: url(http://example.org/p.svg#g) }</style><rect/>`, []string{"example.org", "url("}, []string{"<style>rect {}</style><rect/>"}},
		{"style url quoted", `<style>rect { fill: url( "https://example.org/a" ) }</style>`, []string{"example.org"}, nil},
		{"style import", `<style>@import "https://example.org/a.css";</style>`, []string{"import", "example.org"}, nil},
		{"style escape", `<style>rect { fill: u\72 l(https://example.org/) }</style>`, []string{"example.org"}, nil},
		{"style attribute url", `<rect style="fill: url('http://example.org/a')" width="3"/>`, []string{"example.org", "style="}, []string{`width="3"`}},
		{"presentation attribute url", `<rect fill="url(https://example.org/a#g)"/>`, []string{"example.org"}, []string{"<rect/>"}},
		{"use external", `<use href="http://example.org/s.svg#a"/><use xlink:href="sprite.svg#b"/>`, []string{"example.org", "sprite"}, []string{"<use/>"}},
		{"picture with gps", `<image href="data:image/jpeg;base64,` + base64.StdEncoding.EncodeToString(mt.JPEGWithGPS()) + `"/>`, []string{"data:"}, []string{"<image/>"}},
		{"css picture with xmp", `<rect style="fill: url('data:image/png;base64,` + base64.StdEncoding.EncodeToString(mt.PNG([2]string{"iTXt", "XML:com.adobe.xmp\x00\x00\x00\x00\x00x"})) + `')"/>`, []string{"data:"}, []string{"<rect/>"}},
		{"broken base64", `<image href="data:image/png;base64,@@@"/>`, []string{"data:"}, nil},
		{"image svg data", `<image href="data:image/svg+xml;base64,PHN2Zz4="/>`, []string{"data:"}, nil},
		{"set href", `<a href="#x"><set attributeName="href" to="javascript:alert(1)"/>x</a>`, []string{"javascript", "<set"}, []string{`<a href="#x">`}},
		{"animate handler", `<animate attributeName="onbegin" to="alert(1)"/>`, []string{"alert"}, nil},
		{"metadata", `<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Someone</dc:creator></rdf:RDF></metadata><g/>`, []string{"metadata", "someone"}, []string{"<g/>"}},
		{"editor namespaces", `<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="Layer 1" id="l"><sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/></g>`, []string{"inkscape", "sodipodi"}, []string{`<g id="l"/>`}},
		{"comment", `<!-- made by Someone --><g/>`, []string{"someone"}, nil},
		{"unknown element", `<iframe src="https://example.org"/>`, []string{"iframe"}, nil},
		{"xml base", `<g xml:base="https://example.org/"/>`, []string{"example.org"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := head
			if tt.name == "root handler" {
				root = `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">`
			}
			out, removed := clean(t, root+tt.body+`</svg>`)
			for _, g := range tt.gone {
				if strings.Contains(strings.ToLower(out), g) {
					t.Errorf("%q is still in the output:\n%s", g, out)
				}
			}
			for _, k := range tt.kept {
				if !strings.Contains(out, k) {
					t.Errorf("%q is not in the output:\n%s", k, out)
				}
			}
			if silentCase := map[string]bool{"metadata": true, "editor namespaces": true, "comment": true, "xml base": true}; !silentCase[tt.name] && len(removed) == 0 {
				t.Errorf("no removal reported")
			}
		})
	}
}

func TestCleanKeepsWhatOnlyDraws(t *testing.T) {
	in := head + `<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><symbol id="s"><circle r="1"/></symbol></defs>` +
		`<rect fill="url(#g)" style="stroke: url( '#g' )" width="4"/><use xlink:href="#s"/><use href="#s"/>` +
		`<image href="data:image/png;base64,` + base64.StdEncoding.EncodeToString(mt.PNG()) + `" width="1" height="1"/><image href="data:image/gif,GIF89a"/><text xml:space="preserve" font-family="sans-serif">A &amp; B &lt; ع</text>` +
		`<style>rect &gt; circle { fill: red }</style><title>Logo</title></svg>`
	out, removed := clean(t, in)
	if len(removed) > 0 {
		t.Errorf("removed %v", removed)
	}
	for _, k := range []string{`fill="url(#g)"`, `xlink:href="#s"`, `<use href="#s"/>`, `xmlns:xlink="http://www.w3.org/1999/xlink"`, `data:image/png`, `xml:space="preserve"`, `A &amp; B &lt; ع`, `rect &gt; circle`, `<title>Logo</title>`, `style="stroke: url( '#g' )"`} {
		if !strings.Contains(out, k) {
			t.Errorf("%q is not in the output:\n%s", k, out)
		}
	}
}

func TestCleanNeverExpandsEntities(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` + "\n" + head + `<text>&lol3;</text></svg>`
	external := `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + head + `<text>&x;</text></svg>`
	for name, in := range map[string]string{"billion laughs": laughs, "external entity": external} {
		t.Run(name, func(t *testing.T) {
			out, _, err := Clean([]byte(in))
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(e.Msg, "entity") || e.Line < 1 {
				t.Fatalf("err = %v, out = %s", err, out)
			}
		})
	}
	// A DOCTYPE that declares nothing used is dropped.
	out, _ := clean(t, `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">`+head+`<g/></svg>`)
	if strings.Contains(out, "DOCTYPE") {
		t.Errorf("doctype kept: %s", out)
	}
}

func TestCleanRefusesWhatIsNotAnSVG(t *testing.T) {
	for name, in := range map[string]string{
		"html":           `<html><body/></html>`,
		"not closed":     head + `<g>`,
		"mismatched":     head + `<g></rect></svg>`,
		"latin1":         `<?xml version="1.0" encoding="ISO-8859-1"?>` + head + `</svg>`,
		"two roots":      head + `</svg><svg xmlns="http://www.w3.org/2000/svg"/>`,
		"empty":          ``,
		"too deep":       head + strings.Repeat("<g>", MaxDepth) + strings.Repeat("</g>", MaxDepth) + `</svg>`,
		"invalid utf8":   head + "<text>\xff</text></svg>",
		"undeclared ent": head + `<text>&nbsp;</text></svg>`,
	} {
		t.Run(name, func(t *testing.T) {
			if out, _, err := Clean([]byte(in)); err == nil {
				t.Errorf("no error; out = %s", out)
			} else if e := new(Error); !errors.As(err, &e) {
				t.Errorf("err = %T %v", err, err)
			}
		})
	}
}

// TestSiteSVGsAreUnchangedInMeaning cleans the site's own favicon, emblem and
// partners' logos: nothing is removed and every element and attribute is
// kept, in order.
func TestSiteSVGsAreUnchangedInMeaning(t *testing.T) {
	for _, f := range []string{"../../static/favicon.svg", "../../static/images/emblem.svg", "../../static/images/partners/example-berlin.svg", "../../static/images/partners/example-istanbul.svg"} {
		t.Run(f, func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out, removed := clean(t, string(in))
			if len(removed) > 0 {
				t.Errorf("removed %v", removed)
			}
			if a, b := tokens(t, in), tokens(t, []byte(out)); a != b {
				t.Errorf("meaning changed:\n%s\n%s", a, b)
			}
		})
	}
}

// tokens lists the elements, attributes and text of an SVG.
func tokens(t *testing.T, b []byte) string {
	var s strings.Builder
	depth := 0
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return s.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			depth++
			s.WriteString("<" + v.Name.Space + " " + v.Name.Local)
			for _, a := range v.Attr {
				s.WriteString(" " + a.Name.Space + ":" + a.Name.Local + "=" + a.Value)
			}
		case xml.EndElement:
			depth--
			s.WriteString("/>")
		case xml.CharData:
			if depth > 0 {
				s.Write(v)
			}
		}
	}
}
