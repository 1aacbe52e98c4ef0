// Package metadata finds what a published file says about the people who
// made it and the places it was made: the EXIF, GPS, XMP and IPTC of
// photos, the comments and text of images, the document properties of
// PDFs and office documents, and the same in every file they hold.
//
// Scan reads a file's bytes, recognises its format by its first bytes (not
// by its name), walks its structure and returns a Report of what it found.
// The segments of JPEGs, the chunks of PNGs and WebPs and the directories
// of TIFF structures (TIFF files, EXIF blocks) are walked by package
// imagefile, which the photo pipeline shares.
// It knows JPEG (and the images phones append to it), PNG, WebP, GIF,
// TIFF, HEIC and AVIF (ISO-BMFF, and the location, XMP and authors of MP4
// and MOV videos, which share it), JPEG 2000, the PNGs inside an ICO, PDF,
// and zip archives: office documents (Word, Excel and PowerPoint's .docx,
// .xlsx and .pptx; OpenDocument's .odt, .ods and .odp), EPUB and plain
// zips. Any other file has no Findings.
//
// Files inside files are scanned as files of their own, and a finding says
// where it is (Finding.Where): the images of a PDF (JPEG and JPEG 2000
// streams, through any chain of filters; JPEGs drawn inline in a page),
// its attachments, and any stream that holds a file of a known format; the
// parts of an office document or archive (its pictures, embedded
// documents), to a depth of maxDepth.
//
// A finding is Personal when it may say who made the file, or where and
// when: EXIF (of which GPS is the worst), XMP, IPTC, a PNG's Author text,
// a PDF's Author or Creator or the author of one of its comments, an
// office document's creator, last author, company or manager, the authors
// of its comments and tracked changes, or a path on its author's computer.
// Comments, a PDF's Title and Producer and the like are reported but not
// personal.
//
// Scanning is bounded: every length a file claims is checked against the
// bytes there are before it is used, nothing is allocated in proportion to
// a claimed length, every loop advances, and the whole scan is linear in
// the file's size. The only bytes made are those decompressed (a PDF's
// compressed streams, an archive's entries), up to MaxInflate in all for
// one scan; a file that would need more, or that is built as zip bombs
// are (entries that overlap, too many of them, files nested too deep), is
// Refused without being read further. Scan never panics, whatever the
// bytes.
package metadata

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/alaqsa-ira/site/internal/imagefile"
)

// Kind is a kind of metadata.
type Kind string

// The kinds of metadata.
const (
	GPS      Kind = "GPS"      // a position: EXIF's GPS directory
	EXIF     Kind = "EXIF"     // camera, date, owner, thumbnails
	XMP      Kind = "XMP"      // Adobe's XML metadata: creator, tool, history, location
	IPTC     Kind = "IPTC"     // press captions: by-line, city, keywords
	Comment  Kind = "comment"  // a comment or text an editing program left
	Property Kind = "property" // a document property, or a text keyword such as Author
)

// Finding is one piece of metadata in a file.
type Finding struct {
	Kind Kind
	// Detail names where it is: "APP1 Exif", "tEXt Author", "/Author".
	Detail string
	// Where names the part of the file that holds it, for a file that
	// holds others: "image 2 on page 1", "the attachment visit.jpg",
	// "word/media/image1.jpeg in the attachment a.docx"; "" for the file
	// itself.
	Where string
	// Held is set when it is in a file the scanned one holds (a photo put
	// in a document, an attachment), rather than in the scanned file's own
	// structure (its properties, a part of an office document).
	Held bool
	// Personal is set when the metadata may say who made the file, where
	// or when.
	Personal bool
}

// Report is what Scan found in one file.
type Report struct {
	// Format is the format recognised: "JPEG", "PNG", "WebP", "GIF",
	// "TIFF", "HEIF" (HEIC), "AVIF", "MP4" (other ISO-BMFF files, videos),
	// "JPEG 2000", "ICO", "PDF", an archive ("DOCX", "XLSX", "PPTX",
	// "DOCM", "XLSM", "PPTM" (with macros), "OOXML" (another Office Open
	// XML file), "ODT", "ODS", "ODP", "ODG", "EPUB", "ZIP"),
	// "CFB" (Office 97-2003 files, which are not read), or "" for any
	// other file.
	Format   string
	Findings []Finding
	// Unreadable, when set, says why part of the file could not be read,
	// so that metadata may be there unseen: "the PDF is encrypted".
	Unreadable string
	// Refused, when set, says why the file was not read whole: it would
	// take more than a scan may (MaxInflate decompressed, maxZipEntries
	// entries, maxDepth files inside files), or its entries overlap as zip
	// bombs' do. Nothing can be said of what it holds.
	Refused string
}

