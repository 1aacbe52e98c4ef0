// Package publish puts a finished site in place of a destination folder,
// safely. A build hands it files (Tx.Write) and, once every file is
// written and checked, commits them (Tx.Commit); it knows nothing of
// folders.
//
// The rules, in the order they matter:
//
//   - Nothing is written through a symbolic link. Every file is created
//     new (O_EXCL, O_NOFOLLOW) in a staging folder that only this build
//     can write to, and moved into the destination one folder at a time,
//     each folder opened with O_NOFOLLOW (where the system has no such
//     calls, each name is checked just before use). A link that stands
//     where the site has a file or a folder is replaced (the link, never
//     what it points to) and named in a note. A destination that is
//     itself a link to a folder is published into that folder, with the
//     staging folder and the manifest beside it; the link stays.
//   - The destination is the builder's only if its manifest (see manifest)
//     names it. A folder with anything in it that the manifest does not
//     name is refused, unless Options.Force takes it over.
//   - The manifest is untrusted input: every record must be a path of the
//     site (pathProblem, the rule Write holds the build to), once, naming
//     a file. A manifest that fails any check is refused whole, each fault
//     as path:line, before anything changes; Force sets it aside, using
//     none of its records. Removal goes one folder at a time (O_NOFOLLOW)
//     and never up, so no record, checked or not, reaches outside.
//   - A build removes only files it wrote itself (recorded in the
//     manifest) and still finds as it wrote them. Anything else, called
//     foreign here, is never removed or overwritten: a file changed by hand
//     that the site no longer has is kept and named in a note; a foreign
//     file or folder that stands where the new site has a file or folder
//     stops the publish before anything changed, or with Force is moved
//     aside to .NAME.displaced/ (and named). A foreign file that already
//     holds exactly the bytes the build would write is kept and adopted.
//   - A build that fails before its commit changes nothing in the
//     destination and removes what it staged, so that a disk that filled up
//     is not left full.
//
// A new destination is staged as a tree and renamed into place in one
// step. An existing one is updated in place: unchanged files cost one
// lstat, and each changed file is staged under a number and renamed over
// the old one, so a reader sees either version of a file, never part of
// one. Files and folders of the new site appear before stale ones go.
package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"sync"
	"sync/atomic"
)

// Options configures publishing.
type Options struct {
	// Force takes over a destination that site build did not make: its
	// files are kept, and those that stand where the site has a file or a
	// folder are moved to .NAME.displaced/ beside it.
	Force bool
	// DryRun changes nothing: Write only compares, and Commit reports
	// what it would do.
	DryRun bool
	// WrapWriter, when set, wraps the writer of every staged file; tests
	// use it to make writes fail as a full disk would.
	WrapWriter func(path string, w io.Writer) io.Writer
}

// Tx is the publishing of one build to one destination. Write and Read may
// be called from many goroutines at once.
type Tx struct {
	opts   Options
	place  place
	dir    *folder // the folder holding the destination
	dest   *folder // the destination; nil when it does not exist yet
	stage  *folder // the staging folder; nil in a dry run
	unlock func()
	prev   manifest // what the build wrote in dest, per the manifest
	notes  []string // for Changes.Notes: a manifest set aside
	destID string

	next atomic.Int64 // names files staged for an existing destination

	mu       sync.Mutex
	recs     manifest            // the new site's files
	sums     map[string][32]byte // their full hashes, for Hash
	staged   map[string]string   // path → name in the staging folder
	dirs     map[string]bool     // folders checked: true if a real folder all the way down
	madeDirs map[string]bool     // folders made in a staging tree
	written  int
	readBack int
	done     bool
}

// stagingName and displacedName are the names, beside the destination
// name, of the folder a build stages its files in and of the folder
// foreign files are moved to by --force.
func stagingName(name string) string   { return "." + name + ".staging" }
func displacedName(name string) string { return "." + name + ".displaced" }

