package metadata

import (
	"bytes"

	"github.com/alaqsa-ira/site/internal/imagefile"
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
		scan := imagefile.JPEGSegments(b, s.jpegSegment)
		if scan < 0 {
			return
		}
		if b = imagefile.NextJPEG(b, scan); b == nil {
			return
		}
	}
}

// jpegSegment records what a segment holds, or what there is of it.
func (s *scanner) jpegSegment(seg imagefile.Segment) {
	switch seg.Marker {
	case imagefile.APP1:
		switch {
		case bytes.HasPrefix(seg.Data, []byte("Exif\x00")):
			s.exif(seg.Data, "APP1 Exif")
		case bytes.HasPrefix(seg.Data, xmpJPEG) || bytes.HasPrefix(seg.Data, xmpJPEGExt):
			s.add(XMP, "APP1 XMP", true)
		}
	case imagefile.APP13:
		if bytes.HasPrefix(seg.Data, []byte("Photoshop 3.0\x00")) {
			s.add(IPTC, "APP13 Photoshop", true)
		}
	case imagefile.COM:
		s.add(Comment, "COM", false)
	}
}
