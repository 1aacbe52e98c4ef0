package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
)

// Hash returns a hash of the site's files: their paths and bytes, not
// their times or modes, nor anything else in the destination, so that two
// builds of the same commit can be compared by one line.
func (t *Tx) Hash() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return hashSums(t.sums)
}

// HashFiles is Tx.Hash of a site held in memory.
func HashFiles(files map[string][]byte) string {
	sums := make(map[string][32]byte, len(files))
	for p, b := range files {
		sums[p] = sha256.Sum256(b)
	}
	return hashSums(sums)
}

func hashSums(sums map[string][32]byte) string {
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(sums)) {
		s := sums[p]
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(s[:])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Diff reports what publishing files to dest would do, changing nothing:
// the files it would add, change and remove, and what would stand in its
// way. Its error is the one the build would stop with.
func Diff(dest string, files map[string][]byte, opts Options) (*Changes, error) {
	opts.DryRun = true
	t, err := Begin(dest, opts)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := t.Write(p, files[p]); err != nil {
			return nil, err
		}
	}
	return t.Commit()
}
