package metadata

import (
	"fmt"
	"slices"
	"unicode/utf16"
)

// pdfVal is a PDF value, as much of it as naming the parts of a PDF
// needs.
type pdfVal struct {
	kind  byte     // 'n' name, 'r' reference, 'i' number, 's' string, 'd' dictionary, 'a' array, 'k' keyword; 0 anything else
	s     string   // a name, or a string's text (up to maxPDFText bytes)
	n     int      // a number's integer part, or the object a reference is to
	items []pdfVal // an array's values; a dictionary's keys (names) and values in turn
}

// get returns the value of a dictionary's key (the zero value if none).
func (v pdfVal) get(key string) pdfVal {
	if v.kind != 'd' {
		return pdfVal{}
	}
	for i := 0; i+1 < len(v.items); i += 2 {
		if v.items[i].s == key {
			return v.items[i+1]
		}
	}
	return pdfVal{}
}

// Limits of what the scan of a PDF keeps of its objects.
const (
	maxPDFNodes = 1 << 17 // values and objects kept, in all
	maxPDFDepth = 16      // arrays and dictionaries inside each other
	maxPDFText  = 256     // bytes of a string kept
	maxPDFNum   = 1 << 40 // a number past it is not a number kept
)

// pdfKept are the keys of a dictionary kept when it is parsed: those that
// lead from the document to its pages, their images, comments and
// attachments, and that say how a stream is encoded. Of the dictionaries
// they lead to, those of pdfKeepAll keep every key (the names of a page's
// images, the kinds of an attached file).
var pdfKept = map[string]bool{
	"Type": true, "Subtype": true, "Pages": true, "Kids": true, "Resources": true, "XObject": true,
	"Contents": true, "Annots": true, "SMask": true, "Mask": true, "FS": true, "EF": true, "F": true,
	"UF": true, "T": true, "Filter": true, "Length": true, "N": true, "First": true,
}

var pdfKeepAll = map[string]bool{"XObject": true, "EF": true}

// pdfParser parses PDF values, keeping no more than maxPDFNodes of them.
type pdfParser struct{ nodes int }

// value parses the value at b[i] and returns it and the index after it;
// unless keep is set, what it holds is read but not kept. It stops at a
// keyword that cannot be inside a value (obj, stream...), so that it
// never reads past the object it began in.
func (p *pdfParser) value(b []byte, i, depth int, keep bool) (pdfVal, int) {
	return p.valueOf(b, i, depth, keep, false)
}

// valueOf is value, keeping every key of a dictionary when all is set.
func (p *pdfParser) valueOf(b []byte, i, depth int, keep, all bool) (pdfVal, int) {
	i = skipPDFSpace(b, i)
	if i >= len(b) {
		return pdfVal{}, i
	}
	c := b[i]
	switch {
	case c == '/':
		name, end := pdfName(b, i+1)
		return pdfVal{kind: 'n', s: name}, end
	case c == '<' && i+1 < len(b) && b[i+1] == '<':
		if depth >= maxPDFDepth { // read on as if it were not there
			return pdfVal{}, i + 2
		}
		return p.list(b, i+2, depth, 'd', keep, all)
	case c == '[':
		if depth >= maxPDFDepth {
			return pdfVal{}, i + 1
		}
		return p.list(b, i+1, depth, 'a', keep, false)
	case c == '(' || c == '<':
		var text []byte
		add := func(c byte) {
			if len(text) < maxPDFText {
				text = append(text, c)
			}
		}
		var end int
		if c == '(' {
			end = pdfLiteralBytes(b, i, add)
		} else {
			end = pdfHexBytes(b, i, add)
		}
		return pdfVal{kind: 's', s: pdfText(text)}, end
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return pdfNumber(b, i)
	case isPDFDelim(c):
		return pdfVal{}, i + 1
	}
	end := i
	for end < len(b) && !isPDFSpace(b[end]) && !isPDFDelim(b[end]) {
		end++
	}
	return pdfVal{kind: 'k', s: string(b[i:min(end, i+16)])}, end
}

