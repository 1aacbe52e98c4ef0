package imaging

import (
	"context"
	"testing"
)

func newTestProcessor(t testing.TB, s Settings, cacheDir string) *Processor {
	t.Helper()
	p, err := New(s, cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDeriveGivesEveryWidthInWebPAndJPEG(t *testing.T) {
	s := DefaultSettings()
	s.Widths = []int{100, 200, 400}
	p := newTestProcessor(t, s, "")
	set, err := p.Derive(context.Background(), "a.jpg", jpegBytes(t, photo(300, 200, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if set.Width != 300 || set.Height != 200 || set.Fallback != JPEG {
		t.Errorf("set %dx%d fallback %s, want 300x200 jpeg", set.Width, set.Height, set.Fallback)
	}
	type wf struct {
		w, h int
		f    string
	}
	var got []wf
	for _, d := range set.Derivatives {
		got = append(got, wf{d.Width, d.Height, d.Format})
	}
	want := []wf{{100, 67, WebP}, {100, 67, JPEG}, {200, 133, WebP}, {200, 133, JPEG}, {300, 200, WebP}, {300, 200, JPEG}}
	if len(got) != len(want) {
		t.Fatalf("derivatives %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("derivative %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// A photo much wider than its widest derivative is shrunk before
// resampling; sizes whose sides do not divide evenly still come out at the
// right width and aspect.
func TestShrunkPhotoKeepsItsAspect(t *testing.T) {
	s := DefaultSettings()
	s.Widths = []int{50, 20}
	p := newTestProcessor(t, s, "")
	for _, size := range [][2]int{{301, 203}, {203, 301}, {299, 17}} {
		set, err := p.Derive(context.Background(), "a.png", pngBytes(t, photo(size[0], size[1], 8)))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range set.Derivatives {
			wantH := max(1, (size[1]*d.Width*2+size[0])/(2*size[0]))
			m := decodeAny(t, d)
			if m.Bounds().Dx() != d.Width || d.Height != wantH {
				t.Errorf("%v → %s %dx%d, want height %d", size, d.Format, d.Width, d.Height, wantH)
			}
		}
	}
}
