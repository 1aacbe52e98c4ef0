package imaging

import "testing"

func TestOrientationAndProfileAreReadFromEveryFormat(t *testing.T) {
	want := map[string]struct {
		orientation int
		profile     string
	}{
		"a.jpg":  {6, "Display P3"}, // the profile in three APP2 segments
		"a.png":  {8, "Adobe RGB (1998)"},
		"a.webp": {3, "Display P3"},
	}
	for name, src := range headerSources(t) {
		m := scanMeta(sniff(src), src)
		p, err := parseICC(m.icc)
		if err != nil || p == nil || m.orientation != want[name].orientation || p.desc != want[name].profile {
			t.Errorf("%s: orientation %d and profile %v (%v), want %d and %q", name, m.orientation, p, err, want[name].orientation, want[name].profile)
		}
	}
}

func TestBlocksCutShortAreIgnored(t *testing.T) {
	webp := webpWithChunks(webpHeader(64, 48), [2]string{"EXIF", "Exif\x00\x00" + string(exifTIFF(6))})
	if m := scanMeta(WebP, webp[:len(webp)-1]); m.orientation != 1 {
		t.Errorf("a WebP whose EXIF chunk is cut short has orientation %d", m.orientation)
	}
	png := withPNGChunks(pngBytes(t, photo(8, 6, 1)), pngChunk("eXIf", exifTIFF(6)))
	if m := scanMeta(PNG, png[:8+25+len(exifTIFF(6))+8]); m.orientation != 1 {
		t.Errorf("a PNG whose eXIf chunk has no CRC has orientation %d", m.orientation)
	}
	if m := scanMeta(PNG, png); m.orientation != 6 {
		t.Errorf("the PNG whole has orientation %d", m.orientation)
	}
}
