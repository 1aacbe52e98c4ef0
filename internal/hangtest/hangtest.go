// Package hangtest turns a hang into a test failure. A loop that stops
// advancing makes a test wait until go test's own timeout (ten minutes) or,
// when the loop allocates, eats the machine's memory first; Run stops the
// test binary with a clear message as soon as the call under test has run
// far longer than it ever should, or holds more memory than any test needs.
//
// The limits are guards against hangs, not measurements: they are many
// times what the slowest call takes on a loaded machine, so a slow machine
// does not fail, and a loop that never ends always does.
package hangtest

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// Limit is how long a call may run before it is taken to hang.
const Limit = 30 * time.Second

// MaxHeap is the most heap the test binary may hold while the call runs,
// in bytes: far above what any test needs, far below what a machine has.
const MaxHeap = 3 << 30

// Run calls fn and returns when it does. If fn runs past Limit, or the
// process's heap grows past MaxHeap meanwhile, Run ends the test binary
// with a panic that names the test and what was being done, and prints the
// stacks of all goroutines, the stuck one among them. Ending the binary,
// rather than failing the test, matters for fuzzing: a stuck goroutine
// cannot be stopped, and left running it would eat the memory of the
// fuzzing worker; the fuzzer records the input of a worker that dies as a
// crasher.
//
// fn runs on a goroutine of its own, so it must not call t.Fatal or
// t.FailNow: let it store its results, and check them once Run returns.
func Run(t testing.TB, what string, fn func()) {
	t.Helper()
	run(t, what, Limit, MaxHeap, fn)
}

func run(t testing.TB, what string, limit time.Duration, maxHeap uint64, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	for {
		select {
		case <-done:
			return
		case <-deadline.C:
			die(fmt.Sprintf("%s: %s did not finish within %s: a loop that stops advancing?", t.Name(), what, limit))
		case <-tick.C:
			metrics.Read(sample)
			if v := sample[0].Value; v.Kind() == metrics.KindUint64 && v.Uint64() > maxHeap {
				die(fmt.Sprintf("%s: %s holds over %d MiB of memory: a loop that grows without end?", t.Name(), what, maxHeap>>20))
			}
		}
	}
}

// die panics on a goroutine of its own, where nothing can recover it, with
// the stacks of every goroutine.
func die(msg string) {
	debug.SetTraceback("all")
	stop := make(chan struct{})
	go func() {
		defer close(stop)
		panic(msg)
	}()
	<-stop
}
