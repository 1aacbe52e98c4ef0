package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// CheckDest refuses destinations that a build must never replace: the
// current folder, the file system root, the source folder or a folder
// holding it, a folder inside the source's content/, data/, layouts/ or
// static/, a folder holding content/ or .git, and a folder with files in it
// that does not look like a built site.
func CheckDest(srcDir, dest string) error {
	refuse := func(why string) error {
		return fmt.Errorf("refusing to publish to %s: %s; choose an output folder such as public", dest, why)
	}
	absDest, err := absReal(dest)
	if err != nil {
		return err
	}
	if filepath.Dir(absDest) == absDest {
		return refuse("it is the root of the file system")
	}
	if cwd, err := os.Getwd(); err == nil {
		if c, err := absReal(cwd); err == nil && c == absDest {
			return refuse("it is the current folder")
		}
	}
	if srcDir != "" {
		absSrc, err := absReal(srcDir)
		if err != nil {
			return err
		}
		if absSrc == absDest {
			return refuse("it is the source folder")
		}
		if within(absSrc, absDest) {
			return refuse("it holds the source folder")
		}
		for _, d := range []string{"content", "data", "layouts", "static"} {
			if inner := filepath.Join(absSrc, d); inner == absDest || within(absDest, inner) {
				return refuse("it is inside the source's " + d + "/ folder")
			}
		}
	}
	info, err := os.Stat(absDest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return refuse("it is a file, not a folder")
	}
	for _, marker := range []string{"content", ".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(absDest, marker)); err == nil {
			return refuse("it holds " + marker + ", so it looks like a source folder")
		}
	}
	entries, err := os.ReadDir(absDest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	for _, marker := range []string{"index.html", "404.html", "sitemap.xml"} {
		if _, err := os.Lstat(filepath.Join(absDest, marker)); err == nil {
			return nil
		}
	}
	return refuse("it has files in it and is not a site built before (no index.html or sitemap.xml)")
}

// absReal returns the absolute path with symbolic links resolved as far as
// the path exists.
func absReal(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// within reports whether inner is strictly inside outer.
func within(inner, outer string) bool {
	rel, err := filepath.Rel(outer, inner)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// staging is the folder beside the destination that a build writes into
// before swapping it with the destination in one step. After the swap it
// holds the previous site, and it is kept (as .NAME.previous): the next
// build rewrites only the files whose bytes differ and removes those the new
// site no longer has, so rebuilding a large site writes a handful of files
// instead of all of them, and no old tree has to be deleted. Builds that
// publish to the same destination at once are refused by a lock on it.
type staging struct {
	dest, dir string
	fresh     bool // the folder was made for this build: nothing to compare
	unlock    func()
	mu        sync.Mutex
	dirs      map[string]bool // folders known to exist
	files     map[string]bool // the new site's files, slash-separated
	written   int
	readBack  int // files compared by reading them
	bufs      sync.Pool
	// The manifest (see manifest): where it is kept, this folder's and the
	// destination's names in it, what the folder held according to it
	// (nil when unknown), and what it holds now.
	manifestPath string
	id, destID   string
	prev         map[string]fileRecord
	destRecords  []byte
	recs         map[string]fileRecord
	// listing lists what the folder held, while the build renders.
	listing sync.WaitGroup
	listed  []string
	listErr error
}

// StagingDir is the folder beside dest that holds the next (and afterwards
// the previous) site.
func StagingDir(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".previous"), nil
}

func openStaging(dest string) (*staging, error) {
	dir, err := StagingDir(dest)
	if err != nil {
		return nil, err
	}
	info, err := os.Lstat(dir)
	if err == nil && !info.IsDir() {
		if err := os.Remove(dir); err != nil {
			return nil, err
		}
	}
	fresh := err != nil || !info.IsDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, fmt.Errorf("another build is publishing to %s right now; wait for it to finish", dest)
	}
	s := &staging{dest: dest, dir: dir, fresh: fresh, unlock: unlock, dirs: map[string]bool{dir: true}, files: map[string]bool{}, recs: map[string]fileRecord{}}
	s.bufs.New = func() any { b := make([]byte, 0, 64<<10); return &b }
	if s.manifestPath, err = ManifestPath(dest); err != nil {
		unlock()
		return nil, err
	}
	if id, ok := treeID(dir); ok {
		s.id = id
		s.destID, _ = treeID(dest)
		m := readManifest(s.manifestPath, id, s.destID)
		s.prev, s.destRecords = m.records, m.other
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		unlock()
		return nil, err
	}
	s.listing.Go(func() { s.listed, s.listErr = listFiles(dir) })
	return s, nil
}

func (s *staging) close() {
	s.listing.Wait()
	s.unlock()
}

