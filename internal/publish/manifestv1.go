package publish

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// parseBinary reads what follows the header of a manifest of version 1:
// for each folder its name and its records, each a length-prefixed string
// (a uvarint, then the bytes); a folder's records are a path, the size and
// the time (64-bit little-endian) and the hash. Such a file has no lines:
// a record's line is counted as version 2 would write it, the header being
// line 1, then a line for each folder and one for each of its records.
func parseBinary(b []byte) ([]block, []finding) {
	var blocks []block
	line := 1
	for len(b) > 0 {
		line++
		name, rest, err1 := cutBytes(b)
		body, rest, err2 := cutBytes(rest)
		if err1 != nil || err2 != nil {
			return nil, []finding{{line, "the manifest is cut short or damaged here (a folder's records, in a manifest of version 1)"}}
		}
		b = rest
		if !printable(string(name)) {
			return nil, []finding{{line, fmt.Sprintf("the folder is named %q, not a name site build writes", clip(string(name)))}}
		}
		bl := block{id: string(name), line: line}
		for len(body) > 0 {
			line++
			p, rest, err := cutBytes(body)
			if err != nil || len(rest) < 32 {
				return nil, []finding{{line, "the manifest is cut short or damaged here (a record, in a manifest of version 1)"}}
			}
			e := record{line: line, path: string(p)}
			e.rec.Size = int64(binary.LittleEndian.Uint64(rest))
			e.rec.MTime = int64(binary.LittleEndian.Uint64(rest[8:]))
			copy(e.rec.Sum[:], rest[16:32])
			bl.recs = append(bl.recs, e)
			body = rest[32:]
		}
		blocks = append(blocks, bl)
	}
	return blocks, nil
}

var errDamaged = errors.New("damaged manifest")

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
