package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alaqsa-ira/site/internal/metadata"
	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
	"github.com/alaqsa-ira/site/internal/phototest"
	"github.com/alaqsa-ira/site/internal/svgclean"
)

// withFiles returns the base site with binary files added.
func withFiles(t *testing.T, archive string, files map[string][]byte) fstest.MapFS {
	t.Helper()
	m := newSite(t, archive)
	for p, data := range files {
		m[p] = &fstest.MapFile{Data: data}
	}
	return m
}

// findingsOf builds fsys and returns every error and warning as site check
// prints them.
func findingsOf(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	b, err := buildSite(t, fsys)
	return formatted(t, b, err)
}

func formatted(t *testing.T, b *built, err error) []string {
	t.Helper()
	var all []error
	if se, ok := err.(*StageError); ok {
		all = se.Errors()
	} else if err != nil {
		t.Fatal(err)
	}
	if b.res != nil {
		all = append(all, b.res.Warnings...)
	}
	var out []string
	for _, e := range all {
		out = append(out, e.Error())
	}
	return out
}

// wantFinding fails unless exactly one finding begins with prefix and it
// holds every one of parts.
func wantFinding(t *testing.T, got []string, prefix string, parts ...string) {
	t.Helper()
	n := 0
	for _, g := range got {
		if !strings.HasPrefix(g, prefix) {
			continue
		}
		n++
		for _, p := range parts {
			if !strings.Contains(g, p) {
				t.Errorf("%s\n  does not say %q", g, p)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d findings begin %q, want 1; all:\n  %s", n, prefix, strings.Join(got, "\n  "))
	}
}

func noFinding(t *testing.T, got []string, prefix string) {
	t.Helper()
	for _, g := range got {
		if strings.HasPrefix(g, prefix) {
			t.Errorf("unexpected: %s", g)
		}
	}
}

func TestVerbatimFilesWithMetadataAreErrorsWithTheFix(t *testing.T) {
	encrypted := bytes.Replace(mt.PDF(nil, false), []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 9 0 R"), 1)
	fsys := withFiles(t, "", map[string][]byte{
		"static/images/anim.gif":          mt.GIF(mt.GIFXMP()),
		"static/docs/report.pdf":          mt.PDF(map[string]string{"Author": "(Jane Example)", "Producer": "(a program)"}, false),
		"static/docs/2026/compressed.PDF": mt.PDF(map[string]string{"Creator": "<FEFF004A>"}, true),
		"static/scan.tiff":                mt.TIFF(true),
		"static/files/photo.heic":         mt.HEIF(true, false),
		"static/files/visit.mp4":          mt.MP4(),
		"static/favicon.ico":              mt.ICO(mt.PNG([2]string{"eXIf", string(mt.TIFFHeader(false))})),
		"static/files/misnamed.txt":       mt.PDF(map[string]string{"Author": "(J)"}, false),
		"static/docs/locked.pdf":          encrypted,
		// Nothing personal: published without a word.
		"static/images/plain.gif":      mt.GIF(mt.GIFComment("made with a program")),
		"static/docs/titled.pdf":       mt.PDF(map[string]string{"Title": "(Annual report)", "Producer": "(x)"}, false),
		"static/docs/empty-author.pdf": mt.PDF(map[string]string{"Author": "()"}, false),
	})
	got := findingsOf(t, fsys)
	wantFinding(t, got, "static/images/anim.gif: this file carries XMP metadata", "convert it to PNG", "exiftool -all= static/images/anim.gif")
	wantFinding(t, got, "static/docs/report.pdf: this file carries the properties /Author, which can name the person", "qpdf --empty --pages static/docs/report.pdf -- clean.pdf", "Apply user data")
	wantFinding(t, got, "static/docs/2026/compressed.PDF: this file carries the properties /Creator")
	wantFinding(t, got, "static/scan.tiff: other pictures are not published", "convert it to JPEG (a photo) or PNG")
	wantFinding(t, got, "static/files/photo.heic: other pictures are not published")
	wantFinding(t, got, "static/files/visit.mp4: this file carries GPS metadata", "exiftool -all= static/files/visit.mp4")
	wantFinding(t, got, "static/favicon.ico: this file carries EXIF metadata", "make the icon again")
	wantFinding(t, got, "static/files/misnamed.txt: this file carries the properties /Author")
	wantFinding(t, got, "static/files/misnamed.txt: the file's name says it is one of the text, styles, scripts and data, but it holds a file of the format PDF")
	wantFinding(t, got, "static/docs/locked.pdf: warning: the PDF is encrypted", "name no one")
	for _, f := range []string{"static/images/plain.gif", "static/docs/titled.pdf", "static/docs/empty-author.pdf"} {
		noFinding(t, got, f)
	}
	// Each file once: the check of the built site does not say it again.
	for _, f := range []string{"static/images/anim.gif", "static/docs/report.pdf", "static/scan.tiff"} {
		wantFinding(t, got, f+":")
	}
}

func TestBuiltSiteWithMetadataFailsAndPublishesNothing(t *testing.T) {
	// JPEG, PNG and WebP are re-encoded by the image pipeline: their
	// metadata never reaches the built site, which the scan of every
	// written file confirms. A file published as it is with metadata
	// fails the build, and nothing is published.
	fsys := withFiles(t, "", map[string][]byte{
		"static/images/group.jpg":   phototest.JPEG(64, 48, 6, true),
		"static/images/logo.png":    phototest.PNG(40, 30),
		"static/images/anim.gif":    mt.GIF(mt.GIFXMP()),
		"static/images/comment.png": phototest.PNG(20, 20),
	})
	got := findingsOf(t, fsys)
	wantFinding(t, got, "static/images/anim.gif: this file carries XMP metadata")
	for _, f := range []string{"static/images/group.jpg", "static/images/logo.png", "static/images/comment.png"} {
		noFinding(t, got, f)
	}

	dest := filepath.Join(t.TempDir(), "public")
	_, err := Run(context.Background(), Options{Source: fsys, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}})
	if err == nil || !strings.Contains(err.Error(), "anim.gif") {
		t.Fatalf("build to a folder: err = %v", err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("a build that failed published something: %v", err)
	}

	// Without the GIF, the site is built; no file written carries
	// personal metadata, and no original is among them.
	delete(fsys, "static/images/anim.gif")
	mem := NewMemSink()
	if _, err := Run(context.Background(), Options{Source: fsys, Sink: mem, Now: testNow, GitDates: map[string]time.Time{}}); err != nil {
		t.Fatal(err)
	}
	photos := 0
	for name, data := range mem.Files {
		if rep := metadata.Scan(data); len(rep.Personal()) > 0 {
			t.Errorf("%s is published with %v", name, rep.Personal())
		}
		switch name {
		case "images/group.jpg", "images/logo.png", "images/comment.png":
			t.Errorf("the original %s is published", name)
		}
		if strings.HasPrefix(name, "images/group-") {
			photos++
		}
	}
	if photos == 0 {
		t.Error("no derivative of group.jpg was published")
	}
}

func TestScanSinkReportsAnyFileWritten(t *testing.T) {
	// Whatever writes it, and whatever its name: the scan goes by bytes.
	mem := NewMemSink()
	s := newScanSink(mem)
	jobs := []*job{
		{file: "images/a.gif", kind: jobStatic, target: "static/images/a.gif"},
		{file: "en/about/index.html", kind: jobPage},
		{file: "files/b.pdf", kind: jobStatic, target: "static/files/b.pdf"},
		{file: "files/c.pdf", kind: jobStatic, target: "static/files/c.pdf"},
	}
	s.Write("images/a.gif", mt.GIF(mt.GIFXMP()))
	s.Write("en/about/index.html", mt.PDF(map[string]string{"Metadata": "3 0 R"}, false))
	s.Write("files/b.pdf", mt.PDF(map[string]string{"Author": "(J)"}, true))
	s.Write("files/c.pdf", mt.PDF(map[string]string{"Author": "(J)"}, false))
	if !bytes.Equal(mem.Files["images/a.gif"], mt.GIF(mt.GIFXMP())) {
		t.Errorf("the sink beneath did not get the file")
	}
	errs := s.problems(jobs, map[string]bool{"files/c.pdf": true})
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	wantFinding(t, got, "static/images/a.gif: the published copy of this file would carry XMP metadata")
	wantFinding(t, got, "en/about/index.html: the published copy of this file would carry XMP metadata")
	wantFinding(t, got, "static/files/b.pdf: the published copy of this file would carry the properties /Author")
	noFinding(t, got, "static/files/c.pdf")
}

func TestImageWithoutAltTextIsAnError(t *testing.T) {
	site := "-- content/x.ar.md --\n---\ntitle: س\n---\nنص.\n\n![](/favicon.svg)\n\n![  ](/favicon.svg \"caption\")\n" +
		"-- content/x.en.md --\n---\ntitle: X\n---\n[![](/favicon.svg)](/en/)\n\n![ref image][logo]\n\n![][logo]\n\n[logo]: /favicon.svg\n\n![The office logo](/favicon.svg)\n"
	got := findings(t, site)
	for _, want := range []string{
		"content/x.ar.md:6: error: the image /favicon.svg has no alt text: write what it shows between the brackets, ![...](/favicon.svg)",
		"content/x.ar.md:8: error: the image /favicon.svg has no alt text",
		"content/x.en.md:4: error: the image /favicon.svg has no alt text",
		"content/x.en.md:8: error: the image /favicon.svg has no alt text",
	} {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, want) }) {
			t.Errorf("missing %q in:\n  %s", want, strings.Join(got, "\n  "))
		}
	}
	if n := len(slices.DeleteFunc(slices.Clone(got), func(g string) bool { return !strings.Contains(g, "alt text") })); n != 4 {
		t.Errorf("%d alt text errors, want 4:\n  %s", n, strings.Join(got, "\n  "))
	}
}