// listFiles lists the files (everything but folders) under dir. It runs
// while the build writes there: what it lists may be gone by the time it
// is used.
func listFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil:
			return err
		case !d.IsDir():
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// Write puts one file of the new site in the staging folder, unless it is
// there already with the same bytes: as the manifest says and its size and
// modification time confirm, or, without a manifest, as reading it shows.
func (s *staging) Write(p string, data []byte) error {
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	rec := fileRecord{Size: int64(len(data)), Sum: sum(data)}
	s.mu.Lock()
	s.files[p] = true
	s.mu.Unlock()
	if old, ok := s.prev[p]; ok && old.Size == rec.Size && old.Sum == rec.Sum {
		if info, err := os.Lstat(full); err == nil && info.Mode().IsRegular() && info.Size() == old.Size && info.ModTime().UnixNano() == old.MTime {
			s.record(p, old, false)
			return nil
		}
	} else if s.prev == nil && !s.fresh {
		if mtime, ok := s.same(full, data); ok {
			rec.MTime = mtime
			s.record(p, rec, false)
			return nil
		}
	}
	if err := s.mkdirs(filepath.Dir(full)); err != nil {
		return err
	}
	mtime, err := writeFile(full, data)
	if err != nil && !s.fresh {
		// A folder of the previous site may stand where the file goes.
		if info, lerr := os.Lstat(full); lerr == nil && info.IsDir() {
			if err := os.RemoveAll(full); err != nil {
				return err
			}
			mtime, err = writeFile(full, data)
		}
	}
	if err != nil {
		return err
	}
	rec.MTime = mtime
	s.record(p, rec, true)
	return nil
}

// record notes what the file at p now holds.
func (s *staging) record(p string, rec fileRecord, written bool) {
	s.mu.Lock()
	s.recs[p] = rec
	if written {
		s.written++
	}
	s.mu.Unlock()
}

// writeFile writes data to the file name and returns its modification
// time.
func writeFile(name string, data []byte) (int64, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	_, err = f.Write(data)
	var info os.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	return info.ModTime().UnixNano(), nil
}

// Read returns a file of the new site.
func (s *staging) Read(p string) ([]byte, bool) {
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
	return data, err == nil
}

// same reports whether the file at full holds exactly data, and its
// modification time.
func (s *staging) same(full string, data []byte) (int64, bool) {
	f, err := os.Open(full)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return 0, false
	}
	s.mu.Lock()
	s.readBack++
	s.mu.Unlock()
	bp := s.bufs.Get().(*[]byte)
	defer func() {
		if cap(*bp) <= maxPooledBuf {
			s.bufs.Put(bp)
		}
	}()
	buf := slices.Grow((*bp)[:0], len(data)+1)[:len(data)+1]
	n, err := io.ReadFull(f, buf)
	*bp = buf
	return info.ModTime().UnixNano(), err == io.ErrUnexpectedEOF && n == len(data) && bytes.Equal(buf[:n], data)
}

// mkdirs makes dir and its parents, replacing files that stand where a
// folder must now be. Each folder costs one mkdir, the way a build makes
// them (parents first, most of them new).
func (s *staging) mkdirs(dir string) error {
	s.mu.Lock()
	known := s.dirs[dir]
	s.mu.Unlock()
	if known || len(dir) <= len(s.dir) {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err := s.mkdirs(filepath.Dir(dir)); err != nil {
			return err
		}
		err = os.Mkdir(dir, 0o755)
	}
	if errors.Is(err, fs.ErrExist) {
		// Made by another render, or there from the previous site.
		if info, lerr := os.Lstat(dir); lerr == nil && info.IsDir() {
			err = nil
		}
	}
	if err != nil {
		// A file of the previous site stands where this folder or one of
		// its parents must be.
		for d := dir; d != s.dir && len(d) > len(s.dir); d = filepath.Dir(d) {
			if info, err := os.Lstat(d); err == nil && !info.IsDir() {
				if err := os.Remove(d); err != nil {
					return err
				}
				break
			}
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	s.mu.Lock()
	for d := dir; d != s.dir && len(d) > len(s.dir); d = filepath.Dir(d) {
		s.dirs[d] = true
	}
	s.mu.Unlock()
	return nil
}

// prune removes what the previous site had and the new one does not.
func (s *staging) prune() error {
	s.listing.Wait()
	if s.listErr != nil {
		return s.listErr
	}
	var stale, emptied []string
	for _, p := range s.listed {
		rel, _ := filepath.Rel(s.dir, p)
		if s.files[filepath.ToSlash(rel)] {
			continue
		}
		// A file of the old site may have been replaced by a folder of
		// the new one since it was listed.
		if info, err := os.Lstat(p); err == nil && !info.IsDir() {
			stale = append(stale, p)
		}
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return err
		}
		emptied = append(emptied, filepath.Dir(p))
	}
	// Remove folders left empty, deepest first; a folder that still has
	// files in it is not removed.
	slices.SortFunc(emptied, func(a, b string) int { return len(b) - len(a) })
	for _, d := range slices.Compact(emptied) {
		for ; d != s.dir && len(d) > len(s.dir); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	return nil
}

// publish makes the staging folder the destination. Where the system can
// exchange two folders in one step it does, so that a reader never sees a
// missing or half-written site; elsewhere it renames the old site aside
// first. The old site stays behind as the staging folder of the next build.
func (s *staging) publish() error {
	if err := s.prune(); err != nil {
		return err
	}
	if err := s.swap(); err != nil {
		return err
	}
	s.saveManifest()
	return nil
}

func (s *staging) swap() error {
	if _, err := os.Lstat(s.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(s.dir, s.dest)
	}
	if err := exchange(s.dir, s.dest); err == nil {
		return nil
	}
	aside := s.dir + ".swap"
	if err := os.Rename(s.dest, aside); err != nil {
		return err
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		_ = os.Rename(aside, s.dest)
		return err
	}
	return os.Rename(aside, s.dir)
}

// saveManifest records what the published folder holds, and keeps what the
// manifest knew of the other one. The site is published whether or not
// this succeeds: without a manifest the next build reads files back.
func (s *staging) saveManifest() {
	if s.id != "" {
		_ = writeManifest(s.manifestPath, s.id, s.recs, s.destID, s.destRecords)
	}
}
