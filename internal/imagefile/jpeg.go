package imagefile

import "bytes"

// JPEG markers: the byte after 0xFF that begins a segment.
const (
	SOF0  = 0xC0 // frame header, baseline
	SOF1  = 0xC1 // frame header, extended sequential
	SOF2  = 0xC2 // frame header, progressive
	APP0  = 0xE0 // JFIF
	APP1  = 0xE1 // EXIF, XMP
	APP2  = 0xE2 // ICC profile
	APP13 = 0xED // Photoshop: IPTC
	APP14 = 0xEE // Adobe: colour transform
	COM   = 0xFE // comment

	sos = 0xDA // start of scan: the image data follows
	eoi = 0xD9 // end of image
)

// A Segment is a marker segment of a JPEG.
type Segment struct {
	Marker byte   // the byte after 0xFF: APP1, SOF0...
	Data   []byte // the bytes after its length
	Cut    bool   // its length runs past the end of the bytes: Data is what there is
}

// JPEGSegments calls fn, if not nil, with each marker segment of the JPEG
// in b (which IsJPEG) from the first after its start-of-image marker to
// the last before its first scan, skipping fill bytes and the markers
// that have no length (SOI, TEM, RSTn). It returns the offset of the
// start-of-scan marker that follows them, where the image data's header
// begins, or -1 when the walk ends before one: at an end-of-image marker,
// at a byte where a marker should be that is not one, at a segment length
// under 2, or at the end of b (after giving fn the segment cut short, if
// one is).
func JPEGSegments(b []byte, fn func(Segment)) int {
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return -1 // not a marker: the file is damaged
		}
		m := b[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0xD8 || m == 0x01 || m >= 0xD0 && m <= 0xD7: // SOI, TEM, RSTn: no length
			i += 2
			continue
		case m == sos:
			return i
		case m == eoi:
			return -1
		}
		n := int(b[i+2])<<8 | int(b[i+3])
		if n < 2 {
			return -1
		}
		end := i + 2 + n
		if end > len(b) {
			if fn != nil {
				fn(Segment{Marker: m, Data: b[i+4:], Cut: true})
			}
			return -1
		}
		if fn != nil {
			fn(Segment{Marker: m, Data: b[i+4 : end]})
		}
		i = end
	}
	return -1
}

// JPEGComplete reports whether the JPEG in b has an end-of-image marker
// after the start of its first scan: a copy cut short has not. (An EXIF
// thumbnail before the scan carries an end marker of its own.)
func JPEGComplete(b []byte) bool {
	scan := JPEGSegments(b, nil)
	return scan > 0 && bytes.LastIndex(b, []byte{0xFF, eoi}) > scan
}

// NextJPEG returns b from the start of the image that follows the end of
// the JPEG whose first scan begins at scan (as JPEGSegments returned it),
// or nil if none does: phones append images (a depth map, a larger
// preview) to the photo, each with segments of its own. The image data
// holds no 0xFF 0xD9 but the end of the image.
func NextJPEG(b []byte, scan int) []byte {
	end := bytes.Index(b[scan:], []byte{0xFF, eoi})
	if end < 0 {
		return nil
	}
	b = b[scan+end+2:]
	next := bytes.Index(b, soi)
	if next < 0 {
		return nil
	}
	return b[next:]
}
