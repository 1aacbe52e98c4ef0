package metadata

import (
	"bytes"
	"fmt"
	"strings"
)

// MaxInflate is how many bytes Scan decompresses, in all (a PDF's
// compressed streams, an archive's entries, and those of the files inside
// them); a file that needs more is Refused.
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

// maxPDFStreams is how many streams of a PDF are kept to be read once the
// pages are named; a PDF with more is reported Unreadable.
const maxPDFStreams = 1 << 16

// pdfDoc is what the scan of one PDF gathers before it reads the streams:
// the objects' dictionaries (as much as naming the parts needs), the
// streams, the objects with XMP metadata and the comments with an author.
type pdfDoc struct {
	parser  pdfParser
	objs    map[int]pdfVal
	streams []pdfStream
	metas   []int    // the objects with a /Metadata key (-1: outside any)
	authors []string // where the comments with an author (/T) are
	labels  map[int]string
}

// keep parses the object numbered n whose value begins b, and keeps it
// when it is a dictionary with keys that name parts (pdfKept), within
// maxPDFNodes.
func (d *pdfDoc) keep(n int, b []byte) {
	if d.parser.nodes >= maxPDFNodes {
		return
	}
	if v, _ := d.parser.value(b, 0, 0, true); v.kind == 'd' && len(v.items) > 0 {
		d.parser.nodes++
		d.objs[n] = v
	}
}

// pdfStream is a stream of a PDF: the object it is, its dictionary and
// its bytes as they are in the file.
type pdfStream struct {
	obj  int
	dict pdfVal
	data []byte
}

// pdf scans a PDF. Its tokens are read first, whatever object they are in
// and whether or not the object can be parsed, for document properties
// with a value, XMP metadata and encryption; object streams are
// decompressed and read in turn. Then, once every object is known, the
// pages are named (pdfDoc.name) and the streams read (pdfStreamRead).
func (s *scanner) pdf(b []byte) {
	d := &pdfDoc{objs: map[int]pdfVal{}}
	s.pdfObjects(d, b, true, -1)
	d.name()
	for _, owner := range d.metas {
		typ := d.objs[owner].get("Type").s
		if owner >= 0 && typ == "Metadata" {
			continue // the metadata stream itself, of type /Metadata
		}
		where := d.labels[owner]
		if _, ok := d.labels[owner]; !ok && owner >= 0 && typ != "Catalog" {
			where = fmt.Sprintf("object %d", owner)
		}
		s.within(where, func() { s.add(XMP, "XMP metadata stream", true) })
	}
	for _, where := range d.authors {
		s.within(where, func() { s.add(Property, "/T (its author)", true) })
	}
	for _, st := range d.streams {
		if s.refused() {
			return
		}
		s.pdfStreamRead(d, st)
	}
}

// pdfTokens is where the reading of a PDF's tokens is.
type pdfTokens struct {
	key       string // a property key whose value comes next
	cur       int    // the object the tokens are in, or -1
	ints      [2]int // the last two integers read, for "12 0 obj"
	nints     int    // how many integers were read in a row
	depth     int    // of dictionaries
	dictStart int    // where the outermost dictionary began, or -1
}

// pdfObjects reads the tokens of b, a PDF (top) or the objects of an
// object stream, in object cur (-1 when not known).
func (s *scanner) pdfObjects(d *pdfDoc, b []byte, top bool, cur int) {
	t := pdfTokens{cur: cur, dictStart: -1}
	i := 0
	for i < len(b) {
		c := b[i]
		integer := false
		switch {
		case isPDFSpace(c):
			i++
			continue
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
			continue
		case c == '(':
			end, filled := pdfLiteral(b, i)
			s.pdfValue(&t, filled)
			i = end
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			if t.depth == 0 {
				t.dictStart = i
			}
			t.depth++
			t.key = ""
			i += 2
		case c == '>' && i+1 < len(b) && b[i+1] == '>':
			t.depth = max(0, t.depth-1)
			t.key = ""
			i += 2
		case c == '<':
			end, filled := pdfHex(b, i)
			s.pdfValue(&t, filled)
			i = end
		case c == '/':
			name, end := pdfName(b, i+1)
			i = end
			s.pdfName(d, &t, name)
		case isPDFDelim(c):
			t.key = ""
			i++
		default:
			start := i
			for i < len(b) && !isPDFSpace(b[i]) && !isPDFDelim(b[i]) {
				i++
			}
			i, integer = s.pdfWord(d, &t, b, start, i, top)
		}
		if !integer {
			t.nints = 0
		}
	}
}

