//go:build linux

package regular

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// openBeneath opens name, relative to the folder root, as open does, but
// never outside root: the kernel resolves every element of the path under
// root (openat2 with RESOLVE_BENEATH), so that no link, whenever it was
// put there, leads a read out of the site. Without follow, no element may
// be a link at all (RESOLVE_NO_SYMLINKS): a folder swapped for a link after
// it was listed is refused too. A kernel without openat2 (before Linux 5.6)
// gets open's checks of the last element.
func openBeneath(root, name string, follow bool) (*os.File, error) {
	full := root + "/" + name
	if name == "." {
		full = root
	}
	dirfd, err := unix.Open(root, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: root, Err: err}
	}
	defer unix.Close(dirfd)
	how := unix.OpenHow{Flags: uint64(flags), Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	look := 0 // the look before the open follows links where the open does
	if !follow {
		how.Flags |= unix.O_NOFOLLOW
		how.Resolve |= unix.RESOLVE_NO_SYMLINKS
		look = unix.AT_SYMLINK_NOFOLLOW
	}
	f, err := openWith(full, func(st *unix.Stat_t) error {
		return unix.Fstatat(dirfd, name, st, look)
	}, func() (int, error) {
		return unix.Openat2(dirfd, name, &how)
	})
	var pe *fs.PathError
	switch {
	case err == nil:
		return f, nil
	case errors.As(err, &pe) && errors.Is(pe.Err, unix.ENOSYS):
		return open(full, follow)
	case errors.As(err, &pe) && (errors.Is(pe.Err, unix.EXDEV) || errors.Is(pe.Err, unix.ELOOP)):
		// A link that leads out of root, or any link where none is
		// followed: refused as the link it is.
		pe.Err = &NotRegularError{Mode: fs.ModeSymlink}
	}
	return nil, err
}
