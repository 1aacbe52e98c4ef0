package metadata

import "github.com/alaqsa-ira/site/internal/imagefile"

// webp reads a WebP's chunks, and what there is of one cut short.
func (s *scanner) webp(b []byte) {
	imagefile.RIFFChunks(b, func(c imagefile.Chunk) {
		switch string(c.Type[:]) {
		case "EXIF":
			s.exif(c.Data, "EXIF chunk")
		case "XMP ":
			s.add(XMP, "XMP chunk", true)
		}
	})
}
