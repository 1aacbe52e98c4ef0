package metadata

import "bytes"

// JPEG markers.
const (
	markerSOS  = 0xDA // start of scan: the image data follows
	markerEOI  = 0xD9
	markerAPP1 = 0xE1 // EXIF, XMP
	markerAP13 = 0xED // Photoshop: IPTC
	markerCOM  = 0xFE
)

var (
	xmpJPEG    = []byte("http://ns.adobe.com/xap/1.0/\x00")
	xmpJPEGExt = []byte("http://ns.adobe.com/xmp/extension/\x00")
)

// maxJPEGs is how many JPEGs of one file are read: phones append more
// images (a depth map, a larger preview) after the first, each with its
// own segments.
const maxJPEGs = 16

// jpeg reads a JPEG's segments, and those of the images appended to it.
func (s *scanner) jpeg(b []byte) {
	for range maxJPEGs {
		end := s.jpegSegments(b)
		if end < 0 {
			return
		}
		// The image data holds no 0xFF 0xD9 but the end of the image.
		eoi := bytes.Index(b[end:], []byte{0xFF, markerEOI})
		if eoi < 0 {
			return
		}
		b = b[end+eoi+2:]
		next := bytes.Index(b, []byte{0xFF, 0xD8, 0xFF})
		if next < 0 {
			return
		}
		b = b[next:]
	}
}

// jpegSegments walks a JPEG's segments up to its image data, and returns
// where that begins, or -1 if it does not.
func (s *scanner) jpegSegments(b []byte) int {
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
		case m == 0x01 || m >= 0xD0 && m <= 0xD7: // markers without a length
			i += 2
			continue
		case m == markerSOS:
			return i
		case m == markerEOI:
			return -1
		}
		n := be16(b, i+2)
		if n < 2 {
			return -1
		}
		seg := b[i+4 : min(len(b), i+2+n)]
		switch m {
		case markerAPP1:
			switch {
			case bytes.HasPrefix(seg, []byte("Exif\x00")):
				s.exif(seg, "APP1 Exif")
			case bytes.HasPrefix(seg, xmpJPEG) || bytes.HasPrefix(seg, xmpJPEGExt):
				s.add(XMP, "APP1 XMP", true)
			}
		case markerAP13:
			if bytes.HasPrefix(seg, []byte("Photoshop 3.0\x00")) {
				s.add(IPTC, "APP13 Photoshop", true)
			}
		case markerCOM:
			s.add(Comment, "COM", false)
		}
		i += 2 + n
	}
	return -1
}