// Begin starts publishing to dest. It refuses a destination that is a file
// or a link to nothing, and one with files in it that site build did not
// make (unless opts.Force), and another build publishing beside it at the
// same time. Close must be called once done.
func Begin(dest string, opts Options) (*Tx, error) {
	p, err := locate(dest)
	if err != nil {
		return nil, err
	}
	if !opts.DryRun {
		if err := os.MkdirAll(p.dir, 0o755); err != nil {
			return nil, err
		}
	}
	t := &Tx{opts: opts, place: p, unlock: func() {}, recs: manifest{}, sums: map[string][32]byte{},
		staged: map[string]string{}, dirs: map[string]bool{".": true}, madeDirs: map[string]bool{".": true}}
	if t.dir, err = openFolder(p.dir); err != nil {
		if opts.DryRun && isNotExist(err) {
			return t, nil
		}
		return nil, err
	}
	if err := t.open(); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

func (t *Tx) open() error {
	p := t.place
	if !t.opts.DryRun {
		unlock, err := t.dir.lock()
		if err != nil {
			return fmt.Errorf("another build is publishing to %s, or beside it in %s, right now; wait for it to finish", p.dest, p.dir)
		}
		t.unlock = unlock
	}
	e, err := t.dir.stat(p.name)
	switch {
	case err != nil:
		return err
	case e.kind == kindDir:
		if t.dest, err = t.dir.sub(p.name); err != nil {
			return err
		}
		var note string
		if t.prev, note, err = owner(p, t.dir, t.dest, t.opts.Force); err != nil {
			return err
		}
		if note != "" {
			t.notes = append(t.notes, note)
		}
		t.destID = t.dest.id()
	case e.kind != kindMissing:
		return p.refuse("it is not a folder", chooseOther)
	}
	if t.opts.DryRun {
		return nil
	}
	// The staging folder is the builder's own: what an interrupted build
	// left there is removed (links in it are removed, never followed).
	name := stagingName(p.name)
	if err := t.dir.removeAll(name); err != nil {
		return err
	}
	// Only this user may write in it while the build runs.
	if err := t.dir.mkdir(name, 0o700); err != nil {
		if isPermission(err) {
			err = fmt.Errorf("%w; site build stages the site beside %s, so it must be able to write in the folder that holds the destination, %s", err, p.dest, p.dir)
		}
		return err
	}
	t.stage, err = t.dir.sub(name)
	return err
}

// Close removes the staging folder, and with it everything the build
// staged if it was not committed, and lets another build publish.
func (t *Tx) Close() error {
	var err error
	if t.stage != nil {
		t.stage.close()
		if e, serr := t.dir.stat(stagingName(t.place.name)); serr == nil && e.kind != kindMissing {
			err = t.dir.removeAll(stagingName(t.place.name))
		}
		t.stage = nil
	}
	for _, f := range []**folder{&t.dest, &t.dir} {
		if *f != nil {
			(*f).close()
			*f = nil
		}
	}
	t.unlock()
	t.unlock = func() {}
	return err
}

// Write hands one file of the new site to the publish. It is staged unless
// the destination has it already: as the manifest says and its size and
// modification time confirm, or, for a file the manifest does not know, as
// reading it shows.
func (t *Tx) Write(p string, data []byte) error {
	if why := pathProblem(p); why != "" {
		return fmt.Errorf("publish: %q cannot be a file of the site: it %s", p, why)
	}
	full := sha256.Sum256(data)
	rec := fileRecord{Size: int64(len(data)), Sum: sum(full)}
	if t.dest != nil && t.folderOK(path.Dir(p)) {
		e, err := t.dest.stat(p)
		if err != nil {
			return err
		}
		old, known := t.prev[p]
		switch {
		case e.kind != kindFile:
		case known && old.Size == rec.Size && old.Sum == rec.Sum && e.size == old.Size && e.mtime == old.MTime:
			t.record(p, old, full, "")
			return nil
		case !known && e.size == rec.Size && t.holds(p, data):
			rec.MTime = e.mtime
			t.record(p, rec, full, "")
			return nil
		}
	}
	if t.stage == nil { // a dry run
		t.record(p, rec, full, "-")
		return nil
	}
	name, mtime, err := t.put(p, data)
	if err != nil {
		if isNoSpace(err) {
			err = fmt.Errorf("%w; the disk holding %s is full: the files this build staged are removed and %s is left as it was; free some space and build again", err, t.place.dir, t.place.dest)
		}
		return err
	}
	rec.MTime = mtime
	t.record(p, rec, full, name)
	return nil
}

func (t *Tx) record(p string, rec fileRecord, full [32]byte, staged string) {
	t.mu.Lock()
	t.recs[p] = rec
	t.sums[p] = full
	if staged != "" {
		t.staged[p] = staged
		t.written++
	}
	t.mu.Unlock()
}

// put writes data to a new file in the staging folder: under a number when
// the destination exists, else at p in a tree that will become it.
func (t *Tx) put(p string, data []byte) (name string, mtime int64, err error) {
	dir, name := t.stage, strconv.FormatInt(t.next.Add(1), 10)
	if t.dest == nil {
		if err := t.mkdirs(path.Dir(p)); err != nil {
			return "", 0, err
		}
		name = p
	}
	f, err := dir.create(name)
	if err != nil {
		return "", 0, err
	}
	var w io.Writer = f
	if t.opts.WrapWriter != nil {
		w = t.opts.WrapWriter(p, f)
	}
	_, err = w.Write(data)
	var info os.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = dir.remove(name)
		return "", 0, err
	}
	return name, info.ModTime().UnixNano(), nil
}

