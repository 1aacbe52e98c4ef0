// Package serve is the dev server: it builds the site into memory, serves
// it, watches the source and rebuilds on every change, and tells the
// browsers showing the site to reload.
//
// The site is built once at start and kept by a build.Builder, which after
// a change renders only what the change can affect. Each finished build
// replaces the served files in one step and only then is the reload sent,
// over Server-Sent Events to a small script that the server adds to every
// HTML page it serves (never to the built files). A change to stylesheets
// alone swaps the stylesheets in place; any other change reloads the page,
// which keeps its scroll position. A build that fails leaves the server
// running: every page then shows the errors, with the lines of source they
// point at, until a later build succeeds.
//
// The server is meant for one person's machine: it listens on loopback
// unless told otherwise, answers only requests addressed to it by IP or
// localhost (a guard against DNS rebinding), accepts reload streams only
// from its own pages, and serves only the built site from memory, never a
// file of the source tree.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/watch"
)

// Options configures a Server.
type Options struct {
	Root   string // the site root on disk
	Drafts bool
	Log    io.Writer
	// Poll forces the watcher to poll at this interval (for file systems
	// without notifications, and tests).
	Poll time.Duration
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// RenderTimeout bounds the rendering of one page (see
	// build.Options.RenderTimeout).
	RenderTimeout time.Duration
	// CacheDir is the folder of the photos' cached derivatives.
	CacheDir string
}

// timeouts bound what a browser, or anything else that connects, can hold
// of the server: the time to send a request's headers and the whole
// request, to stay connected between requests, and to take one response or
// one event of a reload stream.
type timeouts struct {
	readHeader, read, idle, write time.Duration
}

var defaultTimeouts = timeouts{
	readHeader: 10 * time.Second,
	read:       30 * time.Second,
	idle:       2 * time.Minute,
	write:      30 * time.Second,
}

// Rebuild describes one rebuild, for the log and for tests.
type Rebuild struct {
	Paths    []string // what changed in the source
	Changed  []string // output files that changed
	Rendered int
	Err      error
	Took     time.Duration
	Version  uint64
	CSSOnly  bool
}

// Server serves a site under development.
type Server struct {
	opts    Options
	addr    string // host:port it listens on
	anyHost bool   // listening on all interfaces
	source  fs.FS  // the site root, as the builds read it

	// buildMu makes rebuilds run one at a time: the builder, the warnings
	// last printed and the order of versions belong to the rebuild that
	// holds it.
	buildMu  sync.Mutex
	builder  *build.Builder
	warnings string // the last build's, as printed

	mu      sync.RWMutex
	files   map[string][]byte
	failure error
	version uint64

	subMu sync.Mutex
	subs  map[chan string]bool

	timeouts timeouts

	// photos is signalled when photos' derivatives made in the background
	// are ready; ready holds their sources until a rebuild takes them.
	photos  chan struct{}
	readyMu sync.Mutex
	ready   map[string]bool

	// Rebuilds receives a Rebuild after every build, when not nil.
	Rebuilds chan Rebuild
}

// New returns a Server that will serve on ln's address.
func New(opts Options, ln net.Listener) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	addr := ln.Addr().String()
	host, _, _ := net.SplitHostPort(addr)
	ip := net.ParseIP(host)
	s := &Server{opts: opts, addr: addr, anyHost: ip != nil && ip.IsUnspecified(), subs: map[chan string]bool{}, timeouts: defaultTimeouts}
	s.source = site.DirFS(opts.Root)
	s.builder = build.NewBuilder(build.Options{
		Source: s.source, SourceDir: opts.Root,
		BaseURL: "http://" + s.publicAddr() + "/",
		Drafts:  opts.Drafts, Dev: true, Keep: true,
		RenderTimeout: opts.RenderTimeout,
		CacheDir:      opts.CacheDir,
		PhotosReady:   s.photoReady,
	})
	s.photos = make(chan struct{}, 1)
	s.ready = map[string]bool{}
	return s
}

// publicAddr is the address to print and to build URLs with.
func (s *Server) publicAddr() string {
	if s.anyHost {
		_, port, _ := net.SplitHostPort(s.addr)
		return net.JoinHostPort("127.0.0.1", port)
	}
	return s.addr
}

// URL is the address of the site.
func (s *Server) URL() string { return "http://" + s.publicAddr() + "/" }

// Serve builds the site, then serves it on ln and rebuilds on changes,
// until ctx is done; then it shuts down cleanly.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	w := watch.New(s.opts.Root, []string{site.ContentDir, "data", "layouts", "static"}, watch.Options{
		Skip: site.IgnoredName, Poll: s.opts.Poll, Log: s.opts.Log,
	})
	if err := w.Start(); err != nil {
		return fmt.Errorf("watching %s: %w", s.opts.Root, err)
	}
	s.rebuild(ctx, nil)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.photos:
				if paths := s.takeReady(); len(paths) > 0 {
					s.rebuild(ctx, &build.Changes{Paths: paths})
				}
			}
		}
	}()
	go func() {
		defer wg.Done()
		if err := w.Run(ctx); err != nil {
			fmt.Fprintln(s.opts.Log, "watch:", err)
		}
	}()
	go func() {
		defer wg.Done()
		for batch := range w.Batches() {
			s.rebuild(ctx, &build.Changes{Paths: batch.Paths, All: batch.All})
		}
	}()
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.timeouts.readHeader,
		ReadTimeout:       s.timeouts.read,
		IdleTimeout:       s.timeouts.idle,
		// No WriteTimeout: it would cut the reload streams; each response
		// sets its own (see ServeHTTP).
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	cancel()
	shut, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	_ = srv.Shutdown(shut)
	wg.Wait()
	s.builder.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// rebuild builds after a change (or from scratch when ch is nil), swaps the
