package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"syscall"
	"time"

	"github.com/alaqsa-ira/site/internal/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	var src, bind string
	var port int
	var drafts bool
	siteFlags(fs, &src, nil, &drafts, "show drafts (marked as drafts); --drafts=false hides them", true)
	var renderTimeout time.Duration
	renderTimeoutFlag(fs, &renderTimeout)
	var cache string
	cacheDirFlag(fs, &cache)
	fs.IntVar(&port, "port", 1313, "the `port` to listen on")
	fs.StringVar(&bind, "bind", "127.0.0.1", "the `address` to listen on (0.0.0.0 for every network)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkRenderTimeout(renderTimeout); err != nil {
		return err
	}
	if err := checkSource(src); err != nil {
		return err
	}
	if port < 0 || port > maxPort {
		return usageError{fmt.Sprintf("--port %d: a port is a number from 1 to %d (0 takes any free one)", port, maxPort)}
	}
	if ip := net.ParseIP(bind); ip == nil && bind != "localhost" {
		return usageError{fmt.Sprintf("--bind %q is not an IP address", bind)}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if err != nil {
		return listenError(bind, port, err)
	}
	if ip := net.ParseIP(bind); ip != nil && !ip.IsLoopback() {
		fmt.Fprintf(stderr, "warning: listening on %s: anyone on your network can see the site, drafts included\n", bind)
	}
	s := serve.New(serve.Options{Root: src, Drafts: drafts, Log: stdout, RenderTimeout: renderTimeout, CacheDir: cacheDir(src, cache)}, ln)
	fmt.Fprintf(stdout, "serving the site at %s (drafts %s); press Ctrl-C to stop\n", s.URL(), map[bool]string{true: "shown", false: "hidden"}[drafts])
	if err := s.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "stopped")
	return stoppedBy(ctx, "")
}

const maxPort = 65535

// listenError says why the server cannot listen, and what to try.
func listenError(bind string, port int, err error) error {
	hint := ""
	switch {
	case errors.Is(err, syscall.EADDRINUSE) && port > 0:
		other := port + 1
		if other > maxPort {
			other = port - 1
		}
		hint = fmt.Sprintf(" (is another server running? try --port %d)", other)
	case errors.Is(err, syscall.EACCES) && port < 1024:
		hint = " (ports below 1024 need special rights; try --port 1313)"
	}
	return fmt.Errorf("cannot listen on %s port %d: %w%s", bind, port, err, hint)
}
