package build

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/andybalholm/brotli"
)

// woff2Cmap returns the characters a WOFF2 font maps to a glyph, read
// from its cmap table (formats 4 and 12), which WOFF2 stores untransformed
// in its one Brotli stream.
func woff2Cmap(data []byte) (map[rune]bool, error) {
	if len(data) < 48 || string(data[:4]) != "wOF2" {
		return nil, fmt.Errorf("not a WOFF2 file")
	}
	be := binary.BigEndian
	numTables := int(be.Uint16(data[12:]))
	compressed := int(be.Uint32(data[20:]))
	known := []string{"cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm", "glyf", "loca", "prep"}
	off := 48
	base128 := func() (int, error) {
		v := 0
		for i := 0; i < 5 && off < len(data); i++ {
			b := data[off]
			off++
			v = v<<7 | int(b&0x7f)
			if b&0x80 == 0 {
				return v, nil
			}
		}
		return 0, fmt.Errorf("bad UIntBase128 at %d", off)
	}
	type table struct {
		tag    string
		length int
	}
	var tables []table
	for range numTables {
		if off >= len(data) {
			return nil, fmt.Errorf("truncated table directory")
		}
		flags := data[off]
		off++
		tag := ""
		switch i := int(flags & 0x3f); {
		case i == 63:
			tag = string(data[off : off+4])
			off += 4
		case i < len(known):
			tag = known[i]
		default:
			tag = fmt.Sprintf("#%d", i) // a known tag this reader does not need
		}
		length, err := base128()
		if err != nil {
			return nil, err
		}
		version := flags >> 6
		if transformed := (tag == "glyf" || tag == "loca") == (version == 0); transformed {
			if length, err = base128(); err != nil {
				return nil, err
			}
		}
		tables = append(tables, table{tag, length})
	}
	if off+compressed > len(data) {
		return nil, fmt.Errorf("truncated font data")
	}
	stream, err := io.ReadAll(brotli.NewReader(bytes.NewReader(data[off : off+compressed])))
	if err != nil {
		return nil, err
	}
	var cmap []byte
	for pos, i := 0, 0; i < len(tables); pos, i = pos+tables[i].length, i+1 {
		if tables[i].tag == "cmap" && pos+tables[i].length <= len(stream) {
			cmap = stream[pos : pos+tables[i].length]
		}
	}
	if len(cmap) < 4 {
		return nil, fmt.Errorf("no cmap table")
	}
	out := map[rune]bool{}
	for i := range int(be.Uint16(cmap[2:])) {
		sub := cmap[be.Uint32(cmap[8+8*i:]):]
		switch be.Uint16(sub) {
		case 4:
			segs := int(be.Uint16(sub[6:])) / 2
			ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
			for s := range segs {
				end, start := int(be.Uint16(sub[ends+2*s:])), int(be.Uint16(sub[starts+2*s:]))
				delta, ro := int(be.Uint16(sub[deltas+2*s:])), int(be.Uint16(sub[ranges+2*s:]))
				for c := start; c <= end && c != 0xffff; c++ {
					g := (c + delta) & 0xffff
					if ro != 0 {
						at := ranges + 2*s + ro + 2*(c-start)
						if g = int(be.Uint16(sub[at:])); g != 0 {
							g = (g + delta) & 0xffff
						}
					}
					if g != 0 {
						out[rune(c)] = true
					}
				}
			}
		case 12:
			for g := range int(be.Uint32(sub[12:])) {
				group := sub[16+12*g:]
				for c := be.Uint32(group); c <= be.Uint32(group[4:]); c++ {
					out[rune(c)] = true
				}
			}
		}
	}
	return out, nil
}

// fontFace is an @font-face of site.css: its file and unicode-range.
type fontFace struct {
	file   string
	ranges [][2]rune
}

func (f fontFace) covers(r rune) bool {
	for _, rg := range f.ranges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

func fontFaces(t *testing.T, css string) []fontFace {
	t.Helper()
	var out []fontFace
	for _, block := range regexp.MustCompile(`(?s)@font-face\s*\{(.*?)\}`).FindAllStringSubmatch(css, -1) {
		src := regexp.MustCompile(`url\("?\.\./(fonts/[^")]+)"?\)`).FindStringSubmatch(block[1])
		rng := regexp.MustCompile(`unicode-range:\s*([^;]+);`).FindStringSubmatch(block[1])
		if src == nil || rng == nil {
			t.Fatalf("site.css: an @font-face without a local font file or a unicode-range:\n%s", block[1])
		}
		f := fontFace{file: "static/" + src[1]}
		for _, part := range strings.Split(rng[1], ",") {
			lo, hi, isRange := strings.Cut(strings.TrimPrefix(strings.TrimSpace(part), "U+"), "-")
			if !isRange {
				hi = lo
			}
			a, err1 := strconv.ParseUint(lo, 16, 32)
			b, err2 := strconv.ParseUint(hi, 16, 32)
			if err1 != nil || err2 != nil {
				t.Fatalf("site.css: unicode-range part %q does not parse", part)
			}
			f.ranges = append(f.ranges, [2]rune{rune(a), rune(b)})
		}
		out = append(out, f)
	}
	return out
}

// TestArabicFontCoversTheSpacesItHas reads the Arabic web fonts and checks
// their unicode-range against them: the spaces and punctuation each font
// has are in its range (so spaces in Arabic text are the font's on every
// system), and the range claims no Latin-1 character the font lacks.
func TestArabicFontCoversTheSpacesItHas(t *testing.T) {
	css, err := os.ReadFile(repoRoot + "/static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	faces := fontFaces(t, string(css))
	if len(faces) == 0 {
		t.Fatal("site.css has no @font-face")
	}
	for _, f := range faces {
		data, err := os.ReadFile(repoRoot + "/" + f.file)
		if err != nil {
			t.Fatal(err)
		}
		has, err := woff2Cmap(data)
		if err != nil {
			t.Fatalf("%s: %v", f.file, err)
		}
		for _, r := range []rune{' ', '\u00a0', 'ب', '،', '؟', '٣'} {
			if !has[r] {
				t.Errorf("%s has no glyph for U+%04X: the subset is not the one this test knows", f.file, r)
			}
		}
		var missing []string
		for r := range has {
			if (unicode.IsSpace(r) || unicode.IsPunct(r)) && !f.covers(r) {
				missing = append(missing, fmt.Sprintf("U+%04X", r))
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s has %s, but its unicode-range leaves them to another font", f.file, strings.Join(missing, ", "))
		}
		var claimed []string
		for r := rune(0x20); r <= 0xff; r++ {
			if f.covers(r) && !has[r] {
				claimed = append(claimed, fmt.Sprintf("U+%04X", r))
			}
		}
		if len(claimed) > 0 {
			t.Errorf("%s: its unicode-range claims %s, which the font has no glyph for", f.file, strings.Join(claimed, ", "))
		}
	}
}
