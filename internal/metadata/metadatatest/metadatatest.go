// Package metadatatest makes small files that carry metadata, for tests:
// a JPEG with EXIF and GPS, a GIF with XMP, PDFs with document
// properties, and so on. Nothing here is read from elsewhere: every file is
// built from its format's structure.
package metadatatest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"sort"
	"strings"
)

// Picture returns a small picture of w x h pixels.
func Picture(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x * 40), uint8(y * 40), 120, 255})
		}
	}
	return m
}

// EXIF returns an EXIF block ("Exif\0\0" and a little-endian TIFF
// structure) with a camera model, and a GPS position when gps is set.
func EXIF(gps bool) []byte {
	var b bytes.Buffer
	b.WriteString("Exif\x00\x00")
	b.Write(TIFFHeader(gps))
	return b.Bytes()
}

// TIFFHeader returns a TIFF structure whose first directory has a Model
// tag and, when gps is set, a GPS directory with a latitude.
func TIFFHeader(gps bool) []byte { return tiffHeader(gps, "") }

// TIFFWithArtist returns a TIFF structure with a Model tag, an Artist
// (the photographer's name) and a GPS directory.
func TIFFWithArtist() []byte { return tiffHeader(true, "Example Photographer") }

func tiffHeader(gps bool, artist string) []byte {
	le := binary.LittleEndian
	n := 1
	if artist != "" {
		n++
	}
	if gps {
		n++
	}
	ifd0End := 8 + 2 + 12*n + 4
	artistAt := ifd0End
	gpsAt := artistAt + len(artist) + 1
	var b []byte
	b = append(b, "II*\x00"...)
	b = le.AppendUint32(b, 8)
	b = le.AppendUint16(b, uint16(n))
	entry := func(tag, typ uint16, count, value uint32) {
		b = le.AppendUint16(b, tag)
		b = le.AppendUint16(b, typ)
		b = le.AppendUint32(b, count)
		b = le.AppendUint32(b, value)
	}
	entry(0x0110, 2, 4, le.Uint32([]byte("Cam\x00"))) // Model, ASCII, in the value
	if artist != "" {
		entry(0x013B, 2, uint32(len(artist)+1), uint32(artistAt))
	}
	if gps {
		entry(0x8825, 4, 1, uint32(gpsAt))
	}
	b = le.AppendUint32(b, 0)
	if artist != "" {
		b = append(append(b, artist...), 0)
	}
	if gps {
		gpsEnd := gpsAt + 2 + 12 + 4
		b = le.AppendUint16(b, 1)
		b = le.AppendUint16(b, 2) // GPSLatitude
		b = le.AppendUint16(b, 5) // RATIONAL
		b = le.AppendUint32(b, 3)
		b = le.AppendUint32(b, uint32(gpsEnd))
		b = le.AppendUint32(b, 0)
		for _, v := range []uint32{31, 1, 30, 1, 0, 1} { // 31° 30' 0"
			b = le.AppendUint32(b, v)
		}
	}
	return b
}