// pdfWord reads the word b[start:end], and returns where reading goes on
// and whether the word is an integer.
func (s *scanner) pdfWord(d *pdfDoc, t *pdfTokens, b []byte, start, end int, top bool) (int, bool) {
	word := string(b[start:end])
	switch {
	case word == "stream":
		var dict pdfVal
		if t.dictStart >= 0 {
			dict, _ = d.parser.value(b, t.dictStart, 0, true)
		}
		end = s.pdfStreamAt(d, b, end, dict, t.cur, top)
		t.key, t.depth, t.dictStart = "", 0, -1
	case word == "obj":
		t.key, t.depth, t.dictStart = "", 0, -1
		t.cur = -1
		if t.nints >= 2 {
			t.cur = t.ints[0]
			d.keep(t.cur, b[end:])
		}
	case word == "endobj":
		t.key, t.depth, t.dictStart = "", 0, -1
		t.cur = -1
	case t.key != "" && word[0] >= '0' && word[0] <= '9':
		// An indirect reference (12 0 R): the value is elsewhere,
		// and counts as set.
		s.pdfValue(t, true)
	default:
		t.key = ""
	}
	n, _, ok := pdfInt(b[start:end], 0)
	if !ok || n < 0 || strings.ContainsAny(word, "+-.") {
		return end, false
	}
	t.ints[0], t.ints[1] = t.ints[1], n
	t.nints++
	return end, true
}

// pdfValue records the property whose value was just read.
func (s *scanner) pdfValue(t *pdfTokens, filled bool) {
	if t.key != "" && filled {
		s.add(Property, "/"+t.key, pdfKeys[t.key])
	}
	t.key = ""
}

func (s *scanner) pdfName(d *pdfDoc, t *pdfTokens, name string) {
	t.key = ""
	if _, ok := pdfKeys[name]; ok {
		t.key = name
		return
	}
	switch name {
	case "Metadata":
		if n := len(d.metas); n == 0 || d.metas[n-1] != t.cur {
			d.metas = append(d.metas, t.cur)
		}
	case "Encrypt":
		s.unreadable("the PDF is encrypted, so its document properties cannot be read")
	}
}

// pdfStreamAt takes the stream whose keyword ends at i, and returns the
// index after "endstream". An object stream is read at once (its objects
// are needed to name the others); other streams are kept to be read once
// the pages are named.
func (s *scanner) pdfStreamAt(d *pdfDoc, b []byte, i int, dict pdfVal, obj int, top bool) int {
	if i < len(b) && b[i] == '\r' {
		i++
	}
	if i < len(b) && b[i] == '\n' {
		i++
	}
	// Reading goes on after the first "endstream", wherever the stream's
	// length says it ends: nothing is skipped unread.
	after, dataEnd := len(b), len(b)
	if e := bytes.Index(b[i:], []byte("endstream")); e >= 0 {
		after, dataEnd = i+e+len("endstream"), i+e
	}
	if n := dict.get("Length"); n.kind == 'i' && n.n >= 0 && n.n <= len(b)-i {
		if rest := bytes.TrimLeft(b[i+n.n:], "\r\n \t"); bytes.HasPrefix(rest, []byte("endstream")) {
			dataEnd = i + n.n
		}
	}
	data := b[i:dataEnd]
	switch {
	case !top:
	case dict.get("Type").s == "ObjStm":
		s.pdfObjStm(d, data, dict)
	case len(d.streams) < maxPDFStreams:
		d.streams = append(d.streams, pdfStream{obj: obj, dict: dict, data: data})
	default:
		s.unreadable("the PDF has too many streams to read them all")
	}
	return after
}

