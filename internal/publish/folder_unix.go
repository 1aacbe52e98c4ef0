//go:build unix

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"github.com/alaqsa-ira/site/internal/regular"
	"golang.org/x/sys/unix"
)

// folder is an open folder. Every method takes a name relative to it and
// acts on that name itself: a symbolic link there is never followed, only
// reported (kindLink), replaced or removed. Names with several components
// ("en/about/index.html") are resolved by the system, so callers use them
// only below folders they have checked (see Tx.folderOK) or made; the
// publishing steps that change the destination go one component at a time
// (see cursor), opening each folder with O_NOFOLLOW.
type folder struct {
	fd   int
	path string // for messages and os.RemoveAll
}

// openFolder opens the folder at path, following links in path: it is
// used for the folder that holds the destination, whose path the caller
// has resolved.
func openFolder(path string) (*folder, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return &folder{fd: fd, path: path}, nil
}

func (f *folder) join(name string) string { return f.path + "/" + name }

func (f *folder) pathErr(op, name string, err error) error {
	if err == nil {
		return nil
	}
	return &fs.PathError{Op: op, Path: f.join(name), Err: err}
}

// sub opens the folder name; it fails if name is a link or not a folder.
func (f *folder) sub(name string) (*folder, error) {
	fd, err := unix.Openat(f.fd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, f.pathErr("open", name, err)
	}
	return &folder{fd: fd, path: f.join(name)}, nil
}

func (f *folder) close() { unix.Close(f.fd) }

// stat describes name without following it; a missing name is kindMissing.
func (f *folder) stat(name string) (entry, error) {
	var st unix.Stat_t
	err := unix.Fstatat(f.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	switch {
	case err == unix.ENOENT || err == unix.ENOTDIR:
		return entry{}, nil
	case err != nil:
		return entry{}, f.pathErr("lstat", name, err)
	}
	e := entry{size: st.Size, mtime: st.Mtim.Nano(), perm: fs.FileMode(st.Mode & 0o7777)}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
		e.kind = kindFile
	case unix.S_IFDIR:
		e.kind = kindDir
	case unix.S_IFLNK:
		e.kind = kindLink
	default:
		e.kind = kindOther
	}
	return e, nil
}

// self describes the folder itself.
func (f *folder) self() (entry, error) {
	var st unix.Stat_t
	if err := unix.Fstat(f.fd, &st); err != nil {
		return entry{}, &fs.PathError{Op: "stat", Path: f.path, Err: err}
	}
	return entry{kind: kindDir, perm: fs.FileMode(st.Mode & 0o7777)}, nil
}

// create makes the new file name for writing; it fails if anything, a link
// included, is there already.
func (f *folder) create(name string) (*os.File, error) {
	fd, err := unix.Openat(f.fd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return nil, f.pathErr("create", name, err)
	}
	return os.NewFile(uintptr(fd), f.join(name)), nil
}

// open opens the file name for reading; it fails, without waiting, if name
// is a link or anything else that is not a regular file (a named pipe).
func (f *folder) open(name string) (*os.File, error) {
	return regular.OpenAt(f.fd, name, f.join(name))
}

func (f *folder) mkdir(name string, perm fs.FileMode) error {
	return f.pathErr("mkdir", name, unix.Mkdirat(f.fd, name, uint32(perm)))
}

// rename moves name to toName in the folder to, replacing a file or a link
// there (never what a link points to).
func (f *folder) rename(name string, to *folder, toName string) error {
	return f.pathErr("rename", name, unix.Renameat(f.fd, name, to.fd, toName))
}

// remove removes the file or link name.
func (f *folder) remove(name string) error {
	return f.pathErr("remove", name, unix.Unlinkat(f.fd, name, 0))
}

// rmdir removes the empty folder name.
func (f *folder) rmdir(name string) error {
	return f.pathErr("rmdir", name, unix.Unlinkat(f.fd, name, unix.AT_REMOVEDIR))
}

// removeAll removes name and everything below it, never following a link
// (os.RemoveAll opens each folder with O_NOFOLLOW).
func (f *folder) removeAll(name string) error { return os.RemoveAll(f.join(name)) }

// chmod sets the folder's own permissions.
func (f *folder) chmod(perm fs.FileMode) error {
	if err := unix.Fchmod(f.fd, uint32(perm)); err != nil {
		return &fs.PathError{Op: "chmod", Path: f.path, Err: err}
	}
	return nil
}

// list returns the names in the folder.
func (f *folder) list() ([]string, error) {
	fd, err := unix.Openat(f.fd, ".", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: f.path, Err: err}
	}
	d := os.NewFile(uintptr(fd), f.path)
	defer d.Close()
	return d.Readdirnames(-1)
}

// id names the folder by its device and inode, which stay the same when it
// is renamed.
func (f *folder) id() string {
	var st unix.Stat_t
	if unix.Fstat(f.fd, &st) != nil {
		return ""
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
}

// lock takes an exclusive lock on the folder without waiting, released by
// the returned function or when the process ends.
func (f *folder) lock() (func(), error) {
	// A new open file description, so that closing it releases the lock.
	fd, err := unix.Openat(f.fd, ".", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return func() { unix.Close(fd) }, nil
}

// isPermission reports whether err means the folder does not let us write.
func isPermission(err error) bool {
	return errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

// isNoSpace reports whether err means the disk or the user's quota is full.
func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