// pngHeader returns a PNG's signature and header claiming w x h pixels:
// enough for image.DecodeConfig.
func pngHeader(w, h int) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, 13)
	start := len(b)
	b = append(b, "IHDR"...)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

func TestLargeSourcePhotosAreWarnings(t *testing.T) {
	gif := mt.GIF()
	binary.LittleEndian.PutUint16(gif[6:], 8100)
	// Photos are decoded to be re-encoded, so they must be whole images.
	encode := func(w, h int, format string) []byte {
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		for i := range img.Pix {
			img.Pix[i] = byte(i*7) | 0x80
		}
		var b bytes.Buffer
		var err error
		if format == "png" {
			err = png.Encode(&b, img)
		} else {
			err = jpeg.Encode(&b, img, nil)
		}
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	// A small JPEG followed by 21 MB that decoders skip after its end.
	heavy := append(encode(8, 6, "jpeg"), make([]byte, 21<<20)...)
	fsys := withFiles(t, "", map[string][]byte{
		"static/images/wide.png":     encode(9000, 10, "png"),
		"static/images/tall.jpg":     encode(8, 8001, "jpeg"),
		"static/images/banner.gif":   gif,
		"static/images/heavy.jpg":    heavy,
		"static/images/edge.png":     encode(8000, 20, "png"),
		"static/images/ordinary.jpg": encode(64, 48, "jpeg"),
	})
	got := findingsOf(t, fsys)
	wantFinding(t, got, "static/images/wide.png: warning: this photo is 0.0 MB, 9000 x 10 px", "resize it")
	wantFinding(t, got, "static/images/tall.jpg: warning: this photo is 0.0 MB, 8 x 8001 px")
	wantFinding(t, got, "static/images/banner.gif: warning: this photo is 0.0 MB, 8100 x 4 px")
	wantFinding(t, got, "static/images/heavy.jpg: warning: this photo is 21.0 MB, 8 x 6 px")
	noFinding(t, got, "static/images/edge.png")
	noFinding(t, got, "static/images/ordinary.jpg")
}

// A WebP's size is read from its header whichever bitstream it holds:
// lossy (VP8), lossless (VP8L) or extended (VP8X), as the warning about a
// large photo needs it.
func TestWebPSizeIsReadFromItsHeader(t *testing.T) {
	webp := func(chunk string, data []byte) []byte {
		b := append([]byte("RIFF\x00\x00\x00\x00WEBP"+chunk), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
		b = append(b, data...)
		binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
		return b
	}
	const w, h = 8100, 3
	wh := binary.LittleEndian.AppendUint16(binary.LittleEndian.AppendUint16(nil, w), h)
	bits := binary.LittleEndian.AppendUint32(nil, uint32(w-1)|uint32(h-1)<<14)
	for name, data := range map[string][]byte{
		"lossy":    webp("VP8 ", append([]byte{0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a}, wh...)),
		"lossless": webp("VP8L", append([]byte{0x2f}, bits...)),
		"extended": webp("VP8X", []byte{0, 0, 0, 0, (w - 1) & 0xFF, (w - 1) >> 8, 0, h - 1, 0, 0}),
	} {
		errs := photoSize("static/images/"+name+".webp", data)
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "8100 x 3 px") {
			t.Errorf("%s: %v, want a warning of 8100 x 3 px", name, errs)
		}
	}
	if w, h, ok := imageDimensions(webp("VP8X", []byte{0, 0, 0})); ok {
		t.Errorf("a VP8X header cut short gives %d x %d", w, h)
	}
}

func TestSVGsArePublishedClean(t *testing.T) {
	evil := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
<script>alert(2)</script>
<rect width="10" height="10" fill="#123456"/>
<image xlink:href="http://example.org/track.png"/>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
<style>rect { fill: url(https://example.org/p#g) }</style>
<use href="https://example.org/s.svg#a"/>
</svg>`
	laughs := `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>`
	fsys := withFiles(t, "", map[string][]byte{
		"static/images/partners/evil.svg": []byte(evil),
		"static/LOGO.SVG":                 []byte(evil),
		"static/images/laughs.svg":        []byte(laughs),
	})
	b, err := buildSite(t, fsys)
	got := formatted(t, b, err)
	wantFinding(t, got, "static/images/partners/evil.svg:1: warning: removed from the published copy: the event handler onload on <svg>", "and 3 more")
	wantFinding(t, got, "static/LOGO.SVG:1: warning: removed")
	wantFinding(t, got, "static/images/laughs.svg:2: the SVG uses the entity &b;", "without a DOCTYPE")
	for _, f := range []string{"images/partners/evil.svg", "LOGO.SVG"} {
		out := string(b.files[f])
		for _, bad := range []string{"alert", "script", "example.org", "foreignObject", "onload"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s still has %q:\n%s", f, bad, out)
			}
		}
		if !strings.Contains(out, `<rect width="10" height="10" fill="#123456"/>`) {
			t.Errorf("%s lost its drawing:\n%s", f, out)
		}
	}
	if strings.Contains(string(b.files["images/laughs.svg"]), "aaaaaaaaaa") {
		t.Errorf("an entity was expanded")
	}
}

func TestSiteSVGsPassUnchangedInMeaning(t *testing.T) {
	b := mustBuild(t, newSite(t, ""))
	for _, f := range []string{"favicon.svg", "images/partners/example-berlin.svg", "images/partners/example-istanbul.svg"} {
		src, err := os.ReadFile(filepath.Join(repoRoot, "static", f))
		if err != nil {
			t.Fatal(err)
		}
		want, removed, err := svgclean.Clean(src)
		if err != nil || len(removed) > 0 {
			t.Fatalf("%s: %v %v", f, err, removed)
		}
		if got := b.files[f]; !bytes.Equal(got, want) {
			t.Errorf("%s published as\n%s\nwant\n%s", f, got, want)
		}
		if !bytes.Equal(bytes.TrimSpace(src), want) {
			t.Errorf("%s changed:\n%s\n%s", f, src, want)
		}
	}
	for _, w := range b.res.Warnings {
		if strings.Contains(w.Error(), ".svg") {
			t.Errorf("warning about the site's SVGs: %v", w)
		}
	}
}
