//go:build !unix

package regular

import (
	"io/fs"
	"os"
)

// open checks what name is before and after opening it. Systems that are
// not Unix have no named pipes that a plain open waits on.
func open(name string, follow bool) (*os.File, error) {
	stat := os.Stat
	if !follow {
		stat = os.Lstat
	}
	if info, err := stat(name); err == nil && !Readable(info.Mode()) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: &NotRegularError{Mode: info.Mode().Type()}}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !Readable(info.Mode()) {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: &NotRegularError{Mode: info.Mode().Type()}}
	}
	return f, nil
}