// mkdirs makes the folder d and its parents in the staging tree, each once.
func (t *Tx) mkdirs(d string) error {
	t.mu.Lock()
	made := t.madeDirs[d]
	t.mu.Unlock()
	if made {
		return nil
	}
	if err := t.mkdirs(path.Dir(d)); err != nil {
		return err
	}
	if err := t.stage.mkdir(d, 0o755); err != nil && !isExist(err) {
		return err
	}
	t.mu.Lock()
	t.madeDirs[d] = true
	t.mu.Unlock()
	return nil
}

// folderOK reports whether d is a real folder in the destination, and every
// folder above it too: no link, no file. Below a folder that is not, no
// file is taken as unchanged, and Commit sorts out what stands there.
func (t *Tx) folderOK(d string) bool {
	t.mu.Lock()
	ok, seen := t.dirs[d]
	t.mu.Unlock()
	if seen {
		return ok
	}
	if !validPath(d) { // never so, but "/" and ".." would be their own parents
		return false
	}
	ok = t.folderOK(path.Dir(d))
	if ok {
		e, err := t.dest.stat(d)
		ok = err == nil && e.kind == kindDir
	}
	t.mu.Lock()
	t.dirs[d] = ok
	t.mu.Unlock()
	return ok
}

// holds reports whether the destination's file p holds exactly data.
func (t *Tx) holds(p string, data []byte) bool {
	f, err := t.dest.open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	t.mu.Lock()
	t.readBack++
	t.mu.Unlock()
	buf := make([]byte, len(data)+1)
	n, err := io.ReadFull(f, buf)
	return err == io.ErrUnexpectedEOF && n == len(data) && string(buf[:n]) == string(data)
}

// Read returns a file of the new site, once written.
func (t *Tx) Read(p string) ([]byte, bool) {
	t.mu.Lock()
	name, staged := t.staged[p]
	_, known := t.recs[p]
	t.mu.Unlock()
	var f *os.File
	var err error
	switch {
	case !known:
		return nil, false
	case staged && t.stage != nil:
		f, err = t.stage.open(name)
	case t.dest != nil:
		f, err = t.dest.open(p)
	default:
		return nil, false
	}
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return data, err == nil
}

// Written is how many files the build staged: those whose bytes changed.
func (t *Tx) Written() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.written
}

// ReadBack is how many files were compared with the destination's by
// reading them.
func (t *Tx) ReadBack() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.readBack
}

func isNotExist(err error) bool { return errors.Is(err, os.ErrNotExist) }
func isExist(err error) bool    { return errors.Is(err, os.ErrExist) }
