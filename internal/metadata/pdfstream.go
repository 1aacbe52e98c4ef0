package metadata

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"io"
	"strings"

	"golang.org/x/image/tiff/lzw"
)

// Limits of reading the streams of PDFs, for one scan.
const (
	maxPDFDecodes = 4096      // streams decoded whole
	maxPDFSearch  = 256 << 20 // bytes decompressed to look into streams
	maxInline     = 64        // JPEGs drawn inline read
)

// pdfCodecs are the filters that decode an image, and the format of what
// they decode: a stream's bytes before them are a file of that format,
// or, for "", pixels.
var pdfCodecs = map[string]string{
	"DCTDecode": "JPEG", "DCT": "JPEG", "JPXDecode": "JPEG 2000",
	"JBIG2Decode": "", "CCITTFaxDecode": "", "CCF": "",
}

// pdfFilters returns a stream's filters, in the order they apply.
func pdfFilters(dict pdfVal) []string {
	f := dict.get("Filter")
	switch f.kind {
	case 'n':
		return []string{f.s}
	case 'a':
		var out []string
		for _, it := range f.items {
			if it.kind == 'n' {
				out = append(out, it.s)
			}
		}
		return out
	}
	return nil
}

// pdfStreamRead reads a stream of a PDF: the file of an image (JPEG or
// JPEG 2000) after the filters before its codec, an attachment, or any
// other stream that may hold a file (pdfLook). Images of pixels (with
// Flate alone, JBIG2 or fax compression) hold nothing else.
func (s *scanner) pdfStreamRead(d *pdfDoc, st pdfStream) {
	filters := pdfFilters(st.dict)
	codec, isCodec := "", false
	if n := len(filters); n > 0 {
		if codec, isCodec = pdfCodecs[filters[n-1]]; isCodec {
			filters = filters[:n-1]
		}
	}
	switch {
	case isCodec && codec == "":
	case isCodec:
		if data, ok := s.pdfDecode(st.data, filters, "an image"); ok {
			s.inner(data, d.label(st.obj, "an image"))
		}
	case st.dict.get("Type").s == "EmbeddedFile":
		if data, ok := s.pdfDecode(st.data, filters, "an attachment"); ok {
			s.inner(data, d.label(st.obj, "an attachment"))
		}
	case st.dict.get("Subtype").s == "Image":
	default:
		s.pdfLook(d, st, filters)
	}
}

// pdfDecode decodes a stream's bytes through filters, within MaxInflate;
// what names the stream for a message.
func (s *scanner) pdfDecode(data []byte, filters []string, what string) ([]byte, bool) {
	if len(filters) == 0 {
		return data, true
	}
	if s.pdfDecoded >= maxPDFDecodes {
		s.unreadable("the PDF has too many compressed images and files to read them all")
		return nil, false
	}
	s.pdfDecoded++
	r, err := pdfReader(bytes.NewReader(data), filters)
	if errors.Is(err, errFilter) {
		s.unreadable(what + " of the PDF is compressed in a way this check cannot read")
		return nil, false
	}
	var out []byte
	if err == nil {
		out, err = s.take(r, "the PDF's streams")
	}
	switch {
	case errors.Is(err, errTooLarge):
		return nil, false
	case err != nil:
		s.unreadable(what + " of the PDF could not be decompressed")
	}
	return out, len(out) > 0
}

// pdfLook looks into a stream that is neither an image nor an attachment,
// as it is or compressed with Flate alone: for a file of a known format at
// its beginning (a file hidden in a stream) and, in the content of a page
// or a drawing, for JPEGs drawn inline (an image's bytes written among
// the drawing's operators).
func (s *scanner) pdfLook(d *pdfDoc, st pdfStream, filters []string) {
	if len(filters) > 1 || len(filters) == 1 && filters[0] != "FlateDecode" && filters[0] != "Fl" {
		return
	}
	typ, sub := st.dict.get("Type"), st.dict.get("Subtype")
	content := typ.kind == 0 && sub.kind == 0 || sub.s == "Form"
	file, inline := s.pdfSearch(st.data, len(filters) == 1, content)
	if !file && !inline {
		return
	}
	data, ok := s.pdfDecode(st.data, filters, "a stream")
	if !ok {
		return
	}
	label := d.label(st.obj, "a stream")
	if file {
		s.inner(data, label)
	}
	if !inline {
		return
	}
	where := "an inline image in " + label
	if strings.HasPrefix(label, "page ") {
		where = "an inline image on " + label
	}
	for i := 0; s.pdfInline < maxInline; i++ {
		at := bytes.Index(data[i:], jpegSOI)
		if at < 0 {
			return
		}
		i += at
		s.pdfInline++
		s.inner(data[i:], where)
	}
}

var jpegSOI = []byte{0xFF, 0xD8, 0xFF}

