package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/alaqsa-ira/site/internal/regular"
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
type diskCache struct {
	dir string
}

// openCache makes dir if needed.
func openCache(dir string) (*diskCache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("imaging: cache folder: %w", err)
	}
	return &diskCache{dir: dir}, nil
}

// path is where the entry for key lives.
func (c *diskCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".bin")
}

// load returns the set stored under key; bad is true when an entry was
// there but damaged, or is not a regular file (a named pipe, a link): it
// will be replaced by the next store. An entry is never waited on.
func (c *diskCache) load(key string) (set Set, ok, bad bool) {
	data, err := regular.ReadFile(c.path(key), false)
	if err != nil {
		return Set{}, false, errors.Is(err, regular.ErrNotRegular)
	}
	set, err = unmarshalSet(data)
	if err != nil {
		return Set{}, false, true
	}
	return set, true, false
}

// store writes set under key atomically.
func (c *diskCache) store(key string, set Set) error {
	dir := filepath.Dir(c.path(key))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, key+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(marshalSet(set))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), c.path(key))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
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
