// Command gencorpus writes a large site for measuring the builder: this
// project's site with n generated announcements per language.
//
//	go run ./cmd/gencorpus -n 10000 -o /tmp/corpus
//	/usr/bin/time -v go run ./cmd/site build -s /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/alaqsa-ira/site/internal/corpus"
	"github.com/alaqsa-ira/site/internal/site"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := fs.Int("n", 2000, "announcements per language")
	out := fs.String("o", "", "the folder to write (must not exist)")
	src := fs.String("s", ".", "the site to start from")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("-o is required")
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%s exists; choose a new folder", *out)
	}
	m, err := corpus.Generate(site.DirFS(*src), *n)
	if err != nil {
		return err
	}
	if err := corpus.WriteDir(*out, m); err != nil {
		return err
	}
	fmt.Printf("wrote %d files to %s\n", len(m), *out)
	return nil
}
