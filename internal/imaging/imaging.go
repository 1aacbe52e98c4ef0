// Package imaging turns an editor's photo into the files a reader downloads.
//
// A source image (JPEG, PNG or WebP) is never published as it is. Derive
// checks its header first and refuses, before decoding a single pixel, a file
// that is empty, truncated, not the format its extension says, or larger than
// Settings.MaxSide on a side or Settings.MaxPixels in area (a decompression
// bomb is refused without allocating its pixels). The accepted image is then
// decoded, turned upright by its EXIF orientation, converted from its embedded
// colour profile (Display P3, Adobe RGB, or any RGB matrix/TRC profile) to
// sRGB, and resampled to each of Settings.Widths that is narrower than the
// image (never upscaled: an image narrower than every width gives one
// derivative at its own width). Each width is encoded twice: as WebP and as a
// fallback, JPEG for opaque images and PNG for images with transparency. The
// encoders write no metadata, so EXIF (GPS position, time, camera), XMP,
// IPTC, comments, thumbnails and the colour profile are all gone.
//
// Output is deterministic: the same source bytes and settings give
// byte-identical derivatives whatever GOMAXPROCS is. Derivatives are cached
// on disk by the SHA-256 of the source bytes and everything that shapes the
// output (widths, qualities, encoder versions), so a rebuild of an unchanged
// site encodes nothing; Stats counts encodes and cache hits.
//
// A Processor is safe for concurrent use. It decodes and encodes at most
// Settings.Workers images at a time (GOMAXPROCS by default); see Derive for
// the peak memory of one image.
package imaging

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/alaqsa-ira/site/internal/diag"
	"golang.org/x/sync/semaphore"
)

// Output formats, as found in Info.Format and Derivative.Format.
const (
	JPEG = "jpeg"
	PNG  = "png"
	WebP = "webp"
)

// Errors that Inspect and Derive wrap (test with errors.Is); the error itself
// is a *diag.Error reading "name: message" with the fix.
var (
	// ErrEmpty: the file has no bytes.
	ErrEmpty = errors.New("empty image")
	// ErrCorrupt: the file is truncated or not a valid image.
	ErrCorrupt = errors.New("corrupt image")
	// ErrUnsupported: the content is not JPEG, PNG or WebP.
	ErrUnsupported = errors.New("unsupported image format")
	// ErrWrongExtension: the file's extension names another format than its content.
	ErrWrongExtension = errors.New("extension does not match content")
	// ErrTooLarge: a side or the area is over the limits in Settings.
	ErrTooLarge = errors.New("image too large")
	// ErrInternal: decoding, resampling or encoding failed unexpectedly.
	ErrInternal = errors.New("image processing failed")
)

// Settings shape the derivatives. Everything in it except the limits and
// Workers is part of the cache key.
type Settings struct {
	// Widths are the derivative widths in pixels, any order. Widths below
	// the image's width are produced; if any width reaches it, the image's
	// own width is produced once instead (never upscaled).
	Widths []int
	// WebPQuality is the lossy WebP quality, 1–100.
	WebPQuality int
	// JPEGQuality is the fallback JPEG quality, 1–100.
	JPEGQuality int
	// WebPMethod is libwebp's effort, 0 (fast) to 6 (smallest).
	WebPMethod int
	// MaxSide refuses an image with a side longer than this many pixels.
	MaxSide int
	// MaxPixels refuses an image with more pixels than this.
	MaxPixels int64
	// MemoryBudget bounds the memory, in bytes, of the images being
	// derived at once, as the memory model (memory.go) estimates it from
	// each file's header: an image that alone needs more is refused, and
	// one that does not fit beside those in progress waits for them.
	MemoryBudget int64
	// Workers bounds how many images are decoded and encoded at once;
	// 0 means GOMAXPROCS.
	Workers int
}

// DefaultSettings returns the settings the site uses: widths 480, 800 and
// 1200; WebP quality 70 at method 4; JPEG quality 80; images up to 12000 px
// on a side and 100 megapixels, within a memory budget of 200 MiB.
//
// The budget keeps cmd/site under 300 MB: at the budget's edge (the
// largest progressive, 4:4:4, CMYK, 16-bit or interlaced photo it admits)
// BenchmarkWorstKinds measured a peak RSS of about 230 MB, leaving room for
// the rest of the build. It admits a 50 or 64 MP phone photo (83-122 MB)
// and a 12 MP progressive photo without chroma subsampling (about 190 MB).
//
// WebP quality 70 keeps an 800 px derivative of a 4000 x 3000 phone photo
// well under the 80 KB budget (33 KB for the test's generated photo, at
// 34.7 dB PSNR against the downscaled original; quality 75 gave 36 KB and
// 35.1 dB, 80 gave 47 KB and 36.3 dB), leaving room for busier real photos,
// with no difference a reader would notice at reading size: see
// TestWebPQualityBudget, which writes a side-by-side picture for a person
// to look at. Method 4 is libwebp's default; 6 was 37 % smaller and 51 %
// slower at 1200 px in one measurement (a noisier test photo).
func DefaultSettings() Settings {
	return Settings{
		Widths:       []int{480, 800, 1200},
		WebPQuality:  70,
		JPEGQuality:  80,
		WebPMethod:   4,
		MaxSide:      12000,
		MaxPixels:    100_000_000,
		MemoryBudget: 200 << 20,
	}
}

