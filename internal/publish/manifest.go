package publish

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
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
// The file is text, a line each (version 2):
//
//	site manifest 2
//	folder 2049:1234
//	4 1700000000123456789 4ea140588150773ce3aace786aeef7f4 index.html
//	end
//
// a record being the size, the time in nanoseconds, the hash in hex and the
// path, which takes the rest of the line. Manifests of version 1 (binary,
// with the staging folder's records too in the earliest ones) are still
// read, their records counted as lines the same way.
//
// A manifest is read as untrusted input: anyone who can write beside the
// destination can write one, and a backup can bring back a stale one.
// Every record must hold a path of the site (see pathProblem), once, and
// name a file, not a folder that other records are inside; a manifest with
// anything wrong in it is refused whole, each fault reported at its line,
// and none of its records is used (see readManifest).
type manifest map[string]fileRecord

// fileRecord is what a manifest knows of one file.
type fileRecord struct {
	Size  int64
	MTime int64 // nanoseconds since 1970
	Sum   [16]byte
}

const (
	manifestHeader   = "site manifest 2\n"
	manifestHeaderV1 = "site manifest 1\n"
	manifestEnd      = "end"
	// maxManifest is the largest manifest read: over twice that of a site
	// of a million files.
	maxManifest = 256 << 20
	// maxFindings is how many faults of a refused manifest are reported.
	maxFindings = 20
)

// manifestName is the name of the manifest of the destination named name,
// in the folder that holds it.
func manifestName(name string) string { return "." + name + ".manifest" }

// errManifestNotFile is the error of a manifest that is a symbolic link,
// a named pipe or another special file: it is never followed or read.
var errManifestNotFile = errors.New("not a regular file")

// readManifest reads the records of the folder named id from the manifest
// name in dir; shown names the manifest in messages. It returns nil when the
// manifest does not exist or does not name the folder: then nothing in the
// folder is known to be the builder's. A manifest that is not a regular
// file is never followed or read (errManifestNotFile). A manifest that
// fails any check (see manifest) is refused with a *badManifest, and none
// of its records is used.
func readManifest(dir *folder, name, shown, id string) (manifest, error) {
	e, err := dir.stat(name)
	switch {
	case err != nil:
		return nil, err
	case e.kind == kindMissing:
		return nil, nil
	case e.kind != kindFile:
		return nil, fmt.Errorf("%s is %s, %w", dir.join(name), e.kind, errManifestNotFile)
	case e.size > maxManifest:
		return nil, newBadManifest(shown, []finding{tooLarge})
	}
	f, err := dir.open(name)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	f.Close()
	if err != nil {
		return nil, err
	}
	m, found := decodeManifest(b, id)
	if len(found) > 0 {
		return nil, newBadManifest(shown, found)
	}
	return m, nil
}

// decodeManifest reads a manifest's bytes and returns the records of the
// folder id (nil when it names another), or every fault found in it.
func decodeManifest(b []byte, id string) (manifest, []finding) {
	var blocks []block
	var found []finding
	switch {
	case len(b) > maxManifest:
		return nil, []finding{tooLarge}
	case strings.HasPrefix(string(b), manifestHeader):
		blocks, found = parseText(b[len(manifestHeader):])
	case strings.HasPrefix(string(b), manifestHeaderV1):
		blocks, found = parseBinary(b[len(manifestHeaderV1):])
	default:
		return nil, []finding{{1, headerProblem(b)}}
	}
	ids := map[string]int{}
	var m manifest
	for _, bl := range blocks {
		if l, ok := ids[bl.id]; ok {
			found = append(found, finding{bl.line, fmt.Sprintf("the folder %q is named again (line %d names it first)", bl.id, l)})
		}
		ids[bl.id] = bl.line
		recs, bad := checkBlock(bl)
		found = append(found, bad...)
		if bl.id == id {
			m = recs
		}
	}
	if len(found) > 0 {
		slices.SortStableFunc(found, func(a, b finding) int { return a.line - b.line })
		return nil, found
	}
	return m, nil
}

var tooLarge = finding{0, fmt.Sprintf("the manifest is larger than %d MiB, far larger than any manifest site build writes", maxManifest>>20)}