// pdfSearch reads a stream's bytes (inflating them when flate is set) and
// reports whether they begin with a file of a known format, and, when
// content is set, whether they hold a JPEG. It keeps no more than a
// buffer of what it reads, and reads no more than maxPDFSearch in all.
func (s *scanner) pdfSearch(data []byte, flate, content bool) (file, jpeg bool) {
	var r io.Reader = bytes.NewReader(data)
	if flate {
		zr, err := s.zlibReader(r)
		if err != nil {
			return false, false
		}
		r = zr
	}
	if s.buf == nil {
		s.buf = make([]byte, 32<<10)
	}
	buf := s.buf
	carry := 0 // bytes kept from the last read, for a marker across reads
	for first := true; ; first = false {
		n, err := io.ReadFull(r, buf[carry:])
		n += carry
		if s.pdfLooked += n - carry; s.pdfLooked > maxPDFSearch {
			s.unreadable("the PDF's pages are too large to look through for pictures drawn in them")
			return file, false
		}
		if first {
			_, read := formatOf(buf[:n])
			file = read != nil
			if !content {
				return file, false
			}
		}
		if bytes.Contains(buf[:n], jpegSOI) {
			return file, true
		}
		if err != nil {
			return file, false
		}
		carry = copy(buf, buf[n-2:n])
	}
}

// zlibReader returns a zlib reader of r: the scan's own, reset.
func (s *scanner) zlibReader(r io.Reader) (io.Reader, error) {
	if s.zlib == nil {
		zr, err := zlib.NewReader(r)
		if err == nil {
			s.zlib = zr
		}
		return zr, err
	}
	return s.zlib, s.zlib.(zlib.Resetter).Reset(r, nil)
}

// errFilter is a filter this check does not know.
var errFilter = errors.New("unknown filter")

// pdfReader decodes r through PDF filters, in turn.
func pdfReader(r io.Reader, filters []string) (io.Reader, error) {
	for _, f := range filters {
		switch f {
		case "FlateDecode", "Fl":
			zr, err := zlib.NewReader(r)
			if err != nil {
				return nil, err
			}
			r = zr
		case "ASCIIHexDecode", "AHx":
			r = &hexReader{r: bufio.NewReader(r)}
		case "ASCII85Decode", "A85":
			r = ascii85.NewDecoder(&a85Reader{r: bufio.NewReader(r)})
		case "LZWDecode", "LZW":
			r = lzw.NewReader(r, lzw.MSB, 8)
		case "RunLengthDecode", "RL":
			r = &runLengthReader{r: bufio.NewReader(r)}
		default:
			return nil, errFilter
		}
	}
	return r, nil
}

// hexReader decodes ASCIIHexDecode: pairs of hexadecimal digits, blanks
// between them, up to '>'.
type hexReader struct {
	r    *bufio.Reader
	done bool
}

func (h *hexReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		hi, ok := h.digit()
		if !ok {
			break
		}
		lo, _ := h.digit() // an odd last digit is followed by 0
		p[n] = hi<<4 | lo
		n++
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (h *hexReader) digit() (byte, bool) {
	for !h.done {
		c, err := h.r.ReadByte()
		if err != nil || c == '>' {
			h.done = true
			break
		}
		if isHex(c) {
			return unhex(c), true
		}
	}
	return 0, false
}

// a85Reader gives ascii85's decoder the characters of an ASCII85Decode
// stream: after "<~", if it begins so, and up to "~>".
type a85Reader struct {
	r             *bufio.Reader
	started, done bool
}

func (a *a85Reader) Read(p []byte) (int, error) {
	if !a.started {
		a.started = true
		if b, _ := a.r.Peek(2); string(b) == "<~" {
			a.r.Discard(2)
		}
	}
	n := 0
	for n < len(p) && !a.done {
		c, err := a.r.ReadByte()
		if err != nil || c == '~' {
			a.done = true
			break
		}
		p[n] = c
		n++
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// runLengthReader decodes RunLengthDecode: a length byte, then as many
// bytes plus one (below 128) or one byte 257 minus it times (above), up
// to 128.
type runLengthReader struct {
	r        *bufio.Reader
	lit, rep int
	b        byte
	done     bool
}

func (l *runLengthReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && !l.done {
		switch {
		case l.lit > 0:
			c, err := l.r.ReadByte()
			if err != nil {
				l.done = true
				break
			}
			p[n] = c
			n++
			l.lit--
		case l.rep > 0:
			p[n] = l.b
			n++
			l.rep--
		default:
			c, err := l.r.ReadByte()
			switch {
			case err != nil || c == 128:
				l.done = true
			case c < 128:
				l.lit = int(c) + 1
			default:
				b, err := l.r.ReadByte()
				l.b, l.rep, l.done = b, 257-int(c), err != nil
			}
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}
