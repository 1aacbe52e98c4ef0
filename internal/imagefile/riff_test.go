package imagefile

import (
	"encoding/binary"
	"testing"
)

// riffChunks is RIFFChunks, reporting whether the file is complete, to
// list with chunks.
func riffChunks(b []byte, fn func(Chunk)) bool {
	RIFFChunks(b, fn)
	return WebPComplete(b)
}

func TestRIFFChunksStepOverPadding(t *testing.T) {
	b := webpFile([2]string{"VP8X", "0123456789"}, [2]string{"ICCP", "odd"}, [2]string{"EXIF", "Exif\x00\x00II*\x00"}, [2]string{"XMP ", "<x/>"})
	got, complete := chunks(riffChunks, b)
	if want := "VP8X:0123456789 ICCP:odd EXIF:Exif\x00\x00II*\x00 XMP :<x/>"; got != want || !complete {
		t.Errorf("chunks %q (complete %v), want %q (complete)", got, complete, want)
	}
}

func TestRIFFChunksAreReadPastTheSizeTheHeaderGives(t *testing.T) {
	// What a file holds after the size its header gives is still in it.
	b := webpFile([2]string{"VP8L", "bits"})
	b = append(b, "XMP \x04\x00\x00\x00<x/>"...)
	got, complete := chunks(riffChunks, b)
	if want := "VP8L:bits XMP :<x/>"; got != want || !complete {
		t.Errorf("chunks %q (complete %v), want %q (complete)", got, complete, want)
	}
}

func TestRIFFChunksGiveWhatThereIsOfOneCutShort(t *testing.T) {
	b := webpFile([2]string{"VP8L", "bits"}, [2]string{"EXIF", "MM\x00*0123"})
	b = b[:len(b)-3]
	got, complete := chunks(riffChunks, b)
	if want := "VP8L:bits EXIF:MM\x00*0 cut"; got != want || complete {
		t.Errorf("chunks %q (complete %v), want %q (not complete)", got, complete, want)
	}
	huge := webpFile([2]string{"VP8L", "bits"})
	huge = append(huge, "EXIF\xFF\xFF\xFF\xFFMM"...)
	if got, _ := chunks(riffChunks, huge); got != "VP8L:bits EXIF:MM cut" {
		t.Errorf("a chunk of 4 GB: %q", got)
	}
}

func TestAnimatedWebPIsKnownByItsExtendedHeader(t *testing.T) {
	flags := func(f byte) []byte {
		return webpFile([2]string{"VP8X", string([]byte{f, 0, 0, 0, 9, 0, 0, 9, 0, 0})}, [2]string{"ANIM", "123456"})
	}
	if !WebPAnimated(flags(0x02)) || !WebPAnimated(flags(0x12)) {
		t.Error("a WebP with the animation flag is not animated")
	}
	if WebPAnimated(flags(0x10)) || WebPAnimated(webpFile([2]string{"VP8L", "bits"})) {
		t.Error("a still WebP is animated")
	}
}

func TestWebPCutShortIsNotComplete(t *testing.T) {
	b := webpFile([2]string{"VP8L", "bits"})
	if !WebPComplete(b) || WebPComplete(b[:len(b)-1]) || WebPComplete(b[:6]) {
		t.Error("WebPComplete does not follow the RIFF size")
	}
	binary.LittleEndian.PutUint32(b[4:], 0xFFFFFFFF)
	if WebPComplete(b) {
		t.Error("a RIFF size of 4 GB is complete")
	}
}
