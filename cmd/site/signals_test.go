//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// exits records the calls of notifyContext's exit.
type exits struct {
	mu     sync.Mutex
	codes  []int
	called chan struct{}
}

func newExits() *exits { return &exits{called: make(chan struct{}, 4)} }

func (e *exits) exit(code int) {
	e.mu.Lock()
	e.codes = append(e.codes, code)
	e.mu.Unlock()
	e.called <- struct{}{}
}

// wait waits for exit to be called, failing the test after a bound far
// above any grace used here: a hang, not a measure.
func (e *exits) wait(t *testing.T, what string) int {
	t.Helper()
	select {
	case <-e.called:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: the program was not stopped", what)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.codes[len(e.codes)-1]
}

// none checks that exit is not called within d.
func (e *exits) none(t *testing.T, what string, d time.Duration) {
	t.Helper()
	select {
	case <-e.called:
		t.Fatalf("%s: the program was stopped", what)
	case <-time.After(d):
	}
}

// lockedWriter is the program's stderr, written by notifyContext's
// goroutine.
type lockedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func signalSelf(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
		t.Fatal(err)
	}
}

// TestFirstSignalEndsACommandThatDoesNotStop sends each stop signal once to
// a program whose command never returns (as one blocked in a read that
// does not answer): the context is cancelled at once with the signal as
// its cause, and the program ends after the grace, with 128 plus the
// signal's number and a message that says what the command left undone.
func TestFirstSignalEndsACommandThatDoesNotStop(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			if signal.Ignored(sig) {
				t.Skip("the test was started with the signal ignored, which the program leaves ignored")
			}
			var stderr lockedWriter
			e := newExits()
			ctx, st, stop := notifyContext(&stderr, e.exit, 50*time.Millisecond)
			defer stop()
			st.leaves("nothing was published; public is as it was")
			signalSelf(t, sig)
			select {
			case <-ctx.Done():
			case <-time.After(30 * time.Second):
				t.Fatal("the signal did not cancel the context")
			}
			var in *interrupted
			if !errors.As(context.Cause(ctx), &in) || in.sig != sig {
				t.Errorf("the context's cause is %v, want the signal", context.Cause(ctx))
			}
			if code := e.wait(t, "a command that never returns"); code != 128+int(sig) {
				t.Errorf("exit %d, want %d", code, 128+int(sig))
			}
			if out := stderr.String(); !strings.HasPrefix(out, (&interrupted{sig: sig}).Error()+": stopped without waiting") || !strings.Contains(out, "; nothing was published; public is as it was\n") {
				t.Errorf("stderr = %q", out)
			}
		})
	}
}

// TestStopWaitsForACommitAndNothingElse holds the Guard (a commit in
// progress) when the signal comes: the program is not ended while it is
// held, however long past the grace, and is once it is released, without
// saying nothing was published.
func TestStopWaitsForACommitAndNothingElse(t *testing.T) {
	var stderr lockedWriter
	e := newExits()
	_, st, stop := notifyContext(&stderr, e.exit, 20*time.Millisecond)
	defer stop()
	st.leaves("nothing was published")
	release, ok := st.Guard().Hold()
	if !ok {
		t.Fatal("the Guard refused a commit before any signal")
	}
	signalSelf(t, syscall.SIGINT)
	e.none(t, "a commit in progress", 300*time.Millisecond)
	signalSelf(t, syscall.SIGINT) // a second signal waits for it too
	e.none(t, "a commit in progress, after a second signal", 300*time.Millisecond)
	release()
	if code := e.wait(t, "a commit released"); code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
	if strings.Contains(stderr.String(), "nothing was published") {
		t.Errorf("stderr says nothing was published after a commit: %q", stderr.String())
	}
}

// TestACommandThatReturnsIsNotEnded checks that a command that returns
// within the grace is left to report how it stopped, and that a second
// signal ends the program without waiting for the grace.
func TestACommandThatReturnsIsNotEnded(t *testing.T) {
	e := newExits()
	ctx, _, stop := notifyContext(&lockedWriter{}, e.exit, 200*time.Millisecond)
	signalSelf(t, syscall.SIGINT)
	<-ctx.Done()
	stop() // the command returned
	e.none(t, "a command that returned", 600*time.Millisecond)

	e = newExits()
	var stderr lockedWriter
	ctx, _, stop = notifyContext(&stderr, e.exit, time.Hour)
	defer stop()
	signalSelf(t, syscall.SIGINT)
	<-ctx.Done() // two signals pending at once may be taken in either order
	signalSelf(t, syscall.SIGTERM)
	if code := e.wait(t, "a second signal"); code != 143 {
		t.Errorf("exit %d after SIGINT then SIGTERM, want 143", code)
	}
	if !strings.Contains(stderr.String(), "terminated again: stopping now") {
		t.Errorf("stderr = %q", stderr.String())
	}
}
