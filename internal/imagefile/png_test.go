package imagefile

import (
	"strings"
	"testing"
)

// chunks lists the chunks a walk gives, as "tEXt:data", with "cut" after
// one cut short, and whether the walk found the file complete.
func chunks(walk func([]byte, func(Chunk)) bool, b []byte) (string, bool) {
	var out []string
	complete := walk(b, func(c Chunk) {
		d := string(c.Type[:]) + ":" + string(c.Data)
		if c.Cut {
			d += " cut"
		}
		out = append(out, d)
	})
	return strings.Join(out, " "), complete
}

func TestPNGChunksAreGivenInOrderUpToIEND(t *testing.T) {
	b := pngFile(pngChunk("IHDR", "head"), pngChunk("tEXt", "Author\x00J"), pngChunk("IDAT", "px"), pngChunk("IEND", ""), pngChunk("tEXt", "after the end"))
	got, complete := chunks(PNGChunks, b)
	if want := "IHDR:head tEXt:Author\x00J IDAT:px IEND:"; got != want || !complete {
		t.Errorf("chunks %q (complete %v), want %q (complete)", got, complete, want)
	}
	if !PNGComplete(b) || !PNGComplete(realPNG(t)) {
		t.Error("a whole PNG is not complete")
	}
}

func TestPNGChunksGiveWhatThereIsOfOneCutShort(t *testing.T) {
	whole := pngFile(pngChunk("IHDR", "head"), pngChunk("eXIf", "MM\x00*data"), pngChunk("IEND", ""))
	cuts := []struct {
		at   int // bytes cut from the end
		want string
	}{
		{12 + 4, "IHDR:head eXIf:MM\x00*data cut"},  // its CRC
		{12 + 4 + 3, "IHDR:head eXIf:MM\x00*d cut"}, // its data
		{4, "IHDR:head eXIf:MM\x00*data IEND: cut"}, // IEND's CRC
		{12 + 16, "IHDR:head"},                      // its header
	}
	for _, c := range cuts {
		b := whole[:len(whole)-c.at]
		got, complete := chunks(PNGChunks, b)
		if got != c.want || complete || PNGComplete(b) {
			t.Errorf("cut %d bytes from the end: chunks %q (complete %v), want %q", c.at, got, complete, c.want)
		}
	}
}

func TestPNGWithoutIENDIsNotComplete(t *testing.T) {
	b := pngFile(pngChunk("IHDR", "head"), pngChunk("IDAT", "px"))
	if got, complete := chunks(PNGChunks, b); got != "IHDR:head IDAT:px" || complete {
		t.Errorf("chunks %q, complete %v", got, complete)
	}
}

func TestPNGChunkLengthsNearTheLimitAreCut(t *testing.T) {
	b := pngFile([]byte("\xFF\xFF\xFF\xFFtEXtAuthor"))
	if got, _ := chunks(PNGChunks, b); got != "tEXt:Author cut" {
		t.Errorf("chunks %q", got)
	}
}
