package imaging

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/gen2brain/webp"
)

// cacheMagic starts every cache entry; bump it when the layout changes.
const cacheMagic = "imaging-cache-1\n"

// diskCache keeps derivative sets in files named by their key: one file per
// source and settings, its last 32 bytes the SHA-256 of the rest, so a
// truncated or damaged entry is noticed and rebuilt. Entries are written to
// a temporary file and renamed into place, so readers in this or another
// process never see half an entry, and two writers of one key write the
// same bytes.
//
// The cache is read back as untrusted input: anyone who can write the
// folder, or a CI cache restored from elsewhere, can put any bytes there
// with a checksum that matches, and a set names the files the build
// publishes and gives their bytes. So an entry is used only if it is a
// regular file inside the folder (no link leads out of it, nothing that is
// not a file is opened) and holds exactly what derive makes for its key
// (see checkSet); anything else counts as damaged and is encoded again.
type diskCache struct {
	dir    string
	widths []int // the settings' widths, sorted
}

// maxEntry is the largest cache entry read: far more than every derivative
// of one photo.
const maxEntry = 512 << 20

// openCache makes dir if needed.
func openCache(dir string, widths []int) (*diskCache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("imaging: cache folder: %w", err)
	}
	return &diskCache{dir: dir, widths: widths}, nil
}

// name is where the entry for key lives, in the cache folder.
func (c *diskCache) name(key string) string {
	return key[:2] + "/" + key + ".bin"
}

// load returns the set stored under key; bad is true when an entry was
// there but damaged, not a regular file, or not what derive makes for the
// key (it will be replaced by the next store).
func (c *diskCache) load(key string) (set Set, ok, bad bool) {
	root, err := os.OpenRoot(c.dir)
	if err != nil {
		return Set{}, false, false
	}
	defer root.Close()
	info, err := root.Lstat(c.name(key))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Set{}, false, false
	case err != nil || !info.Mode().IsRegular() || info.Size() > maxEntry:
		return Set{}, false, true
	}
	// O_NONBLOCK: a named pipe put there after the Lstat is not waited on.
	f, err := root.OpenFile(c.name(key), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return Set{}, false, true
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return Set{}, false, true
	}
	data, err := io.ReadAll(io.LimitReader(f, maxEntry+1))
	if err != nil {
		return Set{}, false, true
	}
	set, err = unmarshalSet(data)
	if err != nil || !checkSet(set, key, c.widths) {
		return Set{}, false, true
	}
	return set, true, false
}

// store writes set under key atomically, never through a link that leads
// out of the cache folder.
func (c *diskCache) store(key string, set Set) error {
	root, err := os.OpenRoot(c.dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(key[:2], 0o755); err != nil {
		return err
	}
	tmp := c.name(key) + ".tmp" + rand.Text()
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(marshalSet(set))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, c.name(key))
	}
	if err != nil {
		root.Remove(tmp)
	}
	return err
}

// checkSet reports whether s is what derive makes, with settings of the
// given widths, for a source whose cache key is key: the key's hash (it
// names the published files); a WebP and a fallback derivative (JPEG, or
// PNG with transparency) at each width targetWidths gives, with the height
// it scales to; and each derivative's bytes an image of its format and
// size.
func checkSet(s Set, key string, widths []int) bool {
	if s.Hash != key[:12] || s.Width < 1 || s.Height < 1 || s.Fallback != JPEG && s.Fallback != PNG || s.HasAlpha != (s.Fallback == PNG) {
		return false
	}
	want := targetWidths(widths, s.Width)
	if len(s.Derivatives) != 2*len(want) {
		return false
	}
	for i, d := range s.Derivatives {
		format := WebP
		if i%2 == 1 {
			format = s.Fallback
		}
		if d.Format != format || d.Width != want[i/2] || d.Height != scaledHeight(s.Width, s.Height, d.Width) {
			return false
		}
		if w, h, ok := imageSize(format, d.Data); !ok || w != d.Width || h != d.Height {
			return false
		}
	}
	return true
}