// list parses an array or a dictionary, whose opening is before b[i].
func (p *pdfParser) list(b []byte, i, depth int, kind byte, keep, all bool) (pdfVal, int) {
	v := pdfVal{kind: kind}
	for {
		i = skipPDFSpace(b, i)
		switch {
		case i >= len(b):
			return v, i
		case kind == 'a' && b[i] == ']':
			return v, i + 1
		case kind == 'd' && b[i] == '>' && i+1 < len(b) && b[i+1] == '>':
			return v, i + 2
		}
		item, end := p.value(b, i, depth+1, keep && kind == 'a')
		if item.kind == 'k' && pdfEnds(item.s) {
			return v, i // the object ends: read no further
		}
		i = end
		if kind == 'd' && item.kind == 'n' {
			key := item.s
			kept := keep && (all || pdfKept[key]) && p.nodes < maxPDFNodes
			val, end := p.valueOf(b, i, depth+1, kept, pdfKeepAll[key])
			if val.kind == 'k' && pdfEnds(val.s) {
				return v, i
			}
			i = end
			if kept {
				p.nodes += 2
				v.items = append(v.items, pdfVal{kind: 'n', s: key}, val)
			}
			continue
		}
		if kind == 'a' && keep && item.kind != 0 && p.nodes < maxPDFNodes {
			p.nodes++
			v.items = append(v.items, item)
		}
	}
}

// pdfEnds reports the keywords that end an object.
func pdfEnds(word string) bool {
	switch word {
	case "obj", "endobj", "stream", "endstream", "trailer", "xref", "startxref":
		return true
	}
	return false
}

// pdfNumber reads a number, or a reference ("12 0 R"), at b[i].
func pdfNumber(b []byte, i int) (pdfVal, int) {
	n, end, ok := pdfInt(b, i)
	if !ok {
		for end < len(b) && !isPDFSpace(b[end]) && !isPDFDelim(b[end]) {
			end++
		}
		return pdfVal{}, end
	}
	// A reference: two integers and R.
	j := skipPDFSpace(b, end)
	if _, k, ok := pdfInt(b, j); ok && k > j {
		k = skipPDFSpace(b, k)
		if k < len(b) && b[k] == 'R' && (k+1 == len(b) || isPDFSpace(b[k+1]) || isPDFDelim(b[k+1])) {
			return pdfVal{kind: 'r', n: n}, k + 1
		}
	}
	return pdfVal{kind: 'i', n: n}, end
}

// pdfInt reads an integer (or a real, kept to its integer part) at b[i].
// ok is false for what is not a number, or one too large.
func pdfInt(b []byte, i int) (n, end int, ok bool) {
	end = i
	if end < len(b) && (b[end] == '+' || b[end] == '-') {
		end++
	}
	digits := 0
	for end < len(b) && b[end] >= '0' && b[end] <= '9' {
		if n < maxPDFNum {
			n = n*10 + int(b[end]-'0')
		}
		end++
		digits++
	}
	if end < len(b) && b[end] == '.' {
		end++
		for end < len(b) && b[end] >= '0' && b[end] <= '9' {
			end++
			digits++
		}
	}
	if i < len(b) && b[i] == '-' {
		n = -n
	}
	return n, end, digits > 0 && n < maxPDFNum && (end == len(b) || isPDFSpace(b[end]) || isPDFDelim(b[end]))
}

// pdfText turns a string's bytes into text: UTF-16 after a byte-order
// mark, UTF-8 after its mark, else one character a byte.
func pdfText(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return cleanName(string(utf16.Decode(u)))
	case len(b) >= 3 && string(b[:3]) == "\xEF\xBB\xBF":
		return cleanName(string(b[3:]))
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return cleanName(string(r))
}

func skipPDFSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isPDFSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// markup are the kinds of annotation that are comments: their /T names
// the person who wrote them.
var markup = map[string]bool{
	"Text": true, "FreeText": true, "Line": true, "Square": true, "Circle": true, "Polygon": true,
	"PolyLine": true, "Highlight": true, "Underline": true, "Squiggly": true, "StrikeOut": true,
	"Stamp": true, "Caret": true, "Ink": true, "FileAttachment": true, "Sound": true, "Redact": true,
}

// resolve follows a reference.
func (d *pdfDoc) resolve(v pdfVal) pdfVal {
	if v.kind == 'r' {
		return d.objs[v.n]
	}
	return v
}

// refs returns the objects a value refers to: itself, or the references
// of an array.
func refs(v pdfVal) []int {
	switch v.kind {
	case 'r':
		return []int{v.n}
	case 'a':
		var out []int
		for _, it := range v.items {
			if it.kind == 'r' {
				out = append(out, it.n)
			}
		}
		return out
	}
	return nil
}

// maxPages is how many pages of a PDF are named.
const maxPages = 1 << 16

