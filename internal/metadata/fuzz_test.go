package metadata_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/metadata"
	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// FuzzScan scans any bytes with every parser (the seeds begin each
// format, and documents that hold others: PDFs with images through
// filters, object streams, attachments and inline images; office
// documents with pictures; archives in archives): Scan finishes without a
// panic, gives the same report twice, reports findings only for a format
// it recognised, and names places with printable text.
func FuzzScan(f *testing.F) {
	phone := mt.PDFImage{Data: mt.JPEGWithArtist()}
	for _, s := range [][]byte{
		mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{phone}, {{Data: mt.JP2(true), Filters: []string{"ASCIIHexDecode", "JPXDecode"}}}}, Comment: "(J)", PageXMP: true}),
		mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{{Data: mt.JPEGWithGPS(), Filters: []string{"RunLengthDecode", "DCTDecode"}, XMP: true}}}, Compressed: true, InlineJPEG: mt.JPEGWithGPS()}),
		mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{{Data: mt.JPEG(), Filters: []string{"ASCII85Decode", "FlateDecode", "DCTDecode"}}}}, Attachments: []mt.File{{Name: "a.docx", Data: mt.DOCX()}}}),
		mt.DOCX(mt.File{Name: "word/media/image1.jpeg", Data: mt.JPEGWithGPS(), Stored: true}, mt.File{Name: "word/document.xml", Data: mt.TrackedChange, Stored: true}, mt.File{Name: "docProps/core.xml", Data: mt.CoreXML("J", "K"), Stored: true}),
		mt.ODT(mt.File{Name: "meta.xml", Data: mt.MetaXML("J", ""), Stored: true}, mt.File{Name: "Pictures/1.jpg", Data: mt.JPEGWithArtist(), Stored: true}),
		mt.Zip(mt.File{Name: "in.zip", Data: mt.Zip(mt.File{Name: "a.pdf", Data: mt.PDF(map[string]string{"Author": "(J)"}, true), Stored: true}), Stored: true}),
		mt.JP2(true), mt.MP4iPhone(), mt.MP4Author(),
		mt.JPEGWithGPS(), mt.PNG([2]string{"eXIf", string(mt.TIFFHeader(true))}, [2]string{"iTXt", "XML:com.adobe.xmp\x00\x00\x00\x00\x00x"}),
		mt.WebP([2]string{"EXIF", string(mt.TIFFHeader(true))}, [2]string{"XMP ", "x"}), mt.GIF(mt.GIFComment("c"), mt.GIFXMP()),
		mt.TIFF(true), mt.HEIF(true, true), mt.MP4(), mt.JPEGWithAppended(), mt.ICO(mt.PNG()), mt.PDF(map[string]string{"Author": "(J\\(a\\)ne)", "Creator": "<FEFF0041>"}, false),
		mt.PDF(map[string]string{"Author": "(J)"}, true), []byte("%PDF-1.4\n/Au#74hor (\\101) /Encrypt stream\n"),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r, again metadata.Report
		hangtest.Run(t, "scanning a file's metadata", func() {
			r = metadata.Scan(data)
			again = metadata.Scan(data)
		})
		if r.Format != again.Format || r.Unreadable != again.Unreadable || !slices.Equal(r.Findings, again.Findings) {
			t.Fatalf("two scans differ: %+v and %+v", r, again)
		}
		if r.Format == "" && (len(r.Findings) > 0 || r.Unreadable != "" || r.Refused != "") {
			t.Fatalf("findings in a file of no known format: %+v", r)
		}
		for _, p := range r.Personal() {
			if !p.Personal {
				t.Fatalf("Personal returned %+v", p)
			}
		}
		for _, f := range r.Findings {
			if !utf8.ValidString(f.Where+f.Detail) || strings.ContainsFunc(f.Where+f.Detail, unicode.IsControl) {
				t.Fatalf("a finding is not printable text: %q %q", f.Where, f.Detail)
			}
		}
		_ = metadata.Describe(r.Personal())
	})
}
