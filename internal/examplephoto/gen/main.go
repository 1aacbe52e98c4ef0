// Command gen writes the site's sample photos (see package examplephoto)
// into the site root given as its argument, "." by default:
//
//	go run ./internal/examplephoto/gen
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/alaqsa-ira/site/internal/examplephoto"
)

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	for _, s := range examplephoto.Samples {
		p := filepath.Join(root, filepath.FromSlash(s.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, examplephoto.JPEG(s), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("wrote", p)
	}
}