// Personal returns the personal findings.
func (r Report) Personal() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Personal {
			out = append(out, f)
		}
	}
	return out
}

// Kinds says what the findings are, for a message: "GPS and EXIF
// metadata", "the properties /Author and /Creator", "XMP metadata and the
// properties /Author". Comments are left out.
func Kinds(fs []Finding) string {
	var ks []string
	for _, k := range []Kind{GPS, EXIF, XMP, IPTC} {
		if slices.ContainsFunc(fs, func(f Finding) bool { return f.Kind == k }) {
			ks = append(ks, string(k))
		}
	}
	var parts []string
	if len(ks) > 0 {
		parts = append(parts, and(ks)+" metadata")
	}
	if ps := details(fs, Property); len(ps) > 0 {
		parts = append(parts, "the properties "+and(ps))
	}
	return and(parts)
}

// and joins words as a sentence does: "a", "a and b", "a, b and c".
func and(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

func details(fs []Finding, k Kind) []string {
	var ds []string
	for _, f := range fs {
		if f.Kind == k && !slices.Contains(ds, f.Detail) {
			ds = append(ds, f.Detail)
		}
	}
	return ds
}

// maxPlaces is how many parts of a file Describe names.
const maxPlaces = 4

// Describe says what the findings are and where, for a message: Kinds of
// those of the file itself, then of each part of it that holds some (those
// with a GPS position first), as "GPS and EXIF metadata and the properties
// Artist in image 1 on page 2", joined by "; ". It names maxPlaces parts
// at most, and counts the others.
func Describe(fs []Finding) string {
	var wheres []string
	gps := map[string]bool{}
	for _, f := range fs {
		if !slices.Contains(wheres, f.Where) && Kinds([]Finding{f}) != "" {
			wheres = append(wheres, f.Where)
		}
		gps[f.Where] = gps[f.Where] || f.Kind == GPS
	}
	slices.SortStableFunc(wheres, func(a, b string) int {
		if c := cmpBool(a != "", b != ""); c != 0 { // the file itself first
			return c
		}
		return cmpBool(!gps[a], !gps[b])
	})
	var parts []string
	for i, w := range wheres {
		if i == maxPlaces {
			parts = append(parts, fmt.Sprintf("and more in %d other parts of it", len(wheres)-i))
			break
		}
		what := Kinds(slices.DeleteFunc(slices.Clone(fs), func(f Finding) bool { return f.Where != w }))
		if w != "" {
			what += " in " + w
		}
		parts = append(parts, what)
	}
	return strings.Join(parts, "; ")
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Scan reports the metadata in a file's bytes.
func Scan(data []byte) Report { return scan(data, MaxInflate) }

// scan is Scan with a limit on what may be decompressed.
func scan(data []byte, maxInflate int) Report {
	s := &scanner{maxInflate: maxInflate}
	if name, read := formatOf(data); read != nil {
		s.format = name
		read(s, data)
		s.r.Format = s.format
	}
	return s.r
}

// formatOf recognises a file's format by its first bytes, and returns its
// name and the scanner's reader of it, or nil.
func formatOf(data []byte) (string, func(*scanner, []byte)) {
	switch {
	case imagefile.IsJPEG(data):
		return "JPEG", (*scanner).jpeg
	case imagefile.IsPNG(data):
		return "PNG", (*scanner).png
	case imagefile.IsWebP(data):
		return "WebP", (*scanner).webp
	case bytes.HasPrefix(data, []byte("GIF87a")) || bytes.HasPrefix(data, []byte("GIF89a")):
		return "GIF", (*scanner).gif
	case imagefile.IsTIFF(data):
		return "TIFF", (*scanner).tiffFile
	case bytes.HasPrefix(data, jp2Signature):
		return "JPEG 2000", (*scanner).jp2
	case bytes.HasPrefix(data, j2kSignature):
		return "JPEG 2000", nil
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return "HEIF", (*scanner).bmff
	case len(data) >= 6 && string(data[:4]) == "\x00\x00\x01\x00" && le16(data, 4) > 0:
		return "ICO", (*scanner).ico
	case bytes.HasPrefix(data, zipLocal) || bytes.HasPrefix(data, zipEmpty):
		return "ZIP", (*scanner).zip
	case bytes.HasPrefix(data, cfbSignature):
		return "CFB", (*scanner).cfb
	case isPDF(data):
		return "PDF", (*scanner).pdf
	}
	return "", nil
}

// maxDepth is how deep files inside files are scanned: a picture in a
// document attached to a PDF is 2 deep.
const maxDepth = 4

// inner scans a file held in the one being scanned (an image of a PDF, a
// part of an office document), whose findings are then where it is.
func (s *scanner) inner(data []byte, where string) {
	name, read := formatOf(data)
	if read == nil {
		return
	}
	if s.depth >= maxDepth {
		s.refuse(fmt.Sprintf("it holds files inside files more than %d deep (%s)", maxDepth, s.at(where)))
		return
	}
	format, outer := s.format, s.where
	s.format, s.where = name, s.at(where)
	s.depth++
	read(s, data)
	s.depth--
	s.format, s.where = format, outer
}

// within runs fn with the findings in a part of the part being scanned.
func (s *scanner) within(where string, fn func()) {
	outer := s.where
	s.where = s.at(where)
	fn()
	s.where = outer
}

// at names a part of the part being scanned: "word/media/image1.jpeg in
// the attachment a.docx".
func (s *scanner) at(where string) string {
	switch {
	case s.where == "":
		return where
	case where == "":
		return s.where
	}
	return where + " in " + s.where
}

// maxFindings is how many findings a report holds before it takes only
// the first of each kind: enough to say what a file carries, and few
// enough that recording one is quick.
const maxFindings = 32

// scanner gathers the findings of one scan.
type scanner struct {
	r          Report
	format     string    // the format of the file being read (the scanned file, or one inside it)
	where      string    // where that file is in the scanned one, "" for itself
	depth      int       // how many files hold it
	inflated   int       // bytes decompressed so far
	maxInflate int       // the most that may be
	objStreams int       // PDF object streams decompressed so far
	pdfDecoded int       // PDF streams decoded whole so far
	pdfLooked  int       // bytes of PDF streams decompressed to look into them
	pdfInline  int       // JPEGs drawn inline in PDFs read so far
	zlib       io.Reader // a zlib reader to reset, for looking into streams
	buf        []byte    // a buffer to read streams into, for looking into them
}

func (s *scanner) add(k Kind, detail string, personal bool) {
	full := len(s.r.Findings) >= maxFindings
	for _, f := range s.r.Findings {
		if f.Kind == k && (f.Detail == detail && f.Where == s.where || full) {
			return
		}
	}
	s.r.Findings = append(s.r.Findings, Finding{Kind: k, Detail: detail, Where: s.where, Held: s.depth > 0, Personal: personal})
}

// unreadable records why part of the file could not be read (the first
// reason only).
func (s *scanner) unreadable(why string) {
	if s.r.Unreadable == "" {
		if s.where != "" {
			why = "in " + s.where + ", " + why
		}
		s.r.Unreadable = why
	}
}

// refuse records why the file is not read further (the first reason
// only).
func (s *scanner) refuse(why string) {
	if s.r.Refused == "" {
		s.r.Refused = why
	}
}

// refused reports whether the scan has stopped.
func (s *scanner) refused() bool { return s.r.Refused != "" }

// be32, le16 and le32 read integers, or 0 past the end.
func be32(b []byte, i int) int {
	if i < 0 || i+4 > len(b) {
		return 0
	}
	return int(b[i])<<24 | int(b[i+1])<<16 | int(b[i+2])<<8 | int(b[i+3])
}

func le16(b []byte, i int) int {
	if i < 0 || i+2 > len(b) {
		return 0
	}
	return int(b[i]) | int(b[i+1])<<8
}

func le32(b []byte, i int) int {
	if i < 0 || i+4 > len(b) {
		return 0
	}
	return int(b[i]) | int(b[i+1])<<8 | int(b[i+2])<<16 | int(b[i+3])<<24
}
