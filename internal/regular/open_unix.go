//go:build unix

package regular

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// flags open for reading without waiting: O_NONBLOCK makes opening a named
// pipe with no writer return at once, O_NOCTTY keeps a terminal from
// becoming the program's.
const flags = unix.O_RDONLY | unix.O_NONBLOCK | unix.O_NOCTTY | unix.O_CLOEXEC

func open(name string, follow bool) (*os.File, error) {
	stat, nofollow := unix.Stat, 0
	if !follow {
		stat, nofollow = unix.Lstat, unix.O_NOFOLLOW
	}
	return openWith(name, func(st *unix.Stat_t) error { return stat(name, st) }, func() (int, error) {
		return unix.Open(name, flags|nofollow, 0)
	})
}

// OpenAt opens name, relative to the open folder dirfd, as Open does
// without following a link as its last element; path names the file in
// errors and in the *os.File.
func OpenAt(dirfd int, name, path string) (*os.File, error) {
	return openWith(path, func(st *unix.Stat_t) error {
		return unix.Fstatat(dirfd, name, st, unix.AT_SYMLINK_NOFOLLOW)
	}, func() (int, error) {
		return unix.Openat(dirfd, name, flags|unix.O_NOFOLLOW, 0)
	})
}

// openWith opens the file named name with openFD after a look with stat,
// and checks what was opened. The look spares a device from being opened; the check on the
// descriptor is what decides.
func openWith(name string, stat func(*unix.Stat_t) error, openFD func() (int, error)) (*os.File, error) {
	var st unix.Stat_t
	if err := stat(&st); err == nil && !Readable(mode(uint32(st.Mode))) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: &NotRegularError{Mode: mode(uint32(st.Mode))}}
	}
	var fd int
	var err error
	for {
		fd, err = openFD()
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		// A link with O_NOFOLLOW (ELOOP), a socket (ENXIO): say what it is.
		if serr := stat(&st); serr == nil && !Readable(mode(uint32(st.Mode))) {
			err = &NotRegularError{Mode: mode(uint32(st.Mode))}
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "fstat", Path: name, Err: err}
	}
	if m := mode(uint32(st.Mode)); !Readable(m) {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "open", Path: name, Err: &NotRegularError{Mode: m}}
	}
	// Reads of a regular file wait for the disk, as they should.
	if err := unix.SetNonblock(fd, false); err != nil {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "fcntl", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}

// mode turns a stat mode's type bits into an fs.FileMode.
func mode(m uint32) fs.FileMode {
	switch m & unix.S_IFMT {
	case unix.S_IFREG:
		return 0
	case unix.S_IFDIR:
		return fs.ModeDir
	case unix.S_IFLNK:
		return fs.ModeSymlink
	case unix.S_IFIFO:
		return fs.ModeNamedPipe
	case unix.S_IFSOCK:
		return fs.ModeSocket
	case unix.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		return fs.ModeDevice
	}
	return fs.ModeIrregular
}
