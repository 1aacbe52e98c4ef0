package imagefile

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
)

// listed lists entries as "tag/type/count=value", the value of a SHORT
// as its Short, of others as their Value.
func listed(es []Entry) string {
	var out []string
	for _, e := range es {
		v := e.Value
		if e.Type == 3 {
			v = e.Short
		}
		out = append(out, fmt.Sprintf("%X/%d/%d=%d", e.Tag, e.Type, e.Count, v))
	}
	return strings.Join(out, " ")
}

func TestTIFFDirectoriesReadInEitherByteOrder(t *testing.T) {
	for name, order := range map[string]byteOrder{"II": binary.LittleEndian, "MM": binary.BigEndian} {
		b := tiffFile(order, 0, []entry{{0x0112, 3, 1, 6}, {0x8825, 4, 1, 0x40}, {0x013B, 2, 20, 0x1234}})
		tf, ok := ParseTIFF(b)
		if !ok {
			t.Fatalf("%s: not a TIFF", name)
		}
		var es []Entry
		next := tf.Directory(tf.First(), func(e Entry) { es = append(es, e) })
		if want := "112/3/1=6 8825/4/1=64 13B/2/20=4660"; listed(es) != want || next != 0 {
			t.Errorf("%s: entries %q and next %d, want %q and 0", name, listed(es), next, want)
		}
	}
}

func TestTIFFDirectoriesFollowTheChainOnce(t *testing.T) {
	ifd0 := []entry{{0x010F, 2, 5, 0}}
	ifd1 := []entry{{0x0201, 4, 1, 100}}
	b := tiffFile(binary.LittleEndian, 8, ifd0, ifd1) // IFD1 points back to IFD0
	tf, _ := ParseTIFF(b)
	var es []Entry
	tf.Directories(func(e Entry) { es = append(es, e) })
	if got := listed(es); got != "10F/2/5=0 201/4/1=100" {
		t.Errorf("entries %q: each directory once", got)
	}
}

func TestTIFFDirectoriesAreBounded(t *testing.T) {
	// A chain of more directories than are read.
	dirs := make([][]entry, maxDirectories+10)
	for i := range dirs {
		dirs[i] = []entry{{i, 3, 1, i}}
	}
	tf, _ := ParseTIFF(tiffFile(binary.BigEndian, 0, dirs...))
	n := 0
	tf.Directories(func(Entry) { n++ })
	if n != maxDirectories {
		t.Errorf("read %d directories, want %d", n, maxDirectories)
	}
}

func TestTIFFDirectoryCutShortGivesItsWholeEntries(t *testing.T) {
	b := tiffFile(binary.LittleEndian, 0, []entry{{1, 3, 1, 1}, {2, 3, 1, 2}, {3, 3, 1, 3}})
	for cut, wantNext := range map[int]int{3: 0, 5: 0x00030003} { // the next offset read from the third entry's tag and type
		tf, _ := ParseTIFF(b[:8+2+12*2+cut])
		var es []Entry
		next := tf.Directory(tf.First(), func(e Entry) { es = append(es, e) })
		if got := listed(es); got != "1/3/1=1 2/3/1=2" || next != wantNext {
			t.Errorf("cut %d bytes into the third entry: entries %q, next %#x; want 2 entries, next %#x", cut, got, next, wantNext)
		}
	}
}

func TestTIFFOffsetsOutsideTheStructureGiveNothing(t *testing.T) {
	b := tiffFile(binary.LittleEndian, 0, []entry{{1, 3, 1, 1}})
	tf, _ := ParseTIFF(b)
	for _, off := range []int{-1, 0, 4, 7, len(b) - 1, len(b), 1 << 40} {
		n := 0
		if next := tf.Directory(off, func(Entry) { n++ }); n != 0 || next != 0 {
			t.Errorf("directory at %d: %d entries, next %d", off, n, next)
		}
	}
}

func TestEXIFMayBeginWithItsAPP1Header(t *testing.T) {
	b := tiffFile(binary.BigEndian, 0, []entry{{0x0112, 3, 1, 8}})
	for _, exif := range [][]byte{b, append([]byte("Exif\x00\x00"), b...)} {
		tf, ok := ParseEXIF(exif)
		var es []Entry
		tf.Directory(tf.First(), func(e Entry) { es = append(es, e) })
		if !ok || len(es) != 1 || es[0].Short != 8 {
			t.Errorf("%q: %v %q", exif[:6], ok, listed(es))
		}
	}
	if _, ok := ParseTIFF(append([]byte("Exif\x00\x00"), b...)); ok {
		t.Error("ParseTIFF took an EXIF header")
	}
	if _, ok := ParseTIFF(b[:7]); ok {
		t.Error("a header cut short is a TIFF")
	}
}

func TestFindGivesTheFirstEntryOfATag(t *testing.T) {
	b := tiffFile(binary.BigEndian, 0, []entry{{0x010F, 2, 5, 0}, {0x0112, 3, 1, 6}, {0x0112, 3, 1, 3}})
	tf, _ := ParseTIFF(b)
	if e, ok := tf.Find(tf.First(), 0x0112); !ok || e.Short != 6 {
		t.Errorf("Find gave %+v, %v; want the first orientation, 6", e, ok)
	}
	if e, ok := tf.Find(tf.First(), 0x0110); ok {
		t.Errorf("Find gave %+v for a tag the directory does not have", e)
	}
	if e, ok := tf.Find(4, 0x0112); ok {
		t.Errorf("Find gave %+v in the header", e)
	}
}
