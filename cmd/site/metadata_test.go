package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
	"github.com/alaqsa-ira/site/internal/phototest"
)

// TestCheckAndBuildRefuseFilesWithMetadata: site check reports a PDF with
// an author and a GIF with XMP (both published as they are), not a phone
// photo with its GPS position (re-encoded without it), and site build
// publishes nothing.
func TestCheckAndBuildRefuseFilesWithMetadata(t *testing.T) {
	site := siteWith(t, map[string][]byte{
		"static/docs/agreement.pdf": mt.PDF(map[string]string{"Author": "(Jane Example)"}, true),
		"static/images/banner.gif":  mt.GIF(mt.GIFXMP()),
		"static/images/visit.jpg":   phototest.JPEG(64, 48, 6, true),
	})
	out, _, err := runSite("check", "-s", site)
	if !errors.Is(err, errReported) {
		t.Fatalf("check: err = %v, want exit 1\n%s", err, out)
	}
	for _, want := range []string{
		"static/docs/agreement.pdf: error: this file carries the properties /Author",
		"static/images/banner.gif: error: this file carries XMP metadata",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "visit.jpg") {
		t.Errorf("check reports the phone photo, which is re-encoded without its metadata:\n%s", out)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, errOut, err := runSite("build", "-s", site, "-d", dest); err == nil || !strings.Contains(errOut, "agreement.pdf") {
		t.Errorf("build: err = %v\n%s", err, errOut)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the build published something: %v", err)
	}
}

// siteWith returns a copy of the site with files added.
func siteWith(t *testing.T, files map[string][]byte) string {
	t.Helper()
	site := copySite(t)
	for p, data := range files {
		f := filepath.Join(site, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// TestCheckAndBuildRefuseDocumentsThatCarryWhoOrWhere: site check names
// each document that carries where or by whom it was made, and where in
// it (the photo on a page of a PDF, a part of a Word document), with the
// kinds of files refused, all at once; site build publishes nothing.
func TestCheckAndBuildRefuseDocumentsThatCarryWhoOrWhere(t *testing.T) {
	phone := mt.PDFImage{Data: mt.JPEGWithArtist(), Filters: []string{"FlateDecode", "DCTDecode"}}
	site := siteWith(t, map[string][]byte{
		"static/docs/visit.pdf":       mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{}, {{Data: mt.JPEG()}, phone}}, Compressed: true}),
		"static/forms/apply.docx":     mt.DOCX(mt.File{Name: "docProps/core.xml", Data: mt.CoreXML("", "Jane Example")}),
		"static/forms/apply.odt":      mt.ODT(mt.File{Name: "Pictures/1.jpg", Data: mt.JPEGWithGPS(), Stored: true}),
		"static/files/photos.zip":     mt.Zip(mt.File{Name: "a.jpg", Data: mt.JPEG()}),
		"static/docs/clean.pdf":       mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{{Data: mt.JPEG()}}}}),
		"static/forms/clean.docx":     mt.DOCX(),
		"static/docs/attachments.pdf": mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{}}, Attachments: []mt.File{{Name: "list.xlsx", Data: mt.Zip(mt.File{Name: "[Content_Types].xml", Data: []byte("<Types/>")}, mt.File{Name: "xl/workbook.xml", Data: []byte(`<workbook><fileSharing userName="Jane"/></workbook>`)})}}}),
	})
	out, _, err := runSite("check", "-s", site)
	if !errors.Is(err, errReported) {
		t.Fatalf("check: err = %v, want exit 1\n%s", err, out)
	}
	for _, want := range []string{
		"static/docs/visit.pdf: error: this file carries GPS and EXIF metadata and the properties Artist in image 2 on page 2, which tells where it was taken",
		"static/forms/apply.docx: error: this file carries the properties cp:lastModifiedBy in docProps/core.xml",
		"static/forms/apply.odt: error: this file carries GPS and EXIF metadata in Pictures/1.jpg",
		"static/files/photos.zip: error: archives and e-books are not published",
		"static/docs/attachments.pdf: error: this file carries the properties userName in xl/workbook.xml in the attachment list.xlsx", "delete comments and attachments",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	for _, clean := range []string{"static/docs/clean.pdf:", "static/forms/clean.docx:"} {
		if strings.Contains(out, clean) {
			t.Errorf("check reports %s:\n%s", clean, out)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, errOut, err := runSite("build", "-s", site, "-d", dest); err == nil || !strings.Contains(errOut, "visit.pdf") || !strings.Contains(errOut, "apply.docx") {
		t.Errorf("build: err = %v\n%s", err, errOut)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the build published something: %v", err)
	}
}
