package shutdown

import (
	"sync"
	"testing"
	"time"
)

func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func TestStopWaitsForHeldStepsAndRefusesNewOnes(t *testing.T) {
	var g Guard
	release, ok := g.Hold()
	if !ok {
		t.Fatal("Hold failed before Stop")
	}
	idle := g.Stop()
	if closed(idle) {
		t.Error("Stop's channel closed while a step is held")
	}
	if _, ok := g.Hold(); ok {
		t.Error("Hold succeeded after Stop")
	}
	release()
	release() // a second release changes nothing
	select {
	case <-idle:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop's channel not closed after the step was released")
	}
	if g.Stop() != idle {
		t.Error("a second Stop returned another channel")
	}
	if !g.Granted() {
		t.Error("Granted is false after a step was held")
	}
}

func TestStopWithNothingHeldIsIdleAtOnce(t *testing.T) {
	var g Guard
	if !closed(g.Stop()) {
		t.Error("Stop with nothing held is not idle")
	}
	if g.Granted() {
		t.Error("Granted with nothing ever held")
	}
	var nilGuard *Guard
	if release, ok := nilGuard.Hold(); !ok {
		t.Error("a nil Guard refused a step")
	} else {
		release()
	}
}

// TestHoldAndStopRace holds and stops from many goroutines: every step
// that began is waited for, none begins after, and nothing is left held.
func TestHoldAndStopRace(t *testing.T) {
	for range 50 {
		var g Guard
		var wg sync.WaitGroup
		var mu sync.Mutex
		running := 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if release, ok := g.Hold(); ok {
					mu.Lock()
					running++
					mu.Unlock()
					time.Sleep(time.Millisecond)
					mu.Lock()
					running--
					mu.Unlock()
					release()
				}
			}()
		}
		<-g.Stop()
		mu.Lock()
		if running != 0 {
			t.Fatalf("Stop's channel closed with %d steps running", running)
		}
		mu.Unlock()
		wg.Wait()
	}
}
