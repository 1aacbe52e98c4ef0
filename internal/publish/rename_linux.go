package publish

import "golang.org/x/sys/unix"

// renameNew moves name to toName in the folder to, failing if anything is
// at toName already.
func (f *folder) renameNew(name string, to *folder, toName string) error {
	return f.pathErr("rename", name, unix.Renameat2(f.fd, name, to.fd, toName, unix.RENAME_NOREPLACE))
}
