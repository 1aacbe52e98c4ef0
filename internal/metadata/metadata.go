// Package metadata finds what a published file says about the people who
// made it and the places it was made: the EXIF, GPS, XMP and IPTC of
// photos, the comments and text of images, and the document properties of
// PDFs.
//
// Scan reads a file's bytes, recognises its format by its first bytes (not
// by its name), walks its structure and returns a Report of what it found.
// It knows JPEG (and the images phones append to it), PNG, WebP, GIF,
// TIFF, HEIC and AVIF (ISO-BMFF, and the location and XMP of MP4 and MOV
// videos, which share it), the PNGs inside an ICO, and PDF;
// any other file has no Findings. A finding is Personal when it may say who
// made the file, or where and when: EXIF (of which GPS is the worst), XMP,
// IPTC, a PNG's Author text, a PDF's Author or Creator, or its XMP stream.
// Comments, a PDF's Title and Producer and the like are reported but not
// personal.
//
// Scanning is bounded: every length a file claims is checked against the
// bytes there are before it is used, nothing is allocated in proportion to
// a claimed length, every loop advances, and the whole scan is linear in
// the file's size. The only bytes made are those of a PDF's compressed
// object streams, which are decompressed up to MaxInflate in all. Scan
// never panics, whatever the bytes.
package metadata

import (
	"bytes"
	"slices"
	"strings"
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
	// Personal is set when the metadata may say who made the file, where
	// or when.
	Personal bool
}

// Report is what Scan found in one file.
type Report struct {
	// Format is the format recognised: "JPEG", "PNG", "WebP", "GIF",
	// "TIFF", "HEIF" (HEIC and AVIF), "MP4" (other ISO-BMFF files, videos),
	// "ICO", "PDF", or "" for any other file.
	Format   string
	Findings []Finding
	// Unreadable, when set, says why part of the file could not be read,
	// so that metadata may be there unseen: "the PDF is encrypted".
	Unreadable string
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

// Scan reports the metadata in a file's bytes.
func Scan(data []byte) Report { return scan(data, MaxInflate) }

// scan is Scan with a limit on what PDF object streams may inflate to.
func scan(data []byte, maxInflate int) Report {
	s := &scanner{maxInflate: maxInflate}
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		s.r.Format = "JPEG"
		s.jpeg(data)
	case bytes.HasPrefix(data, pngSignature):
		s.r.Format = "PNG"
		s.png(data)
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		s.r.Format = "WebP"
		s.webp(data[12:])
	case bytes.HasPrefix(data, []byte("GIF87a")) || bytes.HasPrefix(data, []byte("GIF89a")):
		s.r.Format = "GIF"
		s.gif(data)
	case bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*")):
		s.r.Format = "TIFF"
		s.tiffFile(data)
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		s.r.Format = "HEIF"
		s.bmff(data)
	case len(data) >= 6 && string(data[:4]) == "\x00\x00\x01\x00" && le16(data, 4) > 0:
		s.r.Format = "ICO"
		s.ico(data)
	case isPDF(data):
		s.r.Format = "PDF"
		s.pdf(data)
	}
	return s.r
}

// maxFindings is how many findings a report holds before it takes only
// the first of each kind: enough to say what a file carries, and few
// enough that recording one is quick.
const maxFindings = 32

// scanner gathers the findings of one scan.
type scanner struct {
	r          Report
	inflated   int // bytes decompressed so far (PDF object streams)
	maxInflate int // the most that may be
	objStreams int // PDF object streams decompressed so far
}

func (s *scanner) add(k Kind, detail string, personal bool) {
	full := len(s.r.Findings) >= maxFindings
	for _, f := range s.r.Findings {
		if f.Kind == k && (f.Detail == detail || full) {
			return
		}
	}
	s.r.Findings = append(s.r.Findings, Finding{Kind: k, Detail: detail, Personal: personal})
}

func (s *scanner) unreadable(why string) {
	if s.r.Unreadable == "" {
		s.r.Unreadable = why
	}
}

// be16, be32, le16 and le32 read integers, or 0 past the end.
func be16(b []byte, i int) int {
	if i < 0 || i+2 > len(b) {
		return 0
	}
	return int(b[i])<<8 | int(b[i+1])
}

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
