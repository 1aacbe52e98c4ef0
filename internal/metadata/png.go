package metadata

import (
	"bytes"
	"strings"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// png walks a PNG's chunks.
func (s *scanner) png(b []byte) {
	i := len(pngSignature)
	for i+8 <= len(b) {
		n := be32(b, i)
		typ := string(b[i+4 : i+8])
		end := len(b)
		if n <= len(b)-i-8 {
			end = i + 8 + n
		}
		data := b[i+8 : end]
		switch typ {
		case "eXIf":
			s.exif(data, "eXIf")
		case "tEXt", "zTXt", "iTXt":
			s.pngText(typ, data)
		case "IEND":
			return
		}
		if n > len(b)-i-12 {
			return // the chunk runs past the end
		}
		i += 12 + n
	}
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
