package metadatatest

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// PDFImage is an image a test PDF draws: its file (a JPEG, a JPEG 2000
// file) and the filters of its stream, in the order a reader applies
// them ("FlateDecode", then "DCTDecode"). An image without filters is a
// JPEG written as it is ("DCTDecode").
type PDFImage struct {
	Data    []byte
	Filters []string
	XMP     bool // it has an XMP metadata stream of its own
}

// PDFOptions says what a test PDF holds.
type PDFOptions struct {
	Pages [][]PDFImage // the images drawn on each page (one page at least)
	// Compressed puts the document's dictionaries (catalog, pages,
	// comments, attachments' file specifications) in an object stream.
	Compressed  bool
	Info        map[string]string // the document properties, as written: "(Jane)"
	XMP         bool              // an XMP metadata stream for the document
	PageXMP     bool              // an XMP metadata stream on the first page
	Comment     string            // the author (/T) of a comment on the first page
	Attachments []File            // files attached (Flate compressed)
	InlineJPEG  []byte            // a JPEG drawn inline in the first page's content
}

// File is a file held in another: an attachment, an archive's entry.
type File struct {
	Name   string
	Data   []byte
	Stored bool // in an archive, stored as it is rather than deflated
}

// pdfWriter writes a PDF's objects, numbered from 1 as they are added.
type pdfWriter struct {
	objs    []string // each object's body (dictionary, stream)
	packed  []bool   // kept for the object stream
	compact bool
}

func (w *pdfWriter) add(body string, packable bool) int {
	w.objs = append(w.objs, body)
	w.packed = append(w.packed, packable && w.compact)
	return len(w.objs)
}

func (w *pdfWriter) set(n int, body string) { w.objs[n-1] = body }

// stream returns a stream object's body: dict (without << >>) and data
// encoded through filters (as a reader decodes them, first to last).
func stream(dict string, data []byte, filters ...string) string {
	for i := len(filters) - 1; i >= 0; i-- {
		data = encode(filters[i], data)
	}
	f := ""
	if len(filters) == 1 {
		f = " /Filter /" + filters[0]
	} else if len(filters) > 1 {
		f = " /Filter [/" + strings.Join(filters, " /") + "]"
	}
	return fmt.Sprintf("<< %s%s /Length %d >>\nstream\n%s\nendstream", dict, f, len(data), data)
}

// encode encodes data as a filter decodes it; the image codecs leave it
// as it is.
func encode(filter string, data []byte) []byte {
	switch filter {
	case "FlateDecode", "Fl":
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		return z.Bytes()
	case "ASCIIHexDecode":
		return []byte(hex.EncodeToString(data) + ">")
	case "ASCII85Decode":
		out := make([]byte, ascii85.MaxEncodedLen(len(data)))
		return append(out[:ascii85.Encode(out, data)], "~>"...)
	case "RunLengthDecode":
		var out []byte
		for len(data) > 0 {
			n := min(len(data), 128)
			out = append(append(out, byte(n-1)), data[:n]...)
			data = data[n:]
		}
		return append(out, 128)
	}
	return data
}

const xmpStream = "/Type /Metadata /Subtype /XML"

// PDFWith returns a PDF holding what o says.
func PDFWith(o PDFOptions) []byte {
	w := &pdfWriter{compact: o.Compressed}
	catalog := w.add("", true)
	pages := w.add("", true)
	var kids []string
	for p, images := range o.Pages {
		content := ""
		for i := range images {
			content += fmt.Sprintf("q 100 0 0 100 %d 0 cm /Im%d Do Q\n", 100*i, i+1)
		}
		if p == 0 && o.InlineJPEG != nil {
			content += "\nBI /W 8 /H 6 /CS /RGB /BPC 8 /F /DCT ID\n" + string(o.InlineJPEG) + "\nEI"
		}
		contents := w.add(stream("", []byte(content), "FlateDecode"), false)
		var xobjects []string
		for i, img := range images {
			filters := img.Filters
			if len(filters) == 0 {
				filters = []string{"DCTDecode"}
			}
			extra := ""
			if img.XMP {
				extra = fmt.Sprintf(" /Metadata %d 0 R", w.add(stream(xmpStream, []byte(XMPPacket)), false))
			}
			n := w.add(stream("/Type /XObject /Subtype /Image /Width 8 /Height 6 /ColorSpace /DeviceRGB /BitsPerComponent 8"+extra, img.Data, filters...), false)
			xobjects = append(xobjects, fmt.Sprintf("/Im%d %d 0 R", i+1, n))
		}
		extra := ""
		if p == 0 && o.PageXMP {
			extra += fmt.Sprintf(" /Metadata %d 0 R", w.add(stream(xmpStream, []byte(XMPPacket)), false))
		}
		if p == 0 && o.Comment != "" {
			extra += fmt.Sprintf(" /Annots [%d 0 R]", w.add(fmt.Sprintf("<< /Type /Annot /Subtype /Text /Rect [0 0 20 20] /T %s /Contents (Check this) >>", o.Comment), true))
		}
		page := w.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 200 200] /Contents %d 0 R /Resources << /XObject << %s >> >>%s >>", pages, contents, strings.Join(xobjects, " "), extra), true)
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	w.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	catalogExtra := ""
	if o.XMP {
		catalogExtra += fmt.Sprintf(" /Metadata %d 0 R", w.add(stream(xmpStream, []byte(XMPPacket)), false))
	}
	if len(o.Attachments) > 0 {
		var names []string
		for _, a := range o.Attachments {
			ef := w.add(stream("/Type /EmbeddedFile", a.Data, "FlateDecode"), false)
			spec := w.add(fmt.Sprintf("<< /Type /Filespec /F (%s) /UF (%s) /EF << /F %d 0 R >> >>", a.Name, a.Name, ef), true)
			names = append(names, fmt.Sprintf("(%s) %d 0 R", a.Name, spec))
		}
		catalogExtra += fmt.Sprintf(" /Names << /EmbeddedFiles << /Names [%s] >> >>", strings.Join(names, " "))
	}
	w.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R%s >>", pages, catalogExtra))
	info := 0
	if len(o.Info) > 0 {
		keys := make([]string, 0, len(o.Info))
		for k := range o.Info {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var d strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&d, " /%s %s", k, o.Info[k])
		}
		info = w.add("<<"+d.String()+" >>", true)
	}
	return w.bytes(catalog, info)
}

