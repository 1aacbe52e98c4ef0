package hangtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The cases that must end the binary run in a child process: this test
// binary run again with HANGTEST_CASE set.
func TestMain(m *testing.M) {
	switch os.Getenv("HANGTEST_CASE") {
	case "loop":
		run(&testing.T{}, "spinning", 200*time.Millisecond, MaxHeap, func() {
			for {
			}
		})
		os.Exit(0)
	case "grow":
		run(&testing.T{}, "growing", time.Hour, 64<<20, func() {
			var keep [][]byte
			for {
				keep = append(keep, make([]byte, 1<<20))
				time.Sleep(time.Millisecond)
			}
		})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestRunReturnsWhenTheCallReturns(t *testing.T) {
	n := 0
	Run(t, "counting", func() {
		for i := range 1000 {
			n += i
		}
	})
	if n != 499500 {
		t.Errorf("n = %d: the call did not run to its end before Run returned", n)
	}
}

func TestRunEndsTheBinaryOnAHang(t *testing.T) {
	for c, want := range map[string]string{
		"loop": "spinning did not finish within 200ms",
		"grow": "growing holds over 64 MiB",
	} {
		t.Run(c, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "HANGTEST_CASE="+c)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the child exited 0; want it stopped:\n%s", out)
			}
			if !strings.Contains(string(out), want) {
				t.Errorf("the child's output lacks %q:\n%.2000s", want, out)
			}
			if c == "loop" && !strings.Contains(string(out), "TestMain.func1") {
				t.Errorf("the output lacks the stuck goroutine's stack:\n%.4000s", out)
			}
		})
	}
}
