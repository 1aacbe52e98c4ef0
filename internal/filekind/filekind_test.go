package filekind

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/site"
)

var update = flag.Bool("update", false, "rewrite the documentation's table of the kinds of files")

// The page of the documentation that holds the table of the kinds of
// files, and the markers around the table.
const (
	page       = "../../docs/reference/published-files.md"
	tableStart = "<!-- The table below is made from internal/filekind (go test ./internal/filekind -update). -->\n"
	tableEnd   = "<!-- End of the table. -->\n"
)

// TestDocumentedTableIsTheDeclaration: the documentation's table of what
// static/ may publish is Markdown(), made from Kinds.
func TestDocumentedTableIsTheDeclaration(t *testing.T) {
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	start, end := strings.Index(s, tableStart), strings.Index(s, tableEnd)
	if start < 0 || end < start {
		t.Fatalf("%s has no table between %q and %q", page, tableStart, tableEnd)
	}
	want := s[:start+len(tableStart)] + Markdown() + s[end:]
	if *update {
		if err := os.WriteFile(page, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != s {
		t.Errorf("the table of %s is not Markdown(): run go test ./internal/filekind -update", page)
	}
}

// TestPhotosAreWhatTheSiteReencodes: the kind re-encoded is what the
// site routes to the image pipeline (site.RasterExt), and nothing else.
func TestPhotosAreWhatTheSiteReencodes(t *testing.T) {
	for _, k := range Kinds {
		for _, ext := range k.Exts {
			if site.RasterExt("x"+ext) != (k.Handling == Reencoded) {
				t.Errorf("%s: re-encoded by the site %v, declared %v", ext, site.RasterExt("x"+ext), k.Handling)
			}
		}
	}
}

// TestEachNameHasOneKind: no extension or file name is declared twice,
// extensions are in lower case, and every kind says how to fix a file.
func TestEachNameHasOneKind(t *testing.T) {
	seen := map[string]string{}
	for _, k := range Kinds {
		for _, n := range append(slices.Clone(k.Exts), k.Files...) {
			if other, ok := seen[n]; ok {
				t.Errorf("%s is both %s and %s", n, other, k.Name)
			}
			seen[n] = k.Name
		}
		for _, e := range k.Exts {
			if e != strings.ToLower(e) || !strings.HasPrefix(e, ".") {
				t.Errorf("%s: extension %q", k.Name, e)
			}
		}
		if k.Fix == "" && (k.Handling == Refused || k.Handling == Scanned) {
			t.Errorf("%s: no fix", k.Name)
		}
	}
}

func TestCheckGoesByNameAndBytes(t *testing.T) {
	for _, tt := range []struct {
		name, format, data string
		want               string // what the problem says; "" for none
	}{
		{"static/docs/report.pdf", "PDF", "%PDF-1.7", ""},
		{"static/docs/REPORT.PDF", "PDF", "%PDF-1.7", ""},
		{"static/forms/apply.docx", "DOCX", "PK", ""},
		{"static/forms/apply.odt", "ODT", "PK", ""},
		{"static/css/site.css", "", "body { color: #123 }", ""},
		{"static/data/partners.json", "", "\xEF\xBB\xBF{\"ar\": \"جامعة\"}", ""},
		{"static/CNAME", "", "www.example.org\n", ""},
		{"static/fonts/cairo.woff2", "", "wOF2\x00\x01", ""},
		{"static/images/anim.gif", "GIF", "GIF89a", ""},
		{"static/files/tool.exe", "", "MZ", "files of this kind (.exe) are not published: the site publishes photos (.jpg .jpeg .png .webp), SVG pictures (.svg)"},
		{"static/LICENSE", "", "text", "files without an extension are not published"},
		{"static/docs/old.doc", "CFB", "\xD0\xCF", "Office 97-2003 documents, and those of other programs are not published: open it, remove personal information (in Word"},
		{"static/forms/apply.docm", "DOCM", "PK", "documents with macros, and templates are not published"},
		{"static/files/photos.zip", "ZIP", "PK", "archives and e-books are not published: publish the files it holds one by one"},
		{"static/files/book.epub", "EPUB", "PK", "archives and e-books are not published"},
		{"static/images/scan.tiff", "TIFF", "II*\x00", "other pictures are not published: convert it to JPEG"},
		{"static/images/visit.heic", "HEIF", "", "other pictures are not published"},
		{"static/images/logo.svgz", "", "\x1f\x8b", "compressed SVG pictures are not published: save it as a plain .svg (Inkscape: File > Save As, type Plain SVG, or gunzip -S .svgz static/images/logo.svgz)"},
		{"static/files/visit.mov", "MP4", "", "other videos, and sound are not published: export it as an MP4 video"},
		{"static/google123.html", "", "<html>", "web pages are not published: write the page in Markdown under content/"},
		{"static/images/Thumbs.db", "CFB", "\xD0\xCF", "files the computer makes in folders are not published: delete it"},
		{"static/docs/report.pdf", "JPEG", "\xFF\xD8\xFF", "the file's name says it is one of the PDF documents, but it holds a file of the format JPEG: export it again as what its name says, or give it the extension of what it is"},
		{"static/forms/apply.docx", "DOCM", "PK", "it holds a file of the format DOCM"},
		{"static/files/notes.txt", "PDF", "%PDF-1.4", "the file's name says it is one of the text, styles, scripts and data, but it holds a file of the format PDF"},
		{"static/files/notes.txt", "", "\xC7\xE1\xE3\xD3\xC7\xC1", "it is not text in UTF-8 (save it again as UTF-8 text)"},
		{"static/files/notes.txt", "", "a\x00b", "it is not text in UTF-8"},
		{"static/fonts/cairo.woff2", "", "<html>", "the file's name says it is one of the fonts, but its bytes are of no kind the site publishes"},
		{"static/docs/report.pdf", "", "hello", "its bytes are of no kind the site publishes"},
	} {
		_, got := Check(tt.name, []byte(tt.data), tt.format)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("Check(%s, %q) = %q, want %q", tt.name, tt.format, got, tt.want)
		}
	}
}

func TestFixSaysWhatToDoAboutWhatIsInside(t *testing.T) {
	if f := Fix("PDF", "static/a.pdf"); !strings.Contains(f, "qpdf --empty --pages static/a.pdf") || strings.Contains(f, "photo") {
		t.Errorf("PDF: %s", f)
	}
	if f := Inside("PDF", "static/a.pdf"); !strings.Contains(f, "exiftool -all= photo.jpg") {
		t.Errorf("PDF with photos: %s", f)
	}
	if f := Fix("DOCX", "static/a.docx"); !strings.Contains(f, "Inspect Document") {
		t.Errorf("DOCX: %s", f)
	}
	if f := Inside("DOCX", "static/a.docx"); !strings.Contains(f, "tracked changes") {
		t.Errorf("DOCX inside: %s", f)
	}
	if f := Inside("GIF", "static/a.gif"); f != Fix("GIF", "static/a.gif") {
		t.Errorf("GIF inside: %s", f)
	}
	if f := Fix("", "static/a.bin"); !strings.Contains(f, "exiftool -all= static/a.bin") {
		t.Errorf("unknown: %s", f)
	}
}