// bytes writes the PDF: the objects, those packed in an object stream,
// and the cross-reference table and trailer, or (with an object stream)
// the cross-reference stream that replaces them.
func (w *pdfWriter) bytes(catalog, info int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(w.objs)+3)
	index := make([]int, len(w.objs)+1) // of each packed object in the object stream
	var head, body strings.Builder
	for i, obj := range w.objs {
		if w.packed[i] {
			index[i+1] = strings.Count(head.String(), " ") / 2
			fmt.Fprintf(&head, "%d %d ", i+1, body.Len())
			body.WriteString(obj + "\n")
			continue
		}
		offsets[i+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	trailer := fmt.Sprintf("/Root %d 0 R", catalog)
	if info > 0 {
		trailer += fmt.Sprintf(" /Info %d 0 R", info)
	}
	if head.Len() == 0 {
		xref := b.Len()
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(w.objs)+1)
		for n := 1; n <= len(w.objs); n++ {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(w.objs)+1, trailer, xref)
		return b.Bytes()
	}
	objStm, xrefStm := len(w.objs)+1, len(w.objs)+2
	offsets[objStm] = b.Len()
	data := head.String() + body.String()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", objStm, stream(fmt.Sprintf("/Type /ObjStm /N %d /First %d", strings.Count(head.String(), " ")/2, head.Len()), []byte(data), "FlateDecode"))
	offsets[xrefStm] = b.Len()
	var rows []byte // type, offset or object stream (4 bytes), generation or index (2 bytes)
	for n := 0; n <= xrefStm; n++ {
		switch {
		case n == 0:
			rows = append(rows, 0, 0, 0, 0, 0, 0xFF, 0xFF)
		case n <= len(w.objs) && w.packed[n-1]:
			rows = append(rows, 2, 0, 0, byte(objStm>>8), byte(objStm), byte(index[n]>>8), byte(index[n]))
		default:
			o := offsets[n]
			rows = append(rows, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), 0, 0)
		}
	}
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefStm, stream(fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] %s", xrefStm+1, trailer), rows), offsets[xrefStm])
	return b.Bytes()
}

// JPEGWithArtist returns a JPEG whose EXIF has a GPS position and names
// the photographer (Artist), as a phone's photo of a person may.
func JPEGWithArtist() []byte {
	return JPEG(Segment{0xE1, append([]byte("Exif\x00\x00"), TIFFWithArtist()...)})
}

// JP2 returns the boxes of a JPEG 2000 file whose 'uuid' box holds EXIF
// with a GPS position (when gps is set; else it holds none), and whose
// codestream is only its first markers.
func JP2(gps bool) []byte {
	out := append([]byte{}, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A)
	out = append(out, box("ftyp", []byte("jp2 \x00\x00\x00\x00jp2 "))...)
	ihdr := []byte{0, 0, 0, 6, 0, 0, 0, 8, 0, 3, 7, 7, 0, 0} // 8 x 6 pixels, 3 components of 8 bits
	out = append(out, box("jp2h", append(box("ihdr", ihdr), box("colr", []byte{1, 0, 0, 0, 0, 0, 16})...))...)
	if gps {
		out = append(out, box("uuid", append([]byte("JpgTiffExif->JP2"), TIFFHeader(true)...))...)
	}
	return append(out, box("jp2c", []byte{0xFF, 0x4F, 0xFF, 0x51, 0, 0})...)
}
