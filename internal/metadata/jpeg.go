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

// jpeg walks a JPEG's segments up to its image data.
func (s *scanner) jpeg(b []byte) {
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return // not a marker: the file is damaged
		}
		m := b[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0x01 || m >= 0xD0 && m <= 0xD7: // markers without a length
			i += 2
			continue
		case m == markerSOS || m == markerEOI:
			return
		}
		n := be16(b, i+2)
		if n < 2 {
			return
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
}