// validate reports settings that cannot work.
func (s Settings) validate() error {
	if len(s.Widths) == 0 {
		return errors.New("imaging: Settings.Widths is empty: give at least one width, e.g. 800")
	}
	for _, w := range s.Widths {
		if w < 1 || w > 20000 {
			return fmt.Errorf("imaging: width %d out of range 1–20000", w)
		}
	}
	if s.WebPQuality < 1 || s.WebPQuality > 100 || s.JPEGQuality < 1 || s.JPEGQuality > 100 {
		return fmt.Errorf("imaging: qualities must be 1–100 (WebP %d, JPEG %d)", s.WebPQuality, s.JPEGQuality)
	}
	if s.WebPMethod < 0 || s.WebPMethod > 6 {
		return fmt.Errorf("imaging: WebPMethod must be 0–6, not %d", s.WebPMethod)
	}
	if s.MaxSide < 1 || s.MaxPixels < 1 || s.MemoryBudget < 1 {
		return errors.New("imaging: MaxSide, MaxPixels and MemoryBudget must be positive")
	}
	return nil
}

// Info is what the header of a source image says.
type Info struct {
	Format      string // JPEG, PNG or WebP
	Width       int    // upright width, after EXIF orientation
	Height      int    // upright height
	HasAlpha    bool   // the format can carry transparency and this file declares it
	Orientation int    // EXIF orientation 1–8 (1 when absent)
	Profile     string // colour profile description, "" when none is embedded
	// Memory is the most bytes deriving the image holds at once, as the
	// memory model estimates it from the header.
	Memory int64
}

// Derivative is one encoded file.
type Derivative struct {
	Width, Height int
	Format        string // WebP, JPEG or PNG
	Data          []byte
}

// Ext returns the file extension for the derivative, with the dot.
func (d Derivative) Ext() string {
	if d.Format == JPEG {
		return ".jpg"
	}
	return "." + d.Format
}

// Set is every derivative of one source image.
type Set struct {
	Width, Height int // the source's upright size
	HasAlpha      bool
	// Fallback is the non-WebP format of the set: JPEG, or PNG when the
	// image has transparency.
	Fallback string
	// Hash is a short hex fingerprint of the source bytes and settings, for
	// fingerprinted file names.
	Hash string
	// Derivatives are ordered by width, then WebP before the fallback.
	Derivatives []Derivative
}

// Largest returns the widest derivative of the given format, and false if
// there is none.
func (s Set) Largest(format string) (Derivative, bool) {
	var best Derivative
	ok := false
	for _, d := range s.Derivatives {
		if d.Format == format && (!ok || d.Width > best.Width) {
			best, ok = d, true
		}
	}
	return best, ok
}

// Stats counts the work a Processor did.
type Stats struct {
	Decodes   int64 // source images decoded
	Encodes   int64 // derivatives encoded (one per width and format)
	CacheHits int64 // Derive calls answered from the disk cache
	Rejected  int64 // refusals by Inspect or Derive (corrupt, too large, wrong extension…)
	CacheBad  int64 // cache entries found damaged and rebuilt
	// PeakMemory is the most memory admitted at once: the largest sum of
	// Info.Memory over the images being derived together.
	PeakMemory int64
}

// Processor derives images with fixed settings and an optional disk cache.
type Processor struct {
	settings Settings
	cache    *diskCache // nil when caching is off
	sem      chan struct{}
	mem      *semaphore.Weighted // Settings.MemoryBudget, in bytes
	keySalt  string              // encoder versions and settings, mixed into cache keys

	decodes, encodes, hits, rejected, bad atomic.Int64
	inUse, peakMemory                     atomic.Int64 // bytes admitted
}