// headerProblem says what is wrong with the first line of a manifest.
func headerProblem(b []byte) string {
	first, _, _ := strings.Cut(string(b[:min(len(b), 80)]), "\n")
	if strings.HasSuffix(first, "\r") {
		return "the manifest has Windows line ends (CR LF): it was changed since site build wrote it"
	}
	if v, ok := strings.CutPrefix(first, "site manifest "); ok {
		return fmt.Sprintf("the manifest is of version %q, written by another version of site build; this one reads versions 1 and 2", v)
	}
	return fmt.Sprintf("the manifest does not start with %q: it is not one site build wrote", strings.TrimSuffix(manifestHeader, "\n"))
}

// block is the records a manifest holds for one folder.
type block struct {
	id   string
	line int
	recs []record
}

// record is one record as read, with its line.
type record struct {
	line int
	path string
	rec  fileRecord
}

// parseText reads the lines after the header of a manifest of version 2.
func parseText(b []byte) ([]block, []finding) {
	var bl *block
	var found []finding
	fault := func(line int, format string, args ...any) {
		found = append(found, finding{line, fmt.Sprintf(format, args...)})
	}
	line, ended := 1, false
	for s := string(b); s != ""; {
		line++
		l, rest, ok := strings.Cut(s, "\n")
		s = rest
		switch {
		case ended:
			fault(line, "a line follows the %q line, which ends the manifest", manifestEnd)
			return nil, found
		case !ok:
			fault(line, "the last line has no end of line: the manifest was cut short")
			return nil, found
		case len(l) > maxPath+100:
			fault(line, "the line is %d bytes long, longer than any record site build writes", len(l))
		case bl == nil:
			id, ok := strings.CutPrefix(l, "folder ")
			if !ok || id == "" || !printable(id) {
				fault(line, "the line is not the folder line (folder ID) that must follow the header")
				return nil, found
			}
			bl = &block{id: id, line: line}
		case l == manifestEnd:
			ended = true
		default:
			e, why := parseRecord(l)
			if why != "" {
				fault(line, "%s", why)
				continue
			}
			e.line = line
			bl.recs = append(bl.recs, e)
		}
	}
	if !ended {
		fault(line+1, "the manifest ends without its %q line: it was cut short", manifestEnd)
		return nil, found
	}
	return []block{*bl}, found
}

// parseRecord reads the line of one record: SIZE MTIME HASH PATH.
func parseRecord(l string) (record, string) {
	const want = "the line is not a record (SIZE MTIME HASH PATH, one space apart)"
	var e record
	size, rest, ok1 := strings.Cut(l, " ")
	mtime, rest, ok2 := strings.Cut(rest, " ")
	sum, p, ok3 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || !ok3 {
		return e, want
	}
	var err error
	if e.rec.Size, err = canonicalInt(size); err != nil || e.rec.Size < 0 {
		return e, fmt.Sprintf("%s: the size %q is not a whole number of bytes", want, clip(size))
	}
	if e.rec.MTime, err = canonicalInt(mtime); err != nil {
		return e, fmt.Sprintf("%s: the time %q is not a whole number of nanoseconds", want, clip(mtime))
	}
	if !decodeSum(&e.rec.Sum, sum) {
		return e, fmt.Sprintf("%s: the hash %q is not 32 lowercase hexadecimal digits", want, clip(sum))
	}
	e.path = p
	return e, ""
}

// canonicalInt parses a decimal integer written as strconv writes it.
func canonicalInt(s string) (int64, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err == nil && strconv.FormatInt(v, 10) != s {
		err = strconv.ErrSyntax
	}
	return v, err
}

func decodeSum(sum *[16]byte, s string) bool {
	if len(s) != 2*len(sum) {
		return false
	}
	for i := range sum {
		hi, ok1 := unhex(s[2*i])
		lo, ok2 := unhex(s[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		sum[i] = hi<<4 | lo
	}
	return true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// writeManifest replaces the manifest name in dir, in one step, with the
// records of the folder id. A link at name is replaced, never followed.
func writeManifest(dir *folder, name, id string, records manifest) error {
	b := encodeManifest(id, records)
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

// encodeManifest lays out the manifest of the folder id, its records
// sorted by path.
func encodeManifest(id string, records manifest) []byte {
	var b strings.Builder
	b.WriteString(manifestHeader)
	b.WriteString("folder " + id + "\n")
	for _, p := range slices.Sorted(maps.Keys(records)) {
		r := records[p]
		fmt.Fprintf(&b, "%d %d %x %s\n", r.Size, r.MTime, r.Sum, p)
	}
	b.WriteString(manifestEnd + "\n")
	return []byte(b.String())
}

// sum is the hash a manifest keeps of a file's bytes: the first half of its
// SHA-256.
func sum(full [32]byte) [16]byte { return [16]byte(full[:16]) }
