package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/alaqsa-ira/site/internal/shutdown"
)

// interrupted is the error of a command stopped by a signal: main exits
// with 128 plus the signal's number, as shells report a program killed by
// it (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP). msg says what was
// left undone; it may be empty.
type interrupted struct {
	sig syscall.Signal
	msg string
}

func (e *interrupted) Error() string {
	word := e.sig.String()
	switch e.sig {
	case syscall.SIGINT:
		word = "interrupted"
	case syscall.SIGTERM:
		word = "terminated"
	case syscall.SIGHUP:
		word = "hung up"
	}
	if e.msg == "" {
		return word
	}
	return word + ": " + e.msg
}

// exitCode is the conventional status of a program stopped by the signal.
func (e *interrupted) exitCode() int { return 128 + int(e.sig) }

// stopGrace is how long a command has, after the first signal, to stop by
// itself and report what it left undone, before the program stops without
// it: short enough that any command ends within a second of Ctrl-C, with
// room for a loaded machine to schedule the program and end it.
const stopGrace = 500 * time.Millisecond

// stopSignals are the signals that stop a command: Ctrl-C, SIGTERM (a
// service manager, a CI runner cancelling a job) and SIGHUP (the terminal
// closed). SIGHUP stays ignored when the program was started with it
// ignored (nohup). SIGINT is handled even then: a shell without job
// control starts its background jobs with SIGINT ignored, and a script
// that starts a build in the background and sends it SIGINT means it.
func stopSignals() []os.Signal {
	out := []os.Signal{syscall.SIGINT, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		out = append(out, syscall.SIGHUP)
	}
	return out
}

// A stopper is the program's side of stopping a command (see
// notifyContext): the Guard that a build's commit holds, and what the
// command leaves undone should the program end without it. A nil stopper
// (a command run in a test) never ends the program.
type stopper struct {
	guard    *shutdown.Guard
	mu       sync.Mutex
	undone   string
	returned bool
}

// Guard returns the program's Guard; nil for a nil stopper.
func (s *stopper) Guard() *shutdown.Guard {
	if s == nil {
		return nil
	}
	return s.guard
}

// leaves says what the command leaves undone if the program ends without
// it, as the command would say it ("nothing was published; ...").
func (s *stopper) leaves(undone string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.undone = undone
}

// notifyContext returns a context that the first stop signal (see
// stopSignals) cancels with an *interrupted cause, so that the command
// stops cleanly, and the program's stopper.
//
// The command is not waited for beyond grace: if it has not returned by
// then (it may wait on a file that does not answer, a photo being encoded,
// a long conversion), or at a second signal, the program ends through
// exit, with 128 plus the signal's number. Before that it waits for a
// commit in progress (the stopper's Guard), and only for that: a site is
// published whole or not at all.
//
// stop releases the signals; once it is called (the command returned),
// exit is not called.
func notifyContext(stderr io.Writer, exit func(int), grace time.Duration) (ctx context.Context, st *stopper, stop func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	st = &stopper{guard: new(shutdown.Guard)}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, stopSignals()...)
	done := make(chan struct{})
	// end exits with code after any commit in progress, unless the
	// command returned meanwhile.
	end := func(code int, msg func(undone string) string) {
		<-st.guard.Stop()
		if st.guard.Granted() {
			// A commit ran: the command is about to say how it went.
			select {
			case <-done:
			case <-time.After(grace):
			}
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		if st.returned {
			return
		}
		fmt.Fprintln(stderr, msg(st.undone))
		exit(code)
	}
	go func() {
		var first *interrupted
		var late <-chan time.Time
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				s, _ := sig.(syscall.Signal)
				if first == nil {
					first = &interrupted{sig: s}
					cancel(first)
					st.guard.Stop()
					late = time.After(grace)
					continue
				}
				end(128+int(s), func(string) string { return (&interrupted{sig: s}).Error() + " again: stopping now" })
				return
			case <-late:
				end(first.exitCode(), func(undone string) string {
					msg := fmt.Sprintf("stopped without waiting for the work in progress, which did not end within %v of the signal", grace)
					if undone != "" && !st.guard.Granted() {
						msg += "; " + undone
					}
					return (&interrupted{sig: first.sig, msg: msg}).Error()
				})
				return
			}
		}
	}()
	return ctx, st, func() {
		st.mu.Lock()
		st.returned = true
		st.mu.Unlock()
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// stoppedBy returns an *interrupted saying msg when a signal has cancelled
// ctx, else nil.
func stoppedBy(ctx context.Context, msg string) error {
	var in *interrupted
	if ctx.Err() == nil || !errors.As(context.Cause(ctx), &in) {
		return nil
	}
	return &interrupted{sig: in.sig, msg: msg}
}
