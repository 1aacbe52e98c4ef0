//go:build unix

package build

import (
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an exclusive lock on a folder, released by the returned
// function or when the process ends.
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// treeID names a folder by its device and inode, which stay the same when
// it is renamed or exchanged with another.
func treeID(dir string) (string, bool) {
	info, err := os.Lstat(dir)
	if err != nil {
		return "", false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino), true
}
