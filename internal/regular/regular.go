// Package regular opens files for reading only when they are regular files
// (or folders), and never blocks doing so.
//
// Anything else in a site's folders is refused: a named pipe (FIFO), which
// a plain open waits on until something writes to it, for ever; a socket; a
// device, which may never end or may act when opened; and, where links are
// not followed, a symbolic link. The check is made on the opened descriptor
// (open with O_NONBLOCK, and O_NOFOLLOW where links are not followed; fstat;
// then back to blocking reads), so that nothing swapped in between a look
// and the open is ever read, and opening a named pipe returns at once. A
// look before the open (lstat) only spares a device from being opened at
// all.
//
// Open and ReadFile take a path; DirFS is a folder as an fs.FS, the way
// every read of a site's folder goes. Kind names what a refused file is, and
// Skipped is the warning that says so.
package regular

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/alaqsa-ira/site/internal/diag"
)

// ErrNotRegular is matched (errors.Is) by the error of reading anything
// that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError is why a path was refused: what it is.
type NotRegularError struct {
	Mode fs.FileMode // the type bits of what was found
}

func (e *NotRegularError) Error() string { return "is " + Kind(e.Mode) + ", not a regular file" }

// Is makes errors.Is(err, ErrNotRegular) true.
func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// Kind names the kind of file a mode says, with its article: "a named pipe
// (FIFO)", "a socket", "a device", "a symbolic link", "a folder", "a
// regular file", else "a special file".
func Kind(mode fs.FileMode) string {
	switch t := mode.Type(); {
	case t == 0:
		return "a regular file"
	case t&fs.ModeDir != 0:
		return "a folder"
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Skipped is the warning for the file at path (slash-separated, relative to
// the site root), of the given mode, which is neither a regular file nor a
// folder and so is skipped.
func Skipped(path string, mode fs.FileMode) *diag.Error {
	if mode&fs.ModeSymlink != 0 {
		return diag.Warnf(path, 0, "symbolic links are not followed (they could bring in files from outside the site); copy the file here instead")
	}
	return diag.Warnf(path, 0, "this is %s, not a regular file, and is skipped: the site reads only regular files and folders; delete it, or put a regular file in its place", Kind(mode))
}

// SkippedErr returns Skipped for an error of reading path that refused
// what it found (see NotRegularError), and false for any other error.
func SkippedErr(path string, err error) (*diag.Error, bool) {
	var nr *NotRegularError
	if !errors.As(err, &nr) {
		return nil, false
	}
	return Skipped(path, nr.Mode), true
}

// Readable reports whether a file of this mode (from a folder listing, or
// fs.FileInfo) may be read: a regular file or a folder.
func Readable(mode fs.FileMode) bool { return mode.IsRegular() || mode.IsDir() }

// Open opens the file or folder at name for reading. Anything that is not
// a regular file or a folder is refused with an *fs.PathError wrapping a
// *NotRegularError, without blocking; with follow unset, a link as the last
// element of name is refused too (links before it are followed).
func Open(name string, follow bool) (*os.File, error) {
	return open(name, follow)
}

// ReadFile reads the regular file at name (see Open for follow).
func ReadFile(name string, follow bool) ([]byte, error) {
	f, err := open(name, follow)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f)
}

// readAll reads f to its end, sized by its length when it has one.
func readAll(f *os.File) ([]byte, error) {
	size := 0
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		if n := info.Size(); n > 0 && int64(int(n)) == n {
			size = int(n)
		}
	}
	buf := make([]byte, 0, size+1) // one more, to see the end in one read
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(512, len(buf)))
		}
	}
}

// DirFS returns the folder root as an fs.FS that opens only regular files
// and folders (see Open), as os.DirFS does otherwise. Links are followed,
// to a regular file or a folder, except in the folders noFollow names
// (slash-separated, relative to root) and below them, where a link is
// refused: there Stat describes the link itself, as fs.WalkDir lists it.
//
// The FS implements fs.ReadFileFS, fs.ReadDirFS and fs.StatFS, each with
// the same rules.
func DirFS(root string, noFollow ...string) fs.FS {
	return &dirFS{root: root, noFollow: noFollow}
}

type dirFS struct {
	root     string
	noFollow []string
}

// follows reports whether a link at name is followed.
func (d *dirFS) follows(name string) bool {
	for _, p := range d.noFollow {
		if name == p || strings.HasPrefix(name, p+"/") {
			return false
		}
	}
	return true
}

// join returns the path of name, failing as os.DirFS does for a name that
// is not a valid fs.FS path.
func (d *dirFS) join(op, name string) (string, error) {
	local, err := filepath.Localize(name)
	if err != nil {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return d.root, nil
	}
	return d.root + string(filepath.Separator) + local, nil
}

// local returns name as a path of the system relative to the root (name
// itself for "."), failing as os.DirFS does for a name that is not a valid
// fs.FS path.
func (d *dirFS) local(op, name string) (string, error) {
	if name == "." {
		return ".", nil
	}
	local, err := filepath.Localize(name)
	if err != nil {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return local, nil
}

// relative puts name back in err in place of the full path, as os.DirFS
// does.
func relative(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = name
	}
	return err
}

func (d *dirFS) Open(name string) (fs.File, error) {
	local, err := d.local("open", name)
	if err != nil {
		return nil, err
	}
	f, err := openBeneath(d.root, local, d.follows(name))
	if err != nil {
		return nil, relative(err, name)
	}
	return f, nil
}

func (d *dirFS) ReadFile(name string) ([]byte, error) {
	local, err := d.local("readfile", name)
	if err != nil {
		return nil, err
	}
	f, err := openBeneath(d.root, local, d.follows(name))
	if err != nil {
		return nil, relative(err, name)
	}
	defer f.Close()
	b, err := readAll(f)
	return b, relative(err, name)
}

func (d *dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	local, err := d.local("readdir", name)
	if err != nil {
		return nil, err
	}
	f, err := openBeneath(d.root, local, d.follows(name))
	if err != nil {
		return nil, relative(err, name)
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, relative(err, name)
}

func (d *dirFS) Stat(name string) (fs.FileInfo, error) {
	full, err := d.join("stat", name)
	if err != nil {
		return nil, err
	}
	stat := os.Stat
	if !d.follows(name) {
		stat = os.Lstat
	}
	info, err := stat(full)
	return info, relative(err, name)
}
