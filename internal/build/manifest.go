package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path/filepath"
)

// A manifest is what the last builds wrote into the two folders that a
// destination alternates between (the published site and its staging
// folder): for each file, its size, modification time and a hash of its
// bytes. With it, a build tells that a file in the staging folder already
// holds the right bytes with one lstat instead of reading it back.
//
// It is kept beside the destination as .NAME.manifest. Each folder is named
// by its device and inode, which the exchange of the two folders does not
// change. Nothing in it is trusted on its own: a file counts as unchanged
// only if its size and modification time are still the ones recorded, so a
// file changed by hand or by an interrupted build is written again; and the
// files to remove are still found by listing the folder (staging.prune).
type manifest struct {
	Trees map[string]map[string]fileRecord
}

// fileRecord is what a manifest knows of one file.
type fileRecord struct {
	Size  int64
	MTime int64 // nanoseconds since 1970
	Sum   [16]byte
}

// sum is the hash a manifest keeps of a file's bytes.
func sum(data []byte) [16]byte {
	h := sha256.Sum256(data)
	return [16]byte(h[:16])
}

// ManifestPath is where the manifest of the destination dest is kept.
func ManifestPath(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".manifest"), nil
}

// readManifest reads a manifest; one that is missing or unreadable is
// empty, which costs the next build time but never correctness.
func readManifest(path string) manifest {
	m := manifest{}
	if b, err := os.ReadFile(path); err == nil {
		if gob.NewDecoder(bytes.NewReader(b)).Decode(&m) != nil {
			m = manifest{}
		}
	}
	if m.Trees == nil {
		m.Trees = map[string]map[string]fileRecord{}
	}
	return m
}

// write replaces the manifest at path in one step.
func (m manifest) write(path string) error {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(m); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
