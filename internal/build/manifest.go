package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
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
//
// The file is a header line, then for each folder its name and its records,
// each record a path, the size, the time in nanoseconds and the hash; a
// build decodes the records of the folder it writes into and copies the
// other folder's as they are.
type manifest struct {
	records map[string]fileRecord // of the folder asked for
	other   []byte                // the other folder's records, encoded
}

// fileRecord is what a manifest knows of one file.
type fileRecord struct {
	Size  int64
	MTime int64 // nanoseconds since 1970
	Sum   [16]byte
}

const manifestHeader = "site manifest 1\n"

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

// readManifest reads from the manifest at path the records of the folder
// named id, and keeps those of the folder named other. A manifest that is
// missing or damaged knows nothing, which costs the next build time but
// never correctness.
func readManifest(path, id, other string) manifest {
	b, err := os.ReadFile(path)
	if err != nil {
		return manifest{}
	}
	b, ok := bytes.CutPrefix(b, []byte(manifestHeader))
	if !ok {
		return manifest{}
	}
	var m manifest
	for len(b) > 0 {
		name, rest, err1 := cutBytes(b)
		body, rest, err2 := cutBytes(rest)
		if err1 != nil || err2 != nil {
			return manifest{}
		}
		b = rest
		switch string(name) {
		case id:
			if m.records, err = decodeRecords(body); err != nil {
				return manifest{}
			}
		case other:
			m.other = body
		}
	}
	return m
}

// writeManifest replaces the manifest at path in one step with the records
// of the folder id and, as they were read, those of the folder other.
func writeManifest(path, id string, records map[string]fileRecord, other string, otherRecords []byte) error {
	b := []byte(manifestHeader)
	b = appendBytes(b, []byte(id))
	b = appendBytes(b, encodeRecords(records))
	if other != "" && other != id && otherRecords != nil {
		b = appendBytes(b, []byte(other))
		b = appendBytes(b, otherRecords)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func encodeRecords(records map[string]fileRecord) []byte {
	var b []byte
	for _, p := range slices.Sorted(maps.Keys(records)) {
		r := records[p]
		b = appendBytes(b, []byte(p))
		b = binary.LittleEndian.AppendUint64(b, uint64(r.Size))
		b = binary.LittleEndian.AppendUint64(b, uint64(r.MTime))
		b = append(b, r.Sum[:]...)
	}
	return b
}

var errDamaged = errors.New("damaged manifest")

func decodeRecords(b []byte) (map[string]fileRecord, error) {
	records := map[string]fileRecord{}
	for len(b) > 0 {
		p, rest, err := cutBytes(b)
		if err != nil || len(rest) < 32 {
			return nil, errDamaged
		}
		var r fileRecord
		r.Size = int64(binary.LittleEndian.Uint64(rest))
		r.MTime = int64(binary.LittleEndian.Uint64(rest[8:]))
		copy(r.Sum[:], rest[16:32])
		records[string(p)] = r
		b = rest[32:]
	}
	return records, nil
}

func appendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func cutBytes(b []byte) (s, rest []byte, err error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return nil, nil, errDamaged
	}
	return b[k : k+int(n)], b[k+int(n):], nil
}