// New returns a Processor. cacheDir is the folder for cached derivatives
// (the caller passes the site's .cache/images); "" disables the cache.
func New(s Settings, cacheDir string) (*Processor, error) {
	s.Widths = slices.Clone(s.Widths)
	slices.Sort(s.Widths)
	s.Widths = slices.Compact(s.Widths)
	if err := s.validate(); err != nil {
		return nil, err
	}
	workers := s.Workers
	if workers <= 0 || workers > runtime.GOMAXPROCS(0) {
		workers = runtime.GOMAXPROCS(0)
	}
	p := &Processor{settings: s, sem: make(chan struct{}, workers), mem: semaphore.NewWeighted(s.MemoryBudget)}
	p.keySalt = settingsKey(s)
	if cacheDir != "" {
		c, err := openCache(cacheDir, s.Widths)
		if err != nil {
			return nil, err
		}
		p.cache = c
	}
	return p, nil
}

// Settings returns the processor's settings (widths sorted, duplicates gone).
func (p *Processor) Settings() Settings {
	s := p.settings
	s.Widths = slices.Clone(s.Widths)
	return s
}

// Stats returns the counts so far.
func (p *Processor) Stats() Stats {
	return Stats{
		Decodes:   p.decodes.Load(),
		Encodes:   p.encodes.Load(),
		CacheHits: p.hits.Load(),
		Rejected:  p.rejected.Load(),
		CacheBad:  p.bad.Load(),

		PeakMemory: p.peakMemory.Load(),
	}
}

// Inspect reads only the header of src (named name, for errors and for its
// extension) and reports its format and upright size, refusing what Derive
// would refuse before decoding: empty, corrupt, wrong extension, too large.
func (p *Processor) Inspect(name string, src []byte) (Info, error) {
	info, err := inspect(name, src, p.settings)
	if err != nil {
		p.rejected.Add(1)
	}
	return info, err
}

// Derive returns the derivatives of src, from the cache when it has them.
// Set.Hash is the first 12 hex digits of the cache key.
//
// Memory: Inspect refuses an image whose memory (Info.Memory) is over
// Settings.MemoryBudget, and Derive waits until the image fits beside those
// in progress. For a 4000 x 3000 JPEG with the default widths one image holds
// the decoder's Y'CbCr (1.5 bytes a source pixel, 18 MB; a progressive
// JPEG also 3 bytes a pixel of coefficients), the upright copy shrunk to
// 2000 x 1500 (12 MB), the resampler's intermediate (7 MB) and the WebP
// encoder's WebAssembly memory (tens of MB): roughly 60–70 MB live. At most
// Settings.Workers images are in flight; BenchmarkPhotos measured a peak
// heap of 214 MB and peak RSS of 232 MB deriving 50 such photos two at a
// time. Waiting for a slot respects ctx, and a cancelled ctx stops the work
// between widths.
func (p *Processor) Derive(ctx context.Context, name string, src []byte) (Set, error) {
	info, err := p.Inspect(name, src)
	if err != nil {
		return Set{}, err
	}
	key := p.cacheKey(src)
	if p.cache != nil {
		if set, ok, bad := p.cache.load(key); ok {
			p.hits.Add(1)
			return set, nil
		} else if bad {
			p.bad.Add(1)
		}
	}
	set, err := p.admitted(ctx, name, src, info)
	if err != nil {
		if ctx.Err() == nil {
			p.rejected.Add(1)
		}
		return Set{}, err
	}
	set.Hash = key[:12]
	if p.cache != nil {
		// A failed cache write only costs a re-encode next time.
		_ = p.cache.store(key, set)
	}
	return set, nil
}

// admitted derives src once its memory fits in the budget beside the
// images in progress (the wait is first come, first served) and a worker
// is free.
func (p *Processor) admitted(ctx context.Context, name string, src []byte, info Info) (Set, error) {
	if err := p.mem.Acquire(ctx, info.Memory); err != nil {
		return Set{}, err
	}
	defer p.mem.Release(info.Memory)
	used := p.inUse.Add(info.Memory)
	defer p.inUse.Add(-info.Memory)
	for peak := p.peakMemory.Load(); used > peak && !p.peakMemory.CompareAndSwap(peak, used); peak = p.peakMemory.Load() {
	}
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return Set{}, ctx.Err()
	}
	defer func() { <-p.sem }()
	return p.derive(ctx, name, src, info)
}

// Lookup returns the derivatives of src if the cache has them, without
// decoding or encoding anything (a dev server can show those at once and
// call Derive in the background otherwise). It counts a cache hit.
func (p *Processor) Lookup(name string, src []byte) (Set, bool) {
	if p.cache == nil {
		return Set{}, false
	}
	if _, err := inspect(name, src, p.settings); err != nil {
		return Set{}, false
	}
	set, ok, _ := p.cache.load(p.cacheKey(src))
	if ok {
		p.hits.Add(1)
	}
	return set, ok
}

// fail returns a *diag.Error for name wrapping kind.
func fail(name string, kind error, format string, args ...any) error {
	e := diag.Errorf(name, 0, format, args...)
	e.Err = kind
	return e
}
