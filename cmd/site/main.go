// Command site builds the website of the International Relations Affairs
// office of Al-Aqsa University from Markdown and YAML.
//
//	site build [-s DIR] [-d DIR] [-b URL] [-D] [--force]   write the site to public/
//	site serve [-s DIR] [--port N] [--bind IP]    serve it with live reload
//	site check [-s DIR] [--strict] [--external] [--translations]
//	site new announcement|page "Title"
//
// Exit codes: 0 success, 1 the site has errors, 2 the command line is wrong,
// 130 stopped by Ctrl-C (SIGINT), 143 by SIGTERM and 129 by SIGHUP, having
// published nothing. Any command stops within a second of the first signal,
// whatever it is waiting on; only a site being put in place (which takes
// moments) is finished first, so that it is published whole or not at all.
// A second signal ends the program without waiting for anything else.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	_ "time/tzdata" // time zones for sites built on machines without them
)

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		// Collect garbage harder as the heap nears 200 MiB, so that a site of
		// 20,000 pages builds within 300 MB; GOMEMLIMIT overrides it.
		debug.SetMemoryLimit(200 << 20)
	}
	ctx, st, stop := notifyContext(os.Stderr, os.Exit, stopGrace)
	err := runStopped(ctx, st, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var u usageError
	var in *interrupted
	switch {
	case err == nil:
	case errors.As(err, &in):
		if in.msg != "" {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(in.exitCode())
	case errors.As(err, &u):
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	default:
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

// errReported means the errors were already printed.
var errReported = errors.New("errors reported")

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage: site <command> [flags]

commands:
  build   write the site to a folder (default public/)
  serve   serve the site on this machine, rebuilding and reloading on every change
  check   check the site for mistakes without writing it; exit 1 on errors
  new     create a new announcement or page in every language: site new announcement "Title"

run "site <command> -h" for the flags of a command`

// run runs the command named by args[0] until it finishes or ctx is
// cancelled; asking a command for its help (-h) is a success. A command
// stopped by a signal (see notifyContext) returns an *interrupted.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runStopped(ctx, nil, args, stdout, stderr)
}

// runStopped is run with the program's stopper (see notifyContext).
func runStopped(ctx context.Context, st *stopper, args []string, stdout, stderr io.Writer) error {
	err := runCommand(ctx, st, args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func runCommand(ctx context.Context, st *stopper, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{usage}
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, st, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, st, args[1:], stdout, stderr)
	case "new":
		return runNew(ctx, st, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q\n\n%s", args[0], usage)}
}
