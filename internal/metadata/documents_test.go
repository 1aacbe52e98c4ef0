package metadata_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/metadata"
	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// found lists the personal findings as "Where: kind detail", sorted.
func found(r metadata.Report) []string {
	var out []string
	for _, f := range r.Personal() {
		out = append(out, f.Where+": "+string(f.Kind)+" "+f.Detail)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// document is a test case: a file, its format, and the personal findings
// that must be among those of its scan (each "Where: kind detail"); none
// for a clean file, which must have no personal finding at all.
type document struct {
	name, format string
	data         []byte
	want         []string
}

func checkDocuments(t *testing.T, tests []document) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := metadata.Scan(tt.data)
			if r.Format != tt.format {
				t.Errorf("format %q, want %q", r.Format, tt.format)
			}
			if r.Unreadable != "" || r.Refused != "" {
				t.Errorf("unreadable %q, refused %q", r.Unreadable, r.Refused)
			}
			got := found(r)
			if len(tt.want) == 0 && len(got) > 0 {
				t.Errorf("a clean file has findings:\n  %s", strings.Join(got, "\n  "))
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("no finding %q among:\n  %s", w, strings.Join(got, "\n  "))
				}
			}
		})
	}
}

// photo is the finding of a phone's photo (its GPS position and the
// photographer's name in its EXIF) at where.
func photo(where string) []string {
	return []string{where + ": GPS APP1 Exif", where + ": EXIF APP1 Exif", where + ": property Artist"}
}

func pages(images ...[]mt.PDFImage) mt.PDFOptions { return mt.PDFOptions{Pages: images} }

func TestScanFindsThePhotosInsidePDFs(t *testing.T) {
	phone := mt.JPEGWithArtist()
	clean := mt.PDFImage{Data: mt.JPEG()}
	chain := func(filters ...string) []byte {
		return mt.PDFWith(pages([]mt.PDFImage{{Data: phone, Filters: filters}}))
	}
	compressed := pages([]mt.PDFImage{clean}, []mt.PDFImage{clean, clean, {Data: phone}})
	compressed.Compressed = true
	checkDocuments(t, []document{
		{"jpeg stream", "PDF", mt.PDFWith(pages([]mt.PDFImage{{Data: phone}})), photo("image 1 on page 1")},
		{"third image on the second page", "PDF", mt.PDFWith(pages([]mt.PDFImage{clean}, []mt.PDFImage{clean, clean, {Data: phone}})), photo("image 3 on page 2")},
		{"pages in an object stream", "PDF", mt.PDFWith(compressed), photo("image 3 on page 2")},
		{"flate then jpeg", "PDF", chain("FlateDecode", "DCTDecode"), photo("image 1 on page 1")},
		{"hex then jpeg", "PDF", chain("ASCIIHexDecode", "DCTDecode"), photo("image 1 on page 1")},
		{"ascii85, flate, jpeg", "PDF", chain("ASCII85Decode", "FlateDecode", "DCTDecode"), photo("image 1 on page 1")},
		{"run length then jpeg", "PDF", chain("RunLengthDecode", "DCTDecode"), photo("image 1 on page 1")},
		{"abbreviated filters", "PDF", chain("Fl", "DCT"), photo("image 1 on page 1")},
		{"jpeg 2000", "PDF", mt.PDFWith(pages([]mt.PDFImage{{Data: mt.JP2(true), Filters: []string{"JPXDecode"}}})), []string{"image 1 on page 1: GPS EXIF box"}},
		{"jpeg drawn inline", "PDF", mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{clean}}, InlineJPEG: mt.JPEGWithGPS()}), []string{"an inline image on page 1: GPS APP1 Exif"}},
		{"xmp of the document, a page and an image", "PDF", mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{{Data: mt.JPEG(), XMP: true}}}, XMP: true, PageXMP: true}),
			[]string{": XMP XMP metadata stream", "page 1: XMP XMP metadata stream", "image 1 on page 1: XMP XMP metadata stream"}},
		{"comment with its author", "PDF", mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{}}, Comment: "(Jane Example)"}), []string{"a comment on page 1: property /T (its author)"}},
		{"photo attached", "PDF", mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{}}, Attachments: []mt.File{{Name: "visit.jpg", Data: phone}}}), photo("the attachment visit.jpg")},
		{"document attached", "PDF", mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{}}, Attachments: []mt.File{{Name: "form.docx", Data: mt.DOCX(mt.File{Name: "docProps/core.xml", Data: mt.CoreXML("Jane Example", "")})}}}),
			[]string{"docProps/core.xml in the attachment form.docx: property dc:creator"}},
		{"pdf attached to a pdf", "PDF", mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{}}, Attachments: []mt.File{{Name: "inner.pdf", Data: mt.PDFWith(pages([]mt.PDFImage{{Data: phone}}))}}}),
			photo("image 1 on page 1 in the attachment inner.pdf")},
		{"clean photos, clean attachment", "PDF", mt.PDFWith(mt.PDFOptions{Pages: [][]mt.PDFImage{{clean, {Data: mt.JP2(false), Filters: []string{"FlateDecode", "JPXDecode"}}}}, Attachments: []mt.File{{Name: "a.txt", Data: []byte("text")}, {Name: "form.docx", Data: mt.DOCX()}}, Comment: "()"}), nil},
		{"pixels", "PDF", mt.PDFWith(pages([]mt.PDFImage{{Data: bytes.Repeat([]byte{0xFF, 0xD8, 0xFF, 0xE1}, 36), Filters: []string{"FlateDecode"}}})), nil},
	})
}

