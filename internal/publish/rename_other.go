//go:build !linux

package publish

import (
	"io/fs"
	"os"
)

// renameNew moves name to toName in the folder to, failing if anything is
// at toName already. Without renameat2 the check and the move are two
// steps.
func (f *folder) renameNew(name string, to *folder, toName string) error {
	if e, err := to.stat(toName); err != nil {
		return err
	} else if e.kind != kindMissing {
		return &fs.PathError{Op: "rename", Path: to.join(toName), Err: os.ErrExist}
	}
	return f.rename(name, to, toName)
}
