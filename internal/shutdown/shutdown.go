// Package shutdown lets a program that is told to stop (Ctrl-C) wait for
// the few steps of its work that must not be cut in half, and only those.
//
// A program stopping does not wait for its work to end: a read of a file
// that does not answer, a photo being encoded, a long conversion may take
// any time, and the program exits without them (see cmd/site). A step that
// changes something outside the program in several moves, such as putting
// a built site in place of the published one, holds a Guard while it runs:
// the program waits for it before it exits, and once the program is
// stopping no such step begins, so that the step is done whole or not at
// all.
package shutdown

import "sync"

// Guard counts the steps in progress that must finish. The zero Guard is
// ready; a nil *Guard never stops (Hold always succeeds), for programs and
// tests that do not stop.
type Guard struct {
	mu       sync.Mutex
	stopping bool
	held     int
	idle     chan struct{} // closed when stopping and nothing is held
	granted  bool
}

// Hold begins a step that must not be cut in half. It returns ok false,
// and begins nothing, when the program is stopping; else release must be
// called when the step is done.
func (g *Guard) Hold() (release func(), ok bool) {
	if g == nil {
		return func() {}, true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopping {
		return func() {}, false
	}
	g.held++
	g.granted = true
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			defer g.mu.Unlock()
			g.held--
			if g.stopping && g.held == 0 {
				close(g.idle)
			}
		})
	}, true
}

// Stop says the program is stopping: from now on Hold fails. It returns a
// channel that is closed once every step held is released (at once when
// none is).
func (g *Guard) Stop() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.stopping {
		g.stopping = true
		g.idle = make(chan struct{})
		if g.held == 0 {
			close(g.idle)
		}
	}
	return g.idle
}

// Granted reports whether any step was ever held: whether the program may
// have changed what such steps change.
func (g *Guard) Granted() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.granted
}
