package build

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/metadata"
	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// zipBomb returns a Word document whose text claims to unpack to a
// terabyte: 64 KB of compressed zeros.
func zipBomb() []byte {
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
	fw.Write(make([]byte, 8<<20))
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: f, Method: zip.Deflate, CompressedSize64: uint64(raw.Len()), UncompressedSize64: 1 << 40})
		w.Write(raw.Bytes())
	}
	zw.Close()
	return b.Bytes()
}

// documents are the documents of the tests below: each carries who made
// it or where, in a part of it, but for those named clean.
func documents() map[string][]byte {
	phone := mt.PDFImage{Data: mt.JPEGWithArtist()}
	compressed := mt.PDFOptions{Pages: [][]mt.PDFImage{{{Data: mt.JPEG()}}, {{Data: mt.JPEG()}, phone}}, Compressed: true}
	return map[string][]byte{
		"static/docs/visit.pdf":      mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{phone}}}),
		"static/docs/both.pdf":       mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{phone}}, Info: map[string]string{"Author": "(Jane Example)"}}),
		"static/docs/compressed.pdf": mt.PDFWith(compressed),
		"static/docs/chain.pdf":      mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{{Data: mt.JPEGWithArtist(), Filters: []string{"FlateDecode", "DCTDecode"}}}}}),
		"static/docs/xmp.pdf":        mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{}}, PageXMP: true}),
		"static/docs/attached.pdf":   mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{}}, Attachments: []mt.File{{Name: "group.jpg", Data: mt.JPEGWithGPS()}}}),
		"static/forms/apply.docx":    mt.DOCX(mt.File{Name: "docProps/core.xml", Data: mt.CoreXML("Jane Example", "")}),
		"static/forms/photos.docx":   mt.DOCX(mt.File{Name: "word/media/image1.jpeg", Data: mt.JPEGWithGPS()}),
		"static/files/bomb.docx":     zipBomb(),
		"static/files/photos.zip":    mt.Zip(mt.File{Name: "a.jpg", Data: mt.JPEG()}),
		"static/docs/notes.doc":      append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...),
		// In a page bundle, published beside the page.
		"content/announcements/call/call.odt": mt.ODT(mt.File{Name: "meta.xml", Data: mt.MetaXML("Jane Example", "")}),
		// Nothing personal: published.
		"static/docs/clean.pdf":               mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{{Data: mt.JPEG()}}}, Info: map[string]string{"Title": "(Call for partners)"}}),
		"static/forms/clean.docx":             mt.DOCX(mt.File{Name: "word/media/image1.jpeg", Data: mt.JPEG()}),
		"content/announcements/call/plan.odt": mt.ODT(),
	}
}

const callBundle = `
-- content/announcements/call/index.en.md --
` + `---
title: Call
date: 2026-10-01
---
Read [the call](call.odt) and [the plan](plan.odt).
`

func TestDocumentsThatCarryWhoOrWhereAreErrorsWithWhereInThem(t *testing.T) {
	fsys := withFiles(t, callBundle, documents())
	got := findingsOf(t, fsys)
	wantFinding(t, got, "static/docs/visit.pdf: this file carries GPS and EXIF metadata and the properties Artist in image 1 on page 1, which tells where it was taken",
		"remove the metadata from each photo before putting it in (exiftool -all= photo.jpg")
	wantFinding(t, got, "static/docs/both.pdf: this file carries the properties /Author; GPS and EXIF metadata and the properties Artist in image 1 on page 1, which tells where it was taken",
		"qpdf --empty --pages static/docs/both.pdf", "; and remove the metadata from each photo")
	wantFinding(t, got, "static/docs/compressed.pdf: this file carries GPS and EXIF metadata and the properties Artist in image 2 on page 2")
	wantFinding(t, got, "static/docs/chain.pdf: this file carries GPS and EXIF metadata and the properties Artist in image 1 on page 1")
	wantFinding(t, got, "static/docs/xmp.pdf: this file carries XMP metadata in page 1, which can name the person who wrote it")
	wantFinding(t, got, "static/docs/attached.pdf: this file carries GPS and EXIF metadata in the attachment group.jpg", "delete comments and attachments")
	wantFinding(t, got, "static/forms/apply.docx: this file carries the properties dc:creator in docProps/core.xml, which can name the person who wrote it", "Inspect Document", "Remove personal information on saving")
	wantFinding(t, got, "static/forms/photos.docx: this file carries GPS and EXIF metadata in word/media/image1.jpeg, which tells where it was taken", "exiftool -all= photo.jpg")
	wantFinding(t, got, "static/files/bomb.docx: this file cannot be checked whole, so it is not published: it unpacks to more than 32 MB")
	wantFinding(t, got, "static/files/photos.zip: archives and e-books are not published: publish the files it holds one by one")
	wantFinding(t, got, "static/docs/notes.doc: Office 97-2003 documents, and those of other programs are not published", "save it as PDF")
	wantFinding(t, got, "content/announcements/call/call.odt: this file carries the properties meta:initial-creator in meta.xml", "Remove personal information on saving")
	for _, f := range []string{"static/docs/clean.pdf", "static/forms/clean.docx", "content/announcements/call/plan.odt"} {
		noFinding(t, got, f)
	}
}

func TestBuildWithADocumentThatCarriesWhoOrWherePublishesNothing(t *testing.T) {
	all := documents()
	for name, data := range all {
		if strings.Contains(name, "clean") || strings.Contains(name, "plan.odt") {
			continue
		}
		t.Run(filepath.Base(name), func(t *testing.T) {
			fsys := withFiles(t, callBundle, map[string][]byte{name: data})
			dest := filepath.Join(t.TempDir(), "public")
			_, err := Run(context.Background(), Options{Source: fsys, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}})
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Fatalf("err = %v", err)
			}
			if _, err := os.Stat(dest); !os.IsNotExist(err) {
				t.Errorf("a build that failed published something: %v", err)
			}
		})
	}
	// The clean ones are published, and nothing written carries anything.
	fsys := withFiles(t, callBundle, map[string][]byte{
		"static/docs/clean.pdf": all["static/docs/clean.pdf"], "static/forms/clean.docx": all["static/forms/clean.docx"],
		"content/announcements/call/plan.odt": all["content/announcements/call/plan.odt"],
		"content/announcements/call/call.odt": all["content/announcements/call/plan.odt"],
	})
	b := mustBuild(t, fsys)
	for _, f := range []string{"docs/clean.pdf", "forms/clean.docx", "en/announcements/call/plan.odt"} {
		if !b.has(f) {
			t.Errorf("%s is not published", f)
		}
	}
	for name, data := range b.files {
		if rep := metadata.Scan(data); len(rep.Personal()) > 0 {
			t.Errorf("%s is published with %v", name, rep.Personal())
		}
	}
}
