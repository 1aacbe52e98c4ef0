package metadata

import (
	"bytes"
	"compress/zlib"
	"io"
)

// MaxInflate is how many bytes of a PDF's compressed object streams Scan
// decompresses, in all; a PDF with more is reported Unreadable.
const MaxInflate = 32 << 20

// maxObjStreams is how many object streams Scan decompresses; a PDF with
// more is reported Unreadable.
const maxObjStreams = 4096

// pdfKeys are the document properties (keys of the Info dictionary), and
// whether each may name a person.
var pdfKeys = map[string]bool{
	"Author": true, "Creator": true, "Company": true, "Manager": true,
	"Title": false, "Subject": false, "Keywords": false, "Producer": false,
}

// isPDF reports a PDF: its header, "%PDF-" and a version such as 1.7,
// is in its first kilobyte (where readers look for it).
func isPDF(b []byte) bool {
	head := b[:min(len(b), 1024)]
	for {
		i := bytes.Index(head, []byte("%PDF-"))
		if i < 0 {
			return false
		}
		v := head[i+5:]
		if len(v) >= 2 && v[0] >= '1' && v[0] <= '9' && v[1] == '.' {
			return true
		}
		head = head[i+5:]
	}
}

// pdf scans a PDF's objects for the document properties with a value,
// XMP metadata streams, and encryption. Streams are skipped, except object
// streams, which hold objects and are decompressed and scanned in turn.
func (s *scanner) pdf(b []byte) {
	s.pdfObjects(b, true)
}

// pdfState is what the tokens of the current object said so far.
type pdfState struct {
	key                  string // a property key whose value comes next
	objStm, flate, other bool   // an object stream; its filters
}

func (s *scanner) pdfObjects(b []byte, top bool) {
	var st pdfState
	i := 0
	for i < len(b) {
		c := b[i]
		switch {
		case isPDFSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			end, filled := pdfLiteral(b, i)
			s.pdfValue(&st, filled)
			i = end
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			st.key = ""
			i += 2
		case c == '<':
			end, filled := pdfHex(b, i)
			s.pdfValue(&st, filled)
			i = end
		case c == '/':
			name, end := pdfName(b, i+1)
			i = end
			s.pdfName(&st, name)
		case isPDFDelim(c):
			st.key = ""
			i++
		default:
			start := i
			for i < len(b) && !isPDFSpace(b[i]) && !isPDFDelim(b[i]) {
				i++
			}
			switch word := string(b[start:i]); {
			case word == "stream":
				i = s.pdfStream(b, i, &st, top)
				st = pdfState{}
			case word == "obj" || word == "endobj":
				st = pdfState{}
			case st.key != "" && (word[0] >= '0' && word[0] <= '9'):
				// An indirect reference (12 0 R): the value is elsewhere,
				// and counts as set.
				s.pdfValue(&st, true)
			default:
				st.key = ""
			}
		}
	}
}

// pdfValue records the property whose value was just read.
func (s *scanner) pdfValue(st *pdfState, filled bool) {
	if st.key != "" && filled {
		s.add(Property, "/"+st.key, pdfKeys[st.key])
	}
	st.key = ""
}

func (s *scanner) pdfName(st *pdfState, name string) {
	st.key = ""
	if _, ok := pdfKeys[name]; ok {
		st.key = name
		return
	}
	switch name {
	case "ObjStm":
		st.objStm = true
	case "FlateDecode", "Fl":
		st.flate = true
	case "LZWDecode", "LZW", "ASCII85Decode", "A85", "ASCIIHexDecode", "AHx", "RunLengthDecode", "RL", "Crypt", "JBIG2Decode", "DCTDecode", "JPXDecode", "CCITTFaxDecode":
		st.other = true
	case "Metadata":
		s.add(XMP, "XMP metadata stream", true)
	case "Encrypt":
		s.unreadable("the PDF is encrypted, so its document properties cannot be read")
	}
}