// pdfObjStm reads an object stream: each of its objects is read as
// tokens, in the object it is, and kept for naming.
func (s *scanner) pdfObjStm(d *pdfDoc, data []byte, dict pdfVal) {
	if s.objStreams >= maxObjStreams {
		s.unreadable("the PDF has too many object streams to read")
		return
	}
	s.objStreams++
	b, ok := s.pdfDecode(data, pdfFilters(dict), "an object stream")
	if !ok {
		return
	}
	first := dict.get("First").n
	if first <= 0 || first > len(b) {
		s.pdfObjects(d, b, false, -1)
		return
	}
	s.pdfObjects(d, b[:first], false, -1) // the header: numbers and offsets
	var nums, offs []int
	for i := 0; i < first && len(nums) < dict.get("N").n; {
		num, j, ok1 := pdfInt(b[:first], skipPDFSpace(b[:first], i))
		off, k, ok2 := pdfInt(b[:first], skipPDFSpace(b[:first], j))
		if !ok1 || !ok2 || off < 0 || first+off > len(b) || len(offs) > 0 && off < offs[len(offs)-1] {
			break
		}
		nums, offs, i = append(nums, num), append(offs, off), k
	}
	end := len(b)
	for k := len(nums) - 1; k >= 0; k-- { // from the last, so that each object ends where the next begins
		obj := b[first+offs[k] : end]
		end = first + offs[k]
		s.pdfObjects(d, obj, false, nums[k])
		d.keep(nums[k], obj)
	}
	if len(nums) > 0 && offs[0] > 0 {
		s.pdfObjects(d, b[first:first+offs[0]], false, -1)
	} else if len(nums) == 0 {
		s.pdfObjects(d, b[first:], false, -1)
	}
}

// pdfLiteral reads the literal string at b[i] == '(' and returns the index
// after it and whether it holds more than blanks (or a byte-order mark).
func pdfLiteral(b []byte, i int) (end int, filled bool) {
	n := 0 // decoded bytes
	end = pdfLiteralBytes(b, i, func(c byte) {
		n++
		if !(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0) && !(n <= 2 && (c == 0xFE || c == 0xFF)) {
			filled = true
		}
	})
	return end, filled
}

// pdfLiteralBytes reads the literal string at b[i] == '(', giving each of
// its bytes to emit, and returns the index after it.
func pdfLiteralBytes(b []byte, i int, emit func(byte)) int {
	depth := 0
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
				return i
			}
		case '\\':
			if i >= len(b) {
				return i
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
				emit(byte(v))
			case e == '\r' || e == '\n': // a line continued
			default:
				emit(pdfEscapes[e])
			}
			continue
		}
		emit(c)
	}
	return i
}

// pdfEscapes are the bytes of a literal string's escapes (\n, \t...); any
// other escaped byte stands for itself.
var pdfEscapes = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
	}
	t['n'], t['r'], t['t'], t['b'], t['f'] = '\n', '\r', '\t', '\b', '\f'
	return t
}()

// pdfHexBytes reads the hexadecimal string at b[i] == '<', giving each of
// its bytes to emit, and returns the index after it.
func pdfHexBytes(b []byte, i int, emit func(byte)) int {
	i++
	var hi byte
	odd := false
	for i < len(b) && b[i] != '>' {
		if c := b[i]; isHex(c) {
			if odd {
				emit(hi<<4 | unhex(c))
			} else {
				hi = unhex(c)
			}
			odd = !odd
		}
		i++
	}
	if odd {
		emit(hi << 4)
	}
	if i < len(b) {
		i++
	}
	return i
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
