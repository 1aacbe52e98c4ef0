package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/alaqsa-ira/site/internal/scaffold"
)

func runNew(ctx context.Context, st *stopper, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	var src string
	stringFlag(fs, &src, "s", "source", ".", "the site's root `folder`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: site new announcement|page "Title" [-s DIR]`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err.Error()}
	}
	rest := fs.Args()
	if len(rest) > 2 { // flags after the arguments
		if err := fs.Parse(rest[2:]); err != nil {
			return usageError{err.Error()}
		}
		rest = append(rest[:2:2], fs.Args()...)
	}
	if len(rest) != 2 {
		return usageError{`usage: site new announcement|page "Title" [-s DIR]`}
	}
	if err := checkSource(src); err != nil {
		return err
	}
	if _, ok := scaffold.Kinds[rest[0]]; !ok {
		return usageError{fmt.Sprintf("site new: unknown kind %q: use announcement or page", rest[0])}
	}
	now, err := buildTime()
	if err != nil {
		return usageError{err.Error()}
	}
	st.leaves("no page was made")
	paths, err := scaffold.New(ctx, src, rest[0], rest[1], now)
	var in *interrupted
	if errors.As(err, &in) { // stopped before it wrote anything
		return &interrupted{sig: in.sig, msg: "no page was made"}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s\nThey are drafts: write them, then remove \"draft: true\" to publish.\n", strings.Join(paths, " and "))
	return nil
}
