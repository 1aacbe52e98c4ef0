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
