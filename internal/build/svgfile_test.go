package build

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

// hostileSVG asks a browser to load files from h.example in the ways an
// SVG can spell it: CSS in presentation attributes, with escapes and
// image-set(), in a style attribute and a <style>, in an animation of a
// CSS property, and a link in capitals.
const hostileSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
<style>.a{fill:#14507a}.b{cursor:-webkit-image-set("http://h.example/s.png" 1x)}@import 'http://h.example/a.css';</style>
<rect class="a" width="10" height="10" fill="red" cursor="image-set('http://h.example/x.png' 1x), auto"/>
<rect fill="\75 rl(http://h.example/f)" style="stroke:#fff;mask:image('http://h.example/m.png')"/>
<set attributeName="cursor" to="url(http://h.example/c.cur), auto"/>
<animate attributeName="fill" values="red;u\rl(http://h.example/v)"/>
<image HREF="http://h.example/i.png"/>
</svg>`

// gzipped compresses b.
func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// noRemoteIn fails the test unless a published file parses as XML and no
// attribute and no text of it names h.example.
func noRemoteIn(t *testing.T, name string, data []byte) {
	t.Helper()
	if len(data) == 0 {
		t.Errorf("%s is not published", name)
		return
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", name, err, data)
		}
		var texts []string
		switch v := tok.(type) {
		case xml.StartElement:
			for _, a := range v.Attr {
				texts = append(texts, a.Value)
			}
		case xml.CharData:
			texts = append(texts, string(v))
		}
		for _, s := range texts {
			if strings.Contains(s, "h.example") {
				t.Errorf("%s still refers to h.example: %q\n%s", name, s, data)
			}
		}
	}
}

// TestHostileSVGsArePublishedWithoutRemoteReferences builds a site with
// the hostile SVG in static/, under names of every case and under a name
// that is not .svg, and in a page bundle: each is published with nothing
// that refers to h.example, keeps its drawing, and is warned about.
func TestHostileSVGsArePublishedWithoutRemoteReferences(t *testing.T) {
	fsys := withFiles(t, `
-- content/announcements/visit/index.en.md --
---
title: A visit
date: 2026-10-01
---
![The route](route.svg)
`, map[string][]byte{
		"static/images/hostile.svg":                 []byte(hostileSVG),
		"static/images/UPPER.SVG":                   []byte(hostileSVG),
		"static/images/picture.xml":                 []byte(`<?xml version="1.0"?>` + "\n" + hostileSVG),
		"static/images/logo.svg.txt":                []byte(hostileSVG),
		"content/announcements/visit/route.svg":     []byte(hostileSVG),
		"static/images/not-svg.xml":                 []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>url(http://h.example/)</title></feed>`),
		"content/announcements/visit/programme.txt": []byte("<svg> is a tag; see http://h.example/"),
	})
	b, err := buildSite(t, fsys)
	got := formatted(t, b, err)
	for src, out := range map[string]string{
		"static/images/hostile.svg":             "images/hostile.svg",
		"static/images/UPPER.SVG":               "images/UPPER.SVG",
		"static/images/picture.xml":             "images/picture.xml",
		"static/images/logo.svg.txt":            "images/logo.svg.txt",
		"content/announcements/visit/route.svg": "en/announcements/visit/route.svg",
	} {
		wantFinding(t, got, src+":", "warning: removed from the published copy: ", "image-set() is not a CSS function known to load nothing", "and 5 more")
		noRemoteIn(t, out, b.files[out])
		if !strings.Contains(string(b.files[out]), `<rect class="a" width="10" height="10" fill="red"/>`) {
			t.Errorf("%s lost its drawing:\n%s", out, b.files[out])
		}
	}
	// Files that are no SVG are published as they are.
	for src, out := range map[string]string{"static/images/not-svg.xml": "images/not-svg.xml", "content/announcements/visit/programme.txt": "en/announcements/visit/programme.txt"} {
		noFinding(t, got, src)
		if !bytes.Equal(b.files[out], fsys[src].Data) {
			t.Errorf("%s changed:\n%s", out, b.files[out])
		}
	}
}

