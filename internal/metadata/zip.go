package metadata

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
)

var (
	zipLocal = []byte("PK\x03\x04") // an archive's first entry
	zipEmpty = []byte("PK\x05\x06") // an archive without entries
	// cfbSignature begins a compound file: Office 97-2003's .doc, .xls and
	// .ppt, the objects embedded in newer documents, Windows' Thumbs.db.
	cfbSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Limits of archives: how many entries one may list, and how many bytes
// its directory (which lists them) may take, read before any entry.
const (
	maxZipEntries   = 4096
	maxZipDirectory = 1<<20 + 70<<10 // and the end record, after up to 64 KB of comment
)

// errZipDirectory stops archive/zip reading a directory too large.
var errZipDirectory = errors.New("the archive's directory is too large")

// zipReaderAt gives archive/zip an archive's bytes. While it lists the
// entries (listing), it gives no more than maxZipDirectory bytes in all,
// so that a directory of a million entries is not made into a million
// records.
type zipReaderAt struct {
	b       []byte
	listing bool
	read    int
}

func (z *zipReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(z.b)) {
		return 0, io.EOF
	}
	if z.listing {
		if z.read += len(p); z.read > maxZipDirectory {
			return 0, errZipDirectory
		}
	}
	n := copy(p, z.b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// zip reads an archive: an office document, an EPUB or a plain zip. Its
// XML parts are read for the names of people (officeXML), and every entry
// of a known format is scanned as a file of its own. An archive built to
// exhaust a reader is refused before any entry is read.
func (s *scanner) zip(b []byte) {
	ra := &zipReaderAt{b: b, listing: true}
	zr, err := zip.NewReader(ra, int64(len(b)))
	ra.listing = false
	switch {
	case errors.Is(err, errZipDirectory):
		s.refuse(fmt.Sprintf("the archive's list of files is over %d KB (more than %d files, or names built to be long)", maxZipDirectory>>10, maxZipEntries))
		return
	case err != nil && !errors.Is(err, zip.ErrInsecurePath):
		s.refuse(fmt.Sprintf("the archive is damaged (%v)", err))
		return
	case len(zr.File) > maxZipEntries:
		s.refuse(fmt.Sprintf("the archive holds %d files, more than the %d a check reads", len(zr.File), maxZipEntries))
		return
	}
	if s.format == "ZIP" {
		s.format = zipFormat(zr, b)
	}
	if why := s.zipBomb(zr.File, len(b)); why != "" {
		s.refuse(why)
		return
	}
	for _, f := range zr.File {
		if s.refused() {
			return
		}
		s.zipEntry(f, b)
	}
}

// zipBomb says why an archive's entries are built as a zip bomb's, or
// "": their data claim more bytes than the archive has (they overlap), or
// they unpack to more than is left of MaxInflate.
func (s *scanner) zipBomb(files []*zip.File, size int) string {
	left := uint64(max(0, s.maxInflate-s.inflated))
	var packed, unpacked uint64 // neither overflows: each part is at most size or left
	for _, f := range files {
		c, u := f.CompressedSize64, f.UncompressedSize64
		if f.Method == zip.Store {
			u = 0 // read where it is
		}
		if c > uint64(size) || u > left {
			packed, unpacked = c, u
		} else {
			packed, unpacked = packed+c, unpacked+u
		}
		switch {
		case packed > uint64(size):
			return "its entries claim more data than the archive holds (they overlap, as a zip bomb's do)"
		case unpacked > left:
			return fmt.Sprintf("it unpacks to more than %d MB, more than a check reads", s.maxInflate>>20)
		}
	}
	return ""
}

// zipEntry scans one entry of an archive.
func (s *scanner) zipEntry(f *zip.File, b []byte) {
	if strings.HasSuffix(f.Name, "/") {
		return
	}
	name := cleanName(f.Name)
	if f.Flags&1 != 0 {
		s.unreadable(name + " is encrypted, so what it holds cannot be read")
		return
	}
	data, damage := s.zipData(f, b, name)
	switch strings.ToLower(path.Ext(f.Name)) {
	case ".xml", ".rels", ".opf", ".rdf":
		s.within(name, func() { s.officeXML(data) })
	default:
		s.inner(data, name)
	}
	if damage != nil && !s.refused() { // what could be read is read first
		s.refuse(fmt.Sprintf("the archive is damaged (%s: %v)", name, damage))
	}
}

// zipData returns an entry's bytes: those of the archive itself when it is
// stored as it is, or decompressed within MaxInflate, and what was wrong
// with them (as much as could be read is returned).
func (s *scanner) zipData(f *zip.File, b []byte, name string) ([]byte, error) {
	switch f.Method {
	case zip.Store:
		off, err := f.DataOffset()
		if err != nil || off < 0 || off > int64(len(b)) || f.CompressedSize64 > uint64(int64(len(b))-off) {
			return nil, errors.New("it lies outside the archive")
		}
		return b[off : off+int64(f.CompressedSize64)], nil
	case zip.Deflate:
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return s.take(rc, "the archive")
	}
	s.unreadable(fmt.Sprintf("%s is compressed in a way this check cannot read (method %d)", name, f.Method))
	return nil, nil
}

// errTooLarge ends a read past MaxInflate.
var errTooLarge = errors.New("too large")

// take reads what r gives, within what is left of MaxInflate; past it, the
// scan is refused, naming what was read.
func (s *scanner) take(r io.Reader, what string) ([]byte, error) {
	left := max(0, s.maxInflate-s.inflated)
	out, err := io.ReadAll(io.LimitReader(r, int64(left)+1))
	s.inflated += len(out)
	if len(out) > left {
		s.refuse(fmt.Sprintf("%s would decompress to more than %d MB, more than a check reads", what, s.maxInflate>>20))
		return nil, errTooLarge
	}
	return out, err
}

// odfFormats are the OpenDocument (and EPUB) formats by the media type
// their "mimetype" entry holds.
var odfFormats = map[string]string{
	"application/vnd.oasis.opendocument.text":         "ODT",
	"application/vnd.oasis.opendocument.spreadsheet":  "ODS",
	"application/vnd.oasis.opendocument.presentation": "ODP",
	"application/vnd.oasis.opendocument.graphics":     "ODG",
	"application/epub+zip":                            "EPUB",
}

// zipFormat tells an office document, and which, from a plain archive.
func zipFormat(zr *zip.Reader, b []byte) string {
	has := map[string]bool{}
	for _, f := range zr.File {
		has[f.Name] = true
		if f.Name == "mimetype" && f.Method == zip.Store {
			if off, err := f.DataOffset(); err == nil && off >= 0 && off < int64(len(b)) {
				mt := b[off:min(int64(len(b)), off+int64(min(f.CompressedSize64, 128)))]
				if format, ok := odfFormats[string(bytes.TrimSpace(mt))]; ok {
					return format
				}
			}
		}
	}
	if !has["[Content_Types].xml"] {
		return "ZIP"
	}
	for _, d := range []struct{ main, dir, format string }{
		{"word/document.xml", "word/", "DOC"},
		{"xl/workbook.xml", "xl/", "XLS"},
		{"ppt/presentation.xml", "ppt/", "PPT"},
	} {
		if has[d.main] {
			if has[d.dir+"vbaProject.bin"] {
				return d.format + "M" // with macros
			}
			return d.format + "X"
		}
	}
	return "OOXML"
}

// cfb notes a compound file, whose properties are not read.
func (s *scanner) cfb([]byte) {
	s.unreadable("a file in the format of Office 97-2003 (a .doc, .xls or .ppt, or an object embedded in a document) cannot be read by this check")
}

// cleanName makes a name read from a file fit for a message: valid UTF-8,
// without control or direction characters, at most 100 bytes.
func cleanName(n string) string {
	n = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == unicode.ReplacementChar {
			return '?'
		}
		return r
	}, strings.ToValidUTF8(n, "?"))
	if len(n) > 100 {
		cut := 100
		for cut > 0 && !isRuneStart(n[cut]) {
			cut--
		}
		n = n[:cut] + "…"
	}
	return n
}

func isRuneStart(c byte) bool { return c&0xC0 != 0x80 }
