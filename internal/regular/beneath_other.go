//go:build !linux

package regular

import "os"

// openBeneath opens name, relative to the folder root, as open does. Only
// Linux resolves a path under a folder in the kernel (see the Linux
// version); elsewhere the last element is checked as open checks it.
func openBeneath(root, name string, follow bool) (*os.File, error) {
	if name == "." {
		return open(root, follow)
	}
	return open(root+string(os.PathSeparator)+name, follow)
}