// imageSize reads the size of an image of the format from its header.
func imageSize(format string, data []byte) (w, h int, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	cfg, err := configOf(format, data)
	return cfg.Width, cfg.Height, err == nil
}

// marshalSet lays out a set: magic, header, each derivative's header and
// bytes, and the SHA-256 of all that.
func marshalSet(s Set) []byte {
	var b bytes.Buffer
	b.WriteString(cacheMagic)
	u32 := func(v int) { b.Write(binary.BigEndian.AppendUint32(nil, uint32(v))) }
	str := func(v string) { u32(len(v)); b.WriteString(v) }
	u32(s.Width)
	u32(s.Height)
	alpha := 0
	if s.HasAlpha {
		alpha = 1
	}
	u32(alpha)
	str(s.Fallback)
	str(s.Hash)
	u32(len(s.Derivatives))
	for _, d := range s.Derivatives {
		u32(d.Width)
		u32(d.Height)
		str(d.Format)
		str(string(d.Data))
	}
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])
	return b.Bytes()
}

var errBadEntry = errors.New("damaged cache entry")

// unmarshalSet reads what marshalSet wrote, checking the checksum first.
func unmarshalSet(data []byte) (Set, error) {
	if len(data) < len(cacheMagic)+sha256.Size || !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return Set{}, errBadEntry
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return Set{}, errBadEntry
	}
	r := body[len(cacheMagic):]
	bad := false
	u32 := func() int {
		if len(r) < 4 {
			bad = true
			return 0
		}
		v := binary.BigEndian.Uint32(r)
		r = r[4:]
		return int(v)
	}
	bytesOf := func() []byte {
		n := u32()
		if n > len(r) {
			bad = true
			return nil
		}
		v := r[:n:n]
		r = r[n:]
		return v
	}
	s := Set{Width: u32(), Height: u32(), HasAlpha: u32() == 1}
	s.Fallback = string(bytesOf())
	s.Hash = string(bytesOf())
	n := u32()
	if n > len(r) {
		return Set{}, errBadEntry
	}
	for range n {
		d := Derivative{Width: u32(), Height: u32()}
		d.Format = string(bytesOf())
		d.Data = bytesOf()
		s.Derivatives = append(s.Derivatives, d)
	}
	if bad || len(r) != 0 {
		return Set{}, errBadEntry
	}
	return s, nil
}

// settingsKey is everything besides the source bytes that shapes the
// output: pipeline version, settings, encoder and Go versions.
func settingsKey(s Settings) string {
	var b strings.Builder
	fmt.Fprintf(&b, "imaging v1\nwidths %v\nwebp q%d m%d\njpeg q%d\npng best\n", s.Widths, s.WebPQuality, s.WebPMethod, s.JPEGQuality)
	fmt.Fprintf(&b, "encoders %s\ngo %s\n", encoderVersions(), runtime.Version())
	return b.String()
}

// cacheKey is the hex SHA-256 of the settings key and the source bytes.
func (p *Processor) cacheKey(src []byte) string {
	h := sha256.New()
	h.Write([]byte(p.keySalt))
	sum := sha256.Sum256(src)
	h.Write(sum[:])
	return hex.EncodeToString(h.Sum(nil))
}

// encoderVersions names the modules that shape the output and whether the
// WebP encoder is the built-in WebAssembly libwebp or a system libwebp
// (which gen2brain/webp prefers when one is installed, unless the program
// is built with -tags nodynamic).
func encoderVersions() string {
	var b strings.Builder
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			switch m.Path {
			case "github.com/gen2brain/webp", "golang.org/x/image", "github.com/tetratelabs/wazero":
				fmt.Fprintf(&b, "%s@%s ", m.Path, m.Version)
			}
		}
	}
	if webp.Dynamic() == nil {
		b.WriteString("libwebp=system")
	} else {
		b.WriteString("libwebp=wasm")
	}
	return b.String()
}