func TestScanFindsFilesHiddenInPDFStreams(t *testing.T) {
	// A stream of no kind, not drawn anywhere, that holds a phone's photo:
	// whatever the page tree says, the file carries it.
	pdf := mt.PDFWith(pages(nil))
	hidden := "9 0 obj\n<< /Length 1 >>\nstream\n" + string(mt.JPEGWithGPS()) + "\nendstream\nendobj\n"
	pdf = bytes.Replace(pdf, []byte("trailer"), []byte(hidden+"trailer"), 1)
	r := metadata.Scan(pdf)
	if !slices.Contains(found(r), "a stream (object 9): GPS APP1 Exif") {
		t.Errorf("findings %v", found(r))
	}
}

func TestScanFindsWhoWroteOfficeDocuments(t *testing.T) {
	core := func(creator, last string) mt.File {
		return mt.File{Name: "docProps/core.xml", Data: mt.CoreXML(creator, last)}
	}
	part := func(name, xml string) mt.File { return mt.File{Name: name, Data: []byte(xml)} }
	xlsx := func(files ...mt.File) []byte {
		return mt.Zip(append([]mt.File{part("[Content_Types].xml", "<Types/>"), part("xl/workbook.xml", "<workbook/>")}, files...)...)
	}
	checkDocuments(t, []document{
		{"docx creator", "DOCX", mt.DOCX(core("Jane Example", "")), []string{"docProps/core.xml: property dc:creator"}},
		{"docx last author", "DOCX", mt.DOCX(core("", "Jane Example")), []string{"docProps/core.xml: property cp:lastModifiedBy"}},
		{"docx company and manager", "DOCX", mt.DOCX(part("docProps/app.xml", "<Properties><Company>Example Ltd</Company><Manager>J. Example</Manager></Properties>")),
			[]string{"docProps/app.xml: property Company", "docProps/app.xml: property Manager"}},
		{"docx custom property", "DOCX", mt.DOCX(part("docProps/custom.xml", `<Properties><property fmtid="x" pid="2" name="Owner"><vt:lpwstr>Jane</vt:lpwstr></property></Properties>`)),
			[]string{"docProps/custom.xml: property property Owner"}},
		{"docx phone photo", "DOCX", mt.DOCX(mt.File{Name: "word/media/image1.jpeg", Data: mt.JPEGWithArtist()}), photo("word/media/image1.jpeg")},
		{"docx tracked change", "DOCX", mt.DOCX(mt.File{Name: "word/document.xml", Data: mt.TrackedChange}), []string{"word/document.xml: property w:author"}},
		{"docx comment", "DOCX", mt.DOCX(part("word/comments.xml", `<w:comments><w:comment w:id="0" w:author="Jane" w:initials="JE"><w:p/></w:comment></w:comments>`)),
			[]string{"word/comments.xml: property w:author", "word/comments.xml: property w:initials"}},
		{"docx template on a computer", "DOCX", mt.DOCX(part("word/_rels/settings.xml.rels", `<Relationships><Relationship Id="rId1" Type="t" Target="file:///C:\Users\jane\AppData\Roaming\Microsoft\Templates\Normal.dotm" TargetMode="External"/></Relationships>`)),
			[]string{"word/_rels/settings.xml.rels: property a link to a file on its author's computer"}},
		{"docx embedding a workbook", "DOCX", mt.DOCX(mt.File{Name: "word/embeddings/Book1.xlsx", Data: xlsx(part("xl/comments1.xml", "<comments><authors><author>Jane</author></authors></comments>"))}),
			[]string{"xl/comments1.xml in word/embeddings/Book1.xlsx: property author"}},
		{"xlsx saved in a user's folder", "XLSX", xlsx(part("xl/workbook.xml", `<workbook><x15ac:absPath url="C:\Users\jane\Documents\"/></workbook>`)), []string{"xl/workbook.xml: property the folder it was saved in"}},
		{"pptx comment author", "PPTX", mt.Zip(part("[Content_Types].xml", "<Types/>"), part("ppt/presentation.xml", "<p/>"), part("ppt/commentAuthors.xml", `<p:cmAuthorLst><p:cmAuthor id="1" name="Jane" initials="J"/></p:cmAuthorLst>`)),
			[]string{"ppt/commentAuthors.xml: property p:cmAuthor@name", "ppt/commentAuthors.xml: property initials"}},
		{"odt first author", "ODT", mt.ODT(mt.File{Name: "meta.xml", Data: mt.MetaXML("Jane Example", "")}), []string{"meta.xml: property meta:initial-creator"}},
		{"odt last author", "ODT", mt.ODT(mt.File{Name: "meta.xml", Data: mt.MetaXML("", "Jane Example")}), []string{"meta.xml: property dc:creator"}},
		{"odt photo stored", "ODT", mt.ODT(mt.File{Name: "Pictures/1.jpg", Data: mt.JPEGWithArtist(), Stored: true}), photo("Pictures/1.jpg")},
		{"odt comment", "ODT", mt.ODT(part("content.xml", `<office:document-content><office:annotation><dc:creator>Jane</dc:creator><text:p>x</text:p></office:annotation></office:document-content>`)), []string{"content.xml: property dc:creator"}},
		{"odt printer", "ODT", mt.ODT(part("settings.xml", `<config:config-item config:name="PrinterName" config:type="string">Jane's printer</config:config-item>`)), []string{"settings.xml: property PrinterName"}},
		{"epub author", "EPUB", mt.Zip(mt.File{Name: "mimetype", Data: []byte("application/epub+zip"), Stored: true}, part("OEBPS/content.opf", "<package><metadata><dc:creator>Jane</dc:creator></metadata></package>")),
			[]string{"OEBPS/content.opf: property dc:creator"}},
		{"zip of photos", "ZIP", mt.Zip(mt.File{Name: "photos/visit.jpg", Data: mt.JPEGWithArtist()}), photo("photos/visit.jpg")},
		{"clean docx", "DOCX", mt.DOCX(mt.File{Name: "word/media/image1.jpeg", Data: mt.JPEG()}), nil},
		{"clean odt", "ODT", mt.ODT(mt.File{Name: "Pictures/1.png", Data: mt.PNG(), Stored: true}), nil},
		{"docm", "DOCM", mt.DOCX(part("word/vbaProject.bin", "x")), nil},
	})
}
