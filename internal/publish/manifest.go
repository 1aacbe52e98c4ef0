package publish

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
)

// A manifest records what site build wrote into a destination: for each
// file, its size, modification time and a hash of its bytes. It is what
// makes the destination the builder's own. A build deletes only files it
// finds there (still as recorded), replaces only files it recorded or links,
// and takes a folder with files in it for its own only when the manifest
// names that folder; and it tells that a file already holds the right bytes
// with one lstat instead of reading it back.
//
// It is kept beside the destination as .NAME.manifest. The folder is named
// in it by its device and inode, so that a manifest never speaks for
// another folder put in the destination's place.
//
// The file is a header line, then for each folder its name and its records,
// each record a path, the size, the time in nanoseconds and the hash. A
// build writes one folder; manifests of earlier versions, which also held
// the staging folder's records, are read the same way.
type manifest map[string]fileRecord

// fileRecord is what a manifest knows of one file.
type fileRecord struct {
	Size  int64
	MTime int64 // nanoseconds since 1970
	Sum   [16]byte
}

const manifestHeader = "site manifest 1\n"

// manifestName is the name of the manifest of the destination named name,
// in the folder that holds it.
func manifestName(name string) string { return "." + name + ".manifest" }

// errManifestLink is the error of a manifest that is a symbolic link.
var errManifestLink = errors.New("is a symbolic link")

// readManifest reads the records of the folder named id from the manifest
// name in dir. It returns nil when the manifest does not exist, is damaged
// or does not name the folder: then nothing in the folder is known to be
// the builder's. A manifest that is a link is never followed.
func readManifest(dir *folder, name, id string) (manifest, error) {
	e, err := dir.stat(name)
	switch {
	case err != nil:
		return nil, err
	case e.kind == kindMissing:
		return nil, nil
	case e.kind != kindFile:
		return nil, fmt.Errorf("%s %w", dir.join(name), errManifestLink)
	}
	f, err := dir.open(name)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	return parseManifest(b, id), nil
}

func parseManifest(b []byte, id string) manifest {
	b, ok := bytes.CutPrefix(b, []byte(manifestHeader))
	if !ok {
		return nil
	}
	var m manifest
	for len(b) > 0 {
		name, rest, err1 := cutBytes(b)
		body, rest, err2 := cutBytes(rest)
		if err1 != nil || err2 != nil {
			return nil
		}
		b = rest
		if string(name) == id {
			var err error
			if m, err = decodeRecords(body); err != nil {
				return nil
			}
		}
	}
	return m
}

// writeManifest replaces the manifest name in dir, in one step, with the
// records of the folder id. A link at name is replaced, never followed.
func writeManifest(dir *folder, name, id string, records manifest) error {
	b := []byte(manifestHeader)
	b = appendBytes(b, []byte(id))
	b = appendBytes(b, encodeRecords(records))
	tmp := name + ".tmp"
	if err := dir.remove(tmp); err != nil && !isNotExist(err) {
		return err
	}
	f, err := dir.create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = dir.rename(tmp, dir, name)
	}
	if err != nil {
		_ = dir.remove(tmp)
	}
	return err
}

func encodeRecords(records manifest) []byte {
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

func decodeRecords(b []byte) (manifest, error) {
	records := manifest{}
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

// sum is the hash a manifest keeps of a file's bytes: the first half of its
// SHA-256.
func sum(full [32]byte) [16]byte { return [16]byte(full[:16]) }
