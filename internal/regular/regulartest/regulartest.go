//go:build unix

// Package regulartest makes the files that are not regular files, for the
// tests that plant them in a site: named pipes, sockets and devices.
package regulartest

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// Special is a kind of file that is not a regular file, and how to make one.
type Special struct {
	Name string // "fifo", "socket", "device"
	// Make makes one at path, in a folder that exists. It returns false,
	// having logged why, when this machine or user cannot make one.
	Make func(t testing.TB, path string) bool
}

// Specials are the kinds a test can plant.
var Specials = []Special{
	{"fifo", FIFO},
	{"socket", Socket},
	{"device", Device},
}

// FIFO makes a named pipe at path.
func FIFO(t testing.TB, path string) bool {
	t.Helper()
	if err := unix.Mkfifo(path, 0o644); err != nil {
		t.Fatalf("mkfifo %s: %v", path, err)
	}
	return true
}

// Socket makes a Unix socket at path, listening until the test ends. It
// is made in a short folder and moved into place: a socket's path is
// limited to about a hundred bytes, and test folders are long.
func Socket(t testing.TB, path string) bool {
	t.Helper()
	dir, err := os.MkdirTemp("", "sock")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "s")
	ln, err := net.Listen("unix", tmp)
	if err != nil {
		t.Logf("cannot make a socket: %v", err)
		return false
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	t.Cleanup(func() { ln.Close() })
	if err := os.Rename(tmp, path); err != nil {
		t.Fatalf("moving the socket to %s: %v", path, err)
	}
	return true
}

// Device makes a character device at path: the one /dev/zero is, whose
// reads never end. Only a privileged user can make one.
func Device(t testing.TB, path string) bool {
	t.Helper()
	err := unix.Mknod(path, unix.S_IFCHR|0o644, int(unix.Mkdev(1, 5)))
	if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
		t.Logf("cannot make a device here: %v", err)
		return false
	}
	if err != nil {
		t.Fatalf("mknod %s: %v", path, err)
	}
	return true
}
