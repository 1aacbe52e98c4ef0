package metadata

import "bytes"

var (
	// jp2Signature begins a JPEG 2000 file (JP2, JPX): its signature box.
	jp2Signature = []byte{0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A}
	// j2kSignature begins a bare JPEG 2000 codestream (as PDFs may hold):
	// SOC and SIZ markers, with no room for metadata but comments.
	j2kSignature = []byte{0xFF, 0x4F, 0xFF, 0x51}
	// The types of the 'uuid' boxes that hold EXIF and a place.
	exifUUID   = []byte("JpgTiffExif->JP2")
	geoJP2UUID = []byte{0xB1, 0x4B, 0xF8, 0xBD, 0x08, 0x3D, 0x4B, 0x43, 0xA5, 0xAE, 0x8C, 0xD7, 0xD5, 0xA6, 0xCE, 0x03}
)

// maxJP2Depth is how deep the boxes of a JPEG 2000 file are read
// (association boxes hold others).
const maxJP2Depth = 8

// jp2 reads a JPEG 2000 file's boxes: XML boxes (XMP, or GML that places
// the picture on a map), 'uuid' boxes of XMP, EXIF and GeoJP2, and the
// association boxes that hold them.
func (s *scanner) jp2(b []byte) {
	budget := maxBoxes
	s.jp2Boxes(b, &budget, 0)
}

func (s *scanner) jp2Boxes(b []byte, budget *int, depth int) {
	if depth >= maxJP2Depth {
		return
	}
	s.boxes(b, budget, func(typ string, body []byte) {
		switch typ {
		case "xml ":
			s.add(XMP, "XML box", true)
		case "uuid":
			switch {
			case bytes.HasPrefix(body, xmpUUID):
				s.add(XMP, "XMP box", true)
			case bytes.HasPrefix(body, exifUUID):
				s.exif(body[len(exifUUID):], "EXIF box")
			case bytes.HasPrefix(body, geoJP2UUID):
				s.add(GPS, "GeoJP2 box", true)
			}
		case "asoc", "jp2h", "res ":
			s.jp2Boxes(body, budget, depth+1)
		}
	})
}
