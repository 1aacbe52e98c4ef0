package metadata

// webp walks a WebP's chunks (after "RIFF", the size and "WEBP").
func (s *scanner) webp(b []byte) {
	i := 0
	for i+8 <= len(b) {
		n := le32(b, i+4)
		end := len(b)
		if n <= len(b)-i-8 {
			end = i + 8 + n
		}
		switch string(b[i : i+4]) {
		case "EXIF":
			s.exif(b[i+8:end], "EXIF chunk")
		case "XMP ":
			s.add(XMP, "XMP chunk", true)
		}
		if n > len(b)-i-8 {
			return
		}
		i += 8 + n + n&1
	}
}