// TestCompressedSVGsAreRefused builds a site with compressed SVGs under
// every name a host might send as an SVG: each is an error naming the
// file and saying how to fix it, whatever its size once decompressed; a
// gzip file that holds no SVG is refused as an archive (package filekind).
func TestCompressedSVGsAreRefused(t *testing.T) {
	bomb := gzipped(t, append([]byte("<!--"), make([]byte, 8<<20)...)) // XML whose root is past what is read
	fsys := withFiles(t, `
-- content/announcements/visit/index.en.md --
---
title: A visit
date: 2026-10-01
---
The visit.
`, map[string][]byte{
		"static/images/logo.svgz":                 gzipped(t, []byte(hostileSVG)),
		"static/images/LOGO2.SVGZ":                gzipped(t, []byte(hostileSVG)),
		"static/images/logo.svg.gz":               gzipped(t, []byte(hostileSVG)),
		"static/images/logo.svg.br":               []byte("not really brotli"),
		"static/images/gzipped.svg":               gzipped(t, []byte(hostileSVG)),
		"static/images/picture.xml.gz":            gzipped(t, []byte(hostileSVG)),
		"static/images/bomb.gz":                   bomb,
		"content/announcements/visit/route.svgz":  gzipped(t, []byte(hostileSVG)),
		"static/data/table.csv.gz":                gzipped(t, bytes.Repeat([]byte("a,b\n"), 1<<20)),
		"content/announcements/visit/feed.xml.gz": gzipped(t, []byte(`<feed xmlns="http://www.w3.org/2005/Atom"/>`)),
	})
	b, err := buildSite(t, fsys)
	got := formatted(t, b, err)
	for _, f := range []string{"static/images/logo.svgz", "static/images/LOGO2.SVGZ", "static/images/logo.svg.gz", "static/images/logo.svg.br",
		"static/images/gzipped.svg", "static/images/picture.xml.gz", "static/images/bomb.gz", "content/announcements/visit/route.svgz"} {
		wantFinding(t, got, f+": this is a compressed SVG", "save it as a plain .svg")
	}
	for _, f := range []string{"static/data/table.csv.gz", "content/announcements/visit/feed.xml.gz"} {
		wantFinding(t, got, f+": archives and e-books are not published", "one by one")
	}
	if err == nil {
		t.Errorf("the build succeeded")
	}
}

// TestSVGNamedInCapitalsGetsItsSize shows an SVG named .SVG in a page:
// its width and height are read from it like those of any SVG.
func TestSVGNamedInCapitalsGetsItsSize(t *testing.T) {
	fsys := withFiles(t, `
-- content/announcements/visit.en.md --
---
title: A visit
date: 2026-10-01
---
![The emblem](/images/MARK.SVG) ![The other](/images/other.svg)
`, map[string][]byte{
		"static/images/MARK.SVG":  []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32"/>`),
		"static/images/other.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32"/>`),
	})
	b := mustBuild(t, fsys)
	doc := b.page("en/announcements/visit/index.html")
	for _, name := range []string{"MARK.SVG", "other.svg"} {
		img := doc.One(t, htmltest.Tag("img", "src", "/images/"+name), name)
		if w, h := htmltest.AttrOf(img, "width"), htmltest.AttrOf(img, "height"); w != "64" || h != "32" {
			t.Errorf("%s is shown at %s x %s, want 64 x 32", name, w, h)
		}
	}
}

// TestSVGsInOtherEncodingsAreRefused builds SVGs a browser would draw
// from an encoding the cleaner does not read, under names that are not
// .svg: each is an error naming the file, not published as it is.
func TestSVGsInOtherEncodingsAreRefused(t *testing.T) {
	utf16 := []byte{0xff, 0xfe}
	for _, r := range hostileSVG {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	latin1 := []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" + strings.Replace(hostileSVG, "<rect", "<!-- caf\xe9 --><rect", 1))
	got := findingsOf(t, withFiles(t, "", map[string][]byte{
		"static/images/utf16.xml":  utf16,
		"static/images/latin1.xml": latin1,
	}))
	wantFinding(t, got, "static/images/utf16.xml:", "save it again")
	wantFinding(t, got, "static/images/latin1.xml:", "not text in UTF-8 (save it again as UTF-8 text)")
}