// name names the objects of a PDF for messages: each page, its content
// and its images ("page 2", "image 1 on page 2"), the drawings (form
// XObjects) it uses, its comments, and every attachment.
func (d *pdfDoc) name() {
	d.labels = map[int]string{}
	var roots []int
	for _, n := range d.objNumbers() {
		o := d.objs[n]
		if o.get("Type").s == "Catalog" {
			roots = append(roots, refs(o.get("Pages"))...)
		}
	}
	seen := map[int]bool{}
	page := 0
	var walk func(n int, res pdfVal, depth int)
	walk = func(n int, res pdfVal, depth int) {
		o := d.objs[n]
		if seen[n] || o.kind != 'd' || depth > maxPDFDepth || page >= maxPages {
			return
		}
		seen[n] = true
		if r := o.get("Resources"); r.kind != 0 {
			res = r
		}
		if o.get("Type").s == "Pages" {
			for _, k := range refs(o.get("Kids")) {
				walk(k, res, depth+1)
			}
			return
		}
		page++
		d.namePage(n, page, o, res)
	}
	for _, r := range roots {
		walk(r, pdfVal{}, 0)
	}
	d.nameAttachments()
}

// namePage names a page, its content, images, drawings and comments.
func (d *pdfDoc) namePage(n, page int, o, res pdfVal) {
	here := fmt.Sprintf("page %d", page)
	d.setLabel(n, here)
	for _, c := range refs(o.get("Contents")) {
		d.setLabel(c, here)
	}
	images := 0
	d.nameXObjects(page, res, &images, map[int]bool{}, 0)
	for _, a := range d.resolve(o.get("Annots")).items {
		if a.kind == 'r' {
			d.setLabel(a.n, "a comment on "+here)
		} else if markup[a.get("Subtype").s] && a.get("T").s != "" {
			d.authors = append(d.authors, "a comment on "+here)
		}
	}
}

// nameXObjects names the images a page draws, and those of the drawings
// it draws, in the order its resources list them.
func (d *pdfDoc) nameXObjects(page int, res pdfVal, images *int, seen map[int]bool, depth int) {
	xo := d.resolve(d.resolve(res).get("XObject"))
	for i := 1; i < len(xo.items) && depth <= maxPDFDepth; i += 2 {
		ref := xo.items[i]
		if ref.kind != 'r' || seen[ref.n] {
			continue
		}
		seen[ref.n] = true
		o := d.objs[ref.n]
		switch o.get("Subtype").s {
		case "Image":
			*images++
			img := fmt.Sprintf("image %d on page %d", *images, page)
			d.setLabel(ref.n, img)
			for _, m := range append(refs(o.get("SMask")), refs(o.get("Mask"))...) {
				d.setLabel(m, "the mask of "+img)
			}
		case "Form":
			d.setLabel(ref.n, fmt.Sprintf("a drawing on page %d", page))
			d.nameXObjects(page, o.get("Resources"), images, seen, depth+1)
		}
	}
}

// nameAttachments names the streams of attached files (those of the
// embedded file dictionaries, /EF, of file specifications anywhere) and
// notes the comments whose /T names their author.
func (d *pdfDoc) nameAttachments() {
	var visit func(v pdfVal, obj, depth int)
	visit = func(v pdfVal, obj, depth int) {
		if depth > maxPDFDepth {
			return
		}
		if v.kind == 'd' {
			if ef := d.resolve(v.get("EF")); ef.kind == 'd' {
				name := v.get("UF").s
				if name == "" {
					name = v.get("F").s
				}
				label := "an attachment"
				if name != "" {
					label = "the attachment " + name
				}
				for i := 1; i < len(ef.items); i += 2 {
					for _, r := range refs(ef.items[i]) {
						d.setLabel(r, label)
					}
				}
			}
			if obj >= 0 && depth == 0 && markup[v.get("Subtype").s] && v.get("T").s != "" {
				where := d.labels[obj]
				if where == "" {
					where = "a comment"
				}
				d.authors = append(d.authors, where)
			}
		}
		for _, it := range v.items {
			if it.kind == 'd' || it.kind == 'a' {
				visit(it, -1, depth+1)
			}
		}
	}
	for _, n := range d.objNumbers() {
		visit(d.objs[n], n, 0)
	}
}

// setLabel names an object, unless it has a name already: an image drawn
// on several pages is named for the first.
func (d *pdfDoc) setLabel(n int, label string) {
	if _, ok := d.labels[n]; !ok {
		d.labels[n] = label
	}
}

// label returns an object's name, or what fallback says of it.
func (d *pdfDoc) label(n int, fallback string) string {
	if l, ok := d.labels[n]; ok {
		return l
	}
	if n < 0 {
		return fallback
	}
	return fmt.Sprintf("%s (object %d)", fallback, n)
}

// objNumbers returns the numbers of the objects kept, in order.
func (d *pdfDoc) objNumbers() []int {
	ns := make([]int, 0, len(d.objs))
	for n := range d.objs {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}
