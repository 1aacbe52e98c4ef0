package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// interrupted is the error of a command stopped by a signal: main exits
// with 128 plus the signal's number, as shells report a program killed by
// it (130 for Ctrl-C, 143 for SIGTERM). msg says what was left undone; it
// may be empty.
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
	}
	if e.msg == "" {
		return word
	}
	return word + ": " + e.msg
}

// exitCode is the conventional status of a program stopped by the signal.
func (e *interrupted) exitCode() int { return 128 + int(e.sig) }

// notifyContext returns a context that the first SIGINT or SIGTERM cancels
// with an *interrupted cause, so that the command stops cleanly. A second
// signal while it stops ends the program at once, through exit. stop
// releases the signals.
func notifyContext(stderr io.Writer, exit func(int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		first := true
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				s, _ := sig.(syscall.Signal)
				if first {
					first = false
					cancel(&interrupted{sig: s})
					continue
				}
				fmt.Fprintln(stderr, "interrupted again: stopping now")
				exit(128 + int(s))
			}
		}
	}()
	return ctx, func() {
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