// new files in, and then tells the browsers. Rebuilds run one at a time. A
// rebuild stopped because ctx ended (the server is shutting down) changes
// nothing.
func (s *Server) rebuild(ctx context.Context, ch *build.Changes) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	s.builder.SetNow(s.opts.Now())
	res, err := s.builder.Build(ctx, ch)
	if ctx.Err() != nil && err != nil {
		return
	}
	info := Rebuild{Err: err, Took: time.Since(start)}
	if ch != nil {
		info.Paths = ch.Paths
	}
	if res != nil {
		info.Changed, info.Rendered = res.Changed, res.Rendered
		s.logWarnings(res.Warnings)
	}
	s.mu.Lock()
	wasFailing := s.failure != nil
	changed := err != nil || wasFailing || len(info.Changed) > 0
	if err != nil {
		s.failure = err
	} else {
		s.failure = nil
		s.files = res.Outputs
	}
	if changed {
		s.version++
	}
	info.Version = s.version
	info.CSSOnly = err == nil && !wasFailing && cssOnly(info.Changed)
	s.mu.Unlock()
	s.log(info)
	if changed && ch != nil {
		if info.CSSOnly {
			s.broadcast("css")
		} else {
			s.broadcast("reload")
		}
	}
	if s.Rebuilds != nil {
		select {
		case s.Rebuilds <- info:
		case <-ctx.Done():
		}
	}
}

// logWarnings prints the warnings of a build when they differ from the
// last build's, so that the same ones do not fill the terminal on every
// save.
func (s *Server) logWarnings(warnings []error) {
	var lines []string
	for _, w := range warnings {
		lines = append(lines, w.Error())
	}
	text := strings.Join(lines, "\n")
	if text == s.warnings {
		return
	}
	s.warnings = text
	if text != "" {
		fmt.Fprintln(s.opts.Log, text)
	}
}

func cssOnly(changed []string) bool {
	if len(changed) == 0 {
		return false
	}
	for _, f := range changed {
		if !strings.HasSuffix(f, ".css") {
			return false
		}
	}
	return true
}

func (s *Server) log(info Rebuild) {
	what := "built the site:"
	if len(info.Paths) > 0 {
		what = strings.Join(info.Paths, ", ")
		if len(info.Paths) > 3 {
			what = strings.Join(info.Paths[:3], ", ") + " and " + strconv.Itoa(len(info.Paths)-3) + " more"
		}
		what = "changed " + what + ":"
	}
	if info.Err != nil {
		var se *build.StageError
		lines := []string{info.Err.Error()}
		if errors.As(info.Err, &se) {
			lines = lines[:0]
			for _, e := range se.Errors() {
				lines = append(lines, e.Error())
			}
		}
		fmt.Fprintf(s.opts.Log, "%s build failed in %d ms; the browser shows the errors:\n  %s\n", what, info.Took.Milliseconds(), strings.Join(lines, "\n  "))
		return
	}
	fmt.Fprintf(s.opts.Log, "%s %d files rendered, %d changed, in %d ms\n", what, info.Rendered, len(info.Changed), info.Took.Milliseconds())
}

// broadcast sends an event to every browser listening. A browser that has
// not taken the last event yet gets the most telling one: a reload.
func (s *Server) broadcast(event string) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	for c := range s.subs {
		select {
		case c <- event:
		default:
			select {
			case <-c:
			default:
			}
			c <- "reload"
		}
	}
}

func (s *Server) subscribe() chan string {
	c := make(chan string, 1)
	s.subMu.Lock()
	s.subs[c] = true
	s.subMu.Unlock()
	return c
}

func (s *Server) unsubscribe(c chan string) {
	s.subMu.Lock()
	delete(s.subs, c)
	s.subMu.Unlock()
}

// Subscribers reports how many browsers are listening.
func (s *Server) Subscribers() int {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	return len(s.subs)
}

// state returns the files, the version and the failure being served.
func (s *Server) state() (files map[string][]byte, version uint64, failure error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.files, s.version, s.failure
}

// sourceLines returns the lines around line of a source file, for the
// error page.
func (s *Server) sourceLines(path string, line int) []sourceLine {
	if line <= 0 || strings.Contains(path, "..") {
		return nil
	}
	b, err := fs.ReadFile(s.source, path)
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	var out []sourceLine
	for n := max(1, line-2); n <= min(len(lines), line+2); n++ {
		out = append(out, sourceLine{N: n, Text: lines[n-1], Here: n == line})
	}
	return out
}

type sourceLine struct {
	N    int
	Text string
	Here bool
}

// photoReady is told by the builder's photo catalog that a photo's
// derivatives, made in the background, are ready: a rebuild then shows
// them. It never blocks the catalog.
func (s *Server) photoReady(source string) {
	s.readyMu.Lock()
	s.ready[source] = true
	s.readyMu.Unlock()
	select {
	case s.photos <- struct{}{}:
	default:
	}
}

// takeReady returns the photos made ready since it was last called.
func (s *Server) takeReady() []string {
	s.readyMu.Lock()
	defer s.readyMu.Unlock()
	paths := make([]string, 0, len(s.ready))
	for p := range s.ready {
		paths = append(paths, p)
	}
	clear(s.ready)
	slices.Sort(paths)
	return paths
}
