package metadata

// gif walks a GIF's blocks.
func (s *scanner) gif(b []byte) {
	i := 13 // header and logical screen descriptor
	if len(b) < i {
		return
	}
	if p := b[10]; p&0x80 != 0 {
		i += 3 << (p&7 + 1) // global colour table
	}
	for i < len(b) {
		switch b[i] {
		case 0x21: // extension
			if i+2 > len(b) {
				return
			}
			label := b[i+1]
			i += 2
			if label == 0xFE {
				s.add(Comment, "comment extension", false)
			}
			if label == 0xFF && i < len(b) && b[i] == 11 && i+12 <= len(b) {
				switch app := string(b[i+1 : i+12]); app {
				case "XMP DataXMP":
					s.add(XMP, "XMP application extension", true)
				case "NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012":
				default:
					s.add(Comment, "application extension "+printable(app), false)
				}
			}
			i = subBlocks(b, i)
		case 0x2C: // image
			if i+10 > len(b) {
				return
			}
			p := b[i+9]
			i += 10
			if p&0x80 != 0 {
				i += 3 << (p&7 + 1) // local colour table
			}
			i = subBlocks(b, i+1) // after the LZW code size
		default: // 0x3B, the trailer, or damage
			return
		}
	}
}

// subBlocks skips the data sub-blocks at i and returns the index after
// their terminator.
func subBlocks(b []byte, i int) int {
	for i < len(b) {
		n := int(b[i])
		i += 1 + n
		if n == 0 {
			break
		}
	}
	return i
}

// printable replaces what is not printable ASCII by '?'.
func printable(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c < 0x20 || c > 0x7E {
			out[i] = '?'
		}
	}
	return string(out)
}
