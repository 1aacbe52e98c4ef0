package metadata

import (
	"bytes"
	"strings"
)

// maxBoxes is how many ISO-BMFF boxes are read, in all.
const maxBoxes = 1 << 16

// xmpUUID is the type of the 'uuid' box that holds XMP.
var xmpUUID = []byte{0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC}

// bmff reads an ISO-BMFF file (HEIC, AVIF): the items its 'meta' box
// lists ('Exif', or XMP as a 'mime' item) and XMP 'uuid' boxes; or a
// video's 'moov' box.
func (s *scanner) bmff(b []byte) {
	budget := maxBoxes
	s.boxes(b, &budget, func(typ string, body []byte) {
		switch typ {
		case "ftyp":
			switch brand := string(body[:min(4, len(body))]); {
			case brand == "avif" || brand == "avis":
				s.format = "AVIF"
			case !heifBrands[brand]:
				s.format = "MP4"
			}
		case "moov":
			s.movie(body, &budget, 0)
		case "meta":
			if len(body) < 4 {
				return
			}
			s.boxes(body[4:], &budget, func(typ string, body []byte) {
				if typ == "iinf" {
					s.itemInfo(body, &budget)
				}
			})
		case "uuid":
			if bytes.HasPrefix(body, xmpUUID) {
				s.add(XMP, "XMP box", true)
			}
		}
	})
}

// heifBrands are the major brands of HEIF pictures (HEIC, AVIF); other
// ISO-BMFF files are videos (MP4, MOV).
var heifBrands = map[string]bool{
	"heic": true, "heix": true, "heim": true, "heis": true, "hevc": true, "hevx": true,
	"mif1": true, "msf1": true, "avif": true, "avis": true,
}

// maxMovieDepth is how deep the boxes of a video's 'moov' box are read:
// moov, trak, udta or meta, ilst, an item.
const maxMovieDepth = 6

// movie reads a video's 'moov' box, and its tracks ('trak'): their user
// data ('udta', as Android and 3GPP write it) and metadata ('meta', as
// iPhones write it, or as iTunes does inside 'udta') may hold the place it
// was filmed, the camera and its owner, and XMP.
func (s *scanner) movie(b []byte, budget *int, depth int) {
	if depth >= maxMovieDepth {
		return
	}
	s.boxes(b, budget, func(typ string, body []byte) {
		switch typ {
		case "trak", "udta", "ilst":
			s.movie(body, budget, depth+1)
		case "meta":
			// An ISO 'meta' box begins with a version and flags; a
			// QuickTime one (an iPhone's) with its 'hdlr' box.
			if len(body) >= 8 && string(body[4:8]) != "hdlr" {
				body = body[4:]
			}
			s.movie(body, budget, depth+1)
		case "keys":
			s.movieKeys(body, budget)
		case "\xa9xyz", "loci":
			s.add(GPS, boxName(typ), true)
		case "XMP_":
			s.add(XMP, "XMP_ box", true)
		case "auth", "\xa9aut", "\xa9ART", "\xa9wrt", "perf":
			s.add(Property, boxName(typ), true)
		case "\xa9mak", "\xa9mod":
			s.add(EXIF, "camera", true)
		}
	})
}

// movieKeys reads the names of the metadata an iPhone video holds
// ('keys': com.apple.quicktime.location.ISO6709 and the like).
func (s *scanner) movieKeys(b []byte, budget *int) {
	if len(b) < 8 {
		return
	}
	s.boxes(b[8:], budget, func(_ string, name []byte) { // each key: its namespace, then its name
		switch k := strings.ToLower(string(name)); {
		case strings.Contains(k, "location"):
			s.add(GPS, "location key", true)
		case strings.Contains(k, "author") || strings.Contains(k, "artist") || strings.Contains(k, "owner"):
			s.add(Property, printable(string(name)), true)
		case strings.HasSuffix(k, ".make") || strings.HasSuffix(k, ".model"):
			s.add(EXIF, "camera", true)
		}
	})
}

// boxes calls fn with the type and body of each box in b.
func (s *scanner) boxes(b []byte, budget *int, fn func(typ string, body []byte)) {
	i := 0
	for i+8 <= len(b) && *budget > 0 {
		*budget--
		size, head := be32(b, i), 8
		switch size {
		case 0:
			size = len(b) - i
		case 1:
			if i+16 > len(b) || be32(b, i+8) != 0 {
				return // past the end, or over 4 GB
			}
			size, head = be32(b, i+12), 16
		}
		if size < head || size > len(b)-i {
			return
		}
		fn(string(b[i+4:i+8]), b[i+head:i+size])
		i += size
	}
}

// itemInfo reads an 'iinf' box's item entries.
func (s *scanner) itemInfo(b []byte, budget *int) {
	if len(b) < 4 {
		return
	}
	skip := 6 // version, flags, 16-bit entry count
	if b[0] != 0 {
		skip = 8
	}
	if len(b) < skip {
		return
	}
	s.boxes(b[skip:], budget, func(typ string, e []byte) {
		if typ != "infe" || len(e) < 4 || e[0] < 2 {
			return
		}
		i := 4 + 2 + 2 // version and flags, item id, protection index
		if e[0] >= 3 {
			i += 2
		}
		if i+4 > len(e) {
			return
		}
		switch string(e[i : i+4]) {
		case "Exif":
			s.add(EXIF, "Exif item", true)
		case "mime":
			rest := e[i+4:]
			if _, after, ok := bytes.Cut(rest, []byte{0}); ok { // the item name
				rest = after
			}
			ct, _, _ := bytes.Cut(rest, []byte{0})
			if bytes.Contains(ct, []byte("rdf+xml")) {
				s.add(XMP, "XMP item", true)
			}
		}
	})
}

// boxName names a box for a message: "©xyz box".
func boxName(typ string) string {
	if strings.HasPrefix(typ, "\xa9") {
		return "©" + printable(typ[1:]) + " box"
	}
	return printable(typ) + " box"
}