// pdfStream skips the stream whose keyword ends at i, scanning it first
// when it is an object stream, and returns the index after "endstream".
func (s *scanner) pdfStream(b []byte, i int, st *pdfState, top bool) int {
	if i < len(b) && b[i] == '\r' {
		i++
	}
	if i < len(b) && b[i] == '\n' {
		i++
	}
	if st.objStm && top {
		switch {
		case s.objStreams >= maxObjStreams:
			s.unreadable("the PDF has too many object streams to read")
		case st.flate && !st.other:
			s.objStreams++
			s.pdfObjects(s.inflate(b[i:]), false)
		default:
			s.unreadable("an object stream of the PDF is compressed in a way this check cannot read")
		}
	}
	end := bytes.Index(b[i:], []byte("endstream"))
	if end < 0 {
		return len(b)
	}
	return i + end + len("endstream")
}

// inflate decompresses a zlib stream, within what is left of the limit.
func (s *scanner) inflate(b []byte) []byte {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		s.unreadable("an object stream of the PDF could not be decompressed")
		return nil
	}
	left := s.maxInflate - s.inflated
	out, err := io.ReadAll(io.LimitReader(zr, int64(left)+1))
	s.inflated += len(out)
	switch {
	case len(out) > left:
		s.unreadable("the PDF's object streams are too large to read")
		out = out[:left]
	case err != nil:
		s.unreadable("an object stream of the PDF could not be decompressed")
	}
	return out
}

// pdfLiteral reads the literal string at b[i] == '(' and returns the index
// after it and whether it holds more than blanks (or a byte-order mark).
func pdfLiteral(b []byte, i int) (end int, filled bool) {
	depth := 0
	n := 0 // decoded bytes
	note := func(c byte) {
		n++
		if !(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0) && !(n <= 2 && (c == 0xFE || c == 0xFF)) {
			filled = true
		}
	}
	for i < len(b) {
		c := b[i]
		i++
		switch c {
		case '(':
			depth++
			if depth == 1 {
				continue
			}
		case ')':
			depth--
			if depth == 0 {
				return i, filled
			}
		case '\\':
			if i >= len(b) {
				return i, filled
			}
			e := b[i]
			i++
			switch {
			case e >= '0' && e <= '7':
				v := int(e - '0')
				for k := 0; k < 2 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
					v = v*8 + int(b[i]-'0')
					i++
				}
				note(byte(v))
			case e == '\r' || e == '\n': // a line continued
			default:
				note(e)
			}
			continue
		}
		note(c)
	}
	return i, filled
}

// pdfHex reads the hexadecimal string at b[i] == '<' and returns the index
// after it and whether it holds more than a byte-order mark.
func pdfHex(b []byte, i int) (end int, filled bool) {
	i++
	digits := 0
	bom := true // the digits so far begin "FEFF"
	for i < len(b) && b[i] != '>' {
		if c := b[i] | 0x20; isHex(c) {
			if digits < 4 && c != "feff"[digits] {
				bom = false
			}
			digits++
		}
		i++
	}
	if i < len(b) {
		i++
	}
	return i, digits > 4 || digits > 0 && !bom
}

// pdfName reads a name from b[i] (after its '/'), decoding #xx escapes,
// and returns it (at most 64 bytes of it) and the index after it.
func pdfName(b []byte, i int) (string, int) {
	var name []byte
	for i < len(b) && !isPDFSpace(b[i]) && !isPDFDelim(b[i]) {
		c := b[i]
		i++
		if c == '#' && i+1 < len(b) && isHex(b[i]) && isHex(b[i+1]) {
			c = unhex(b[i])<<4 | unhex(b[i+1])
			i += 2
		}
		if len(name) < 64 {
			name = append(name, c)
		}
	}
	return string(name), i
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isHex(c byte) bool {
	c |= 0x20
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
}

func unhex(c byte) byte {
	c |= 0x20
	if c >= 'a' {
		return c - 'a' + 10
	}
	return c - '0'
}
