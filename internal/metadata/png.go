package metadata

import (
	"bytes"
	"strings"

	"github.com/alaqsa-ira/site/internal/imagefile"
)

// png reads a PNG's chunks, and what there is of one cut short.
func (s *scanner) png(b []byte) {
	imagefile.PNGChunks(b, func(c imagefile.Chunk) {
		switch typ := string(c.Type[:]); typ {
		case "eXIf":
			s.exif(c.Data, "eXIf")
		case "tEXt", "zTXt", "iTXt":
			s.pngText(typ, c.Data)
		}
	})
}

// pngText records a text chunk by its keyword.
func (s *scanner) pngText(typ string, data []byte) {
	kw, _, _ := bytes.Cut(data, []byte{0})
	if len(kw) > 79 {
		kw = kw[:79]
	}
	key := string(kw)
	where := typ + " " + cleanName(key)
	switch lower := strings.ToLower(key); {
	case key == "XML:com.adobe.xmp" || lower == "raw profile type xmp":
		s.add(XMP, where, true)
	case lower == "raw profile type exif" || lower == "raw profile type app1":
		s.add(EXIF, where, true)
	case lower == "raw profile type iptc" || lower == "raw profile type 8bim":
		s.add(IPTC, where, true)
	case lower == "author" || lower == "copyright" || lower == "source" || lower == "creation time":
		s.add(Property, where, true)
	default:
		s.add(Comment, where, false)
	}
}