// XMPPacket is an XMP packet naming a creator.
const XMPPacket = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Example Person</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`

// JPEG returns a small JPEG with the given segments (marker, payload)
// after its start.
func JPEG(segments ...Segment) []byte {
	var out bytes.Buffer
	if err := jpeg.Encode(&out, Picture(8, 6), &jpeg.Options{Quality: 80}); err != nil {
		panic(err)
	}
	b := out.Bytes()
	var s []byte
	s = append(s, b[:2]...)
	for _, seg := range segments {
		s = append(s, 0xFF, seg.Marker)
		s = binary.BigEndian.AppendUint16(s, uint16(len(seg.Data)+2))
		s = append(s, seg.Data...)
	}
	return append(s, b[2:]...)
}

// Segment is a JPEG segment.
type Segment struct {
	Marker byte
	Data   []byte
}

// JPEGWithGPS returns a JPEG whose EXIF has a GPS position.
func JPEGWithGPS() []byte { return JPEG(Segment{0xE1, EXIF(true)}) }

// PNG returns a small PNG with the given chunks (type, data) before its
// image data.
func PNG(chunks ...[2]string) []byte {
	var out bytes.Buffer
	if err := png.Encode(&out, Picture(4, 3)); err != nil {
		panic(err)
	}
	b := out.Bytes()
	ihdrEnd := 8 + 12 + 13
	s := append([]byte{}, b[:ihdrEnd]...)
	for _, c := range chunks {
		s = AppendChunk(s, c[0], []byte(c[1]))
	}
	return append(s, b[ihdrEnd:]...)
}

// AppendChunk appends a PNG chunk with its CRC.
func AppendChunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// WebP returns a WebP (a lossless 1 x 1 picture) with the given chunks
// (fourcc, data) after its image.
func WebP(chunks ...[2]string) []byte {
	var body []byte
	body = append(body, "WEBP"...)
	vp8x := make([]byte, 10)
	body = appendRIFF(body, "VP8X", vp8x)
	body = appendRIFF(body, "VP8L", []byte{0x2F, 0, 0, 0, 0, 0x07, 0x10, 0x08, 0x01, 0x00})
	for _, c := range chunks {
		body = appendRIFF(body, c[0], []byte(c[1]))
	}
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

func appendRIFF(b []byte, fourcc string, data []byte) []byte {
	b = append(b, fourcc...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// GIF returns a small GIF with the given extension blocks before its
// trailer (see GIFXMP and GIFComment).
func GIF(extensions ...[]byte) []byte {
	var out bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 4, 4), []color.Color{color.Black, color.White})
	if err := gif.Encode(&out, pal, nil); err != nil {
		panic(err)
	}
	b := out.Bytes()
	s := append([]byte{}, b[:len(b)-1]...)
	for _, e := range extensions {
		s = append(s, e...)
	}
	return append(s, 0x3B)
}

// GIFXMP is a GIF application extension holding an XMP packet, with the
// "magic trailer" that lets readers skip it as sub-blocks.
func GIFXMP() []byte {
	b := []byte{0x21, 0xFF, 11}
	b = append(b, "XMP DataXMP"...)
	b = append(b, XMPPacket...)
	b = append(b, 0x01)
	for i := 0xFF; i >= 0; i-- {
		b = append(b, byte(i))
	}
	return append(b, 0x00)
}

// GIFComment is a GIF comment extension.
func GIFComment(text string) []byte {
	b := []byte{0x21, 0xFE, byte(len(text))}
	b = append(b, text...)
	return append(b, 0)
}

// TIFF returns a TIFF structure with a Model tag, and a GPS directory when
// gps is set: enough of a TIFF file for a scan.
func TIFF(gps bool) []byte { return TIFFHeader(gps) }

// HEIF returns the boxes of an HEIC file whose meta box lists an Exif
// item and, when xmp is set, an XMP item.
func HEIF(exif, xmp bool) []byte {
	var items [][]byte
	if exif {
		items = append(items, box("infe", append([]byte{2, 0, 0, 0, 0, 1, 0, 0}, "Exif"...)))
	}
	if xmp {
		e := append([]byte{2, 0, 0, 0, 0, 2, 0, 0}, "mime"...)
		e = append(e, "XMP\x00application/rdf+xml\x00"...)
		items = append(items, box("infe", e))
	}
	items = append(items, box("infe", append([]byte{2, 0, 0, 0, 0, 3, 0, 0}, "hvc1"...)))
	iinf := []byte{0, 0, 0, 0, 0, byte(len(items))}
	for _, it := range items {
		iinf = append(iinf, it...)
	}
	meta := append([]byte{0, 0, 0, 0}, box("hdlr", make([]byte, 24))...)
	meta = append(meta, box("iinf", iinf)...)
	out := box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic"))
	return append(out, box("meta", meta)...)
}

func box(typ string, body []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	b = append(b, typ...)
	return append(b, body...)
}

// PDF returns a one-page PDF whose Info dictionary has the given entries
// (written as they are: "(Jane)" or "<FEFF004A>"); with compressed set,
// the Info dictionary is in a compressed object stream.
func PDF(info map[string]string, compressed bool) []byte {
	keys := make([]string, 0, len(info))
	for k := range info {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var dict strings.Builder
	dict.WriteString("<<")
	for _, k := range keys {
		fmt.Fprintf(&dict, " /%s %s", k, info[k])
	}
	dict.WriteString(" >>")
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xE2\xE3\xCF\xD3\n")
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>\nendobj\n")
	content := "BT /F1 12 Tf 20 100 Td (Author) Tj ET"
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(content), content)
	if compressed {
		objs := "5 0 " + dict.String()
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write([]byte(objs))
		zw.Close()
		fmt.Fprintf(&b, "6 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n", z.Len())
		b.Write(z.Bytes())
		b.WriteString("\nendstream\nendobj\n")
	} else {
		fmt.Fprintf(&b, "5 0 obj\n%s\nendobj\n", dict.String())
	}
	b.WriteString("trailer\n<< /Root 1 0 R /Info 5 0 R /Size 7 >>\n%%EOF\n")
	return b.Bytes()
}

// MP4 returns the boxes of a video whose user data holds the place it was
// filmed.
func MP4() []byte {
	out := box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41"))
	udta := box("\xa9xyz", []byte("\x00\x12\x15\xc7+31.5000+034.4667/"))
	return append(out, box("moov", append(box("mvhd", make([]byte, 100)), box("udta", udta)...))...)
}

// ICO returns an icon holding the given PNGs.
func ICO(pngs ...[]byte) []byte {
	le := binary.LittleEndian
	b := []byte{0, 0, 1, 0}
	b = le.AppendUint16(b, uint16(len(pngs)))
	off := 6 + 16*len(pngs)
	for _, p := range pngs {
		b = append(b, 16, 16, 0, 0, 1, 0, 32, 0)
		b = le.AppendUint32(b, uint32(len(p)))
		b = le.AppendUint32(b, uint32(off))
		off += len(p)
	}
	for _, p := range pngs {
		b = append(b, p...)
	}
	return b
}

// JPEGWithAppended returns a JPEG without metadata followed by a second
// image (as phones append a depth map or preview) whose EXIF has a GPS
// position.
func JPEGWithAppended() []byte { return append(JPEG(), JPEGWithGPS()...) }

// MP4iPhone returns the boxes of a video as an iPhone writes them: a
// QuickTime 'meta' box in 'moov' whose keys name the place it was filmed
// and the camera.
func MP4iPhone() []byte {
	keys := []byte{0, 0, 0, 0, 0, 0, 0, 2} // version and flags, count
	for _, k := range []string{"com.apple.quicktime.location.ISO6709", "com.apple.quicktime.make"} {
		keys = append(keys, box("mdta", []byte(k))...)
	}
	meta := append(box("hdlr", make([]byte, 25)), box("keys", keys)...)
	meta = append(meta, box("ilst", nil)...)
	out := box("ftyp", []byte("qt  \x00\x00\x00\x00qt  "))
	return append(out, box("moov", append(box("mvhd", make([]byte, 100)), box("meta", meta)...))...)
}

// MP4Author returns the boxes of a video whose track's user data holds
// its author and place, as 3GPP phones write them ('auth', 'loci').
func MP4Author() []byte {
	udta := append(box("auth", []byte("\x00\x00\x00\x00\x15\xc7Jane Example\x00")), box("loci", make([]byte, 24))...)
	trak := box("trak", append(box("tkhd", make([]byte, 84)), box("udta", udta)...))
	out := box("ftyp", []byte("3gp4\x00\x00\x02\x003gp4isom"))
	return append(out, box("moov", append(box("mvhd", make([]byte, 100)), trak...))...)
}
