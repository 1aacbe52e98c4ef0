//go:build !unix

package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/alaqsa-ira/site/internal/regular"
)

// folder is a folder named by its path, where the system has no calls
// relative to an open folder. Each method checks that the final name is not
// a link before acting on it, and callers check the folders above as on
// Unix; unlike there, a link swapped in between the check and the act is
// not caught.
type folder struct{ path string }

func openFolder(path string) (*folder, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.ENOTDIR}
	}
	return &folder{path: path}, nil
}

func (f *folder) join(name string) string { return filepath.Join(f.path, filepath.FromSlash(name)) }

func (f *folder) sub(name string) (*folder, error) {
	e, err := f.stat(name)
	if err != nil {
		return nil, err
	}
	if e.kind != kindDir {
		return nil, &fs.PathError{Op: "open", Path: f.join(name), Err: syscall.ENOTDIR}
	}
	return &folder{path: f.join(name)}, nil
}

func (f *folder) close() {}

func (f *folder) stat(name string) (entry, error) {
	info, err := os.Lstat(f.join(name))
	if errors.Is(err, fs.ErrNotExist) {
		return entry{}, nil
	}
	if err != nil {
		return entry{}, err
	}
	return entryOf(info), nil
}

func entryOf(info fs.FileInfo) entry {
	e := entry{size: info.Size(), mtime: info.ModTime().UnixNano(), perm: info.Mode().Perm()}
	switch {
	case info.Mode().IsRegular():
		e.kind = kindFile
	case info.IsDir():
		e.kind = kindDir
	case info.Mode()&fs.ModeSymlink != 0:
		e.kind = kindLink
	default:
		e.kind = kindOther
	}
	return e
}

func (f *folder) self() (entry, error) {
	info, err := os.Lstat(f.path)
	if err != nil {
		return entry{}, err
	}
	return entryOf(info), nil
}

func (f *folder) create(name string) (*os.File, error) {
	return os.OpenFile(f.join(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

func (f *folder) open(name string) (*os.File, error) {
	if e, err := f.stat(name); err != nil {
		return nil, err
	} else if e.kind != kindFile {
		return nil, &fs.PathError{Op: "open", Path: f.join(name), Err: errNotRegular}
	}
	return regular.Open(f.join(name), false)
}

var errNotRegular = errors.New("not a regular file")

func (f *folder) mkdir(name string, perm fs.FileMode) error { return os.Mkdir(f.join(name), perm) }

func (f *folder) rename(name string, to *folder, toName string) error {
	return os.Rename(f.join(name), to.join(toName))
}

func (f *folder) remove(name string) error { return os.Remove(f.join(name)) }

func (f *folder) rmdir(name string) error { return os.Remove(f.join(name)) }

func (f *folder) removeAll(name string) error { return os.RemoveAll(f.join(name)) }

func (f *folder) chmod(perm fs.FileMode) error { return os.Chmod(f.path, perm) }

func (f *folder) list() ([]string, error) {
	d, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.Readdirnames(-1)
}

// id is unknown where folders have no inode numbers: a destination is then
// known by its manifest alone.
func (f *folder) id() string { return "path:" + f.path }

// lock does not lock where the system has no flock.
func (f *folder) lock() (func(), error) { return func() {}, nil }

func isPermission(err error) bool { return errors.Is(err, fs.ErrPermission) }

// isNoSpace reports whether err means the disk is full.
func isNoSpace(err error) bool {
	var errno syscall.Errno
	// ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
	return errors.As(err, &errno) && (errno == 112 || errno == 39)
}
