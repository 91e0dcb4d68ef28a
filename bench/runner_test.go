package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A child's peak RSS (ru_maxrss) starts at its parent's: Go starts
// commands with vfork, which shares the parent's memory, and Linux carries
// that memory's high-water mark across the exec. The benchmark process
// holds generated corpora and floors of hundreds of MB, so the commands
// are started by a runner instead: this test binary again, started small,
// which runs the command and reports what it cost.
const runnerEnv = "TAWSIM_BENCH_RUNNER"

func TestMain(m *testing.M) {
	if os.Getenv(runnerEnv) == "1" {
		os.Exit(runner(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// runner runs args, discarding its output, and writes its measures as JSON.
func runner(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout = io.Discard
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	r := runnerReport{Wall: time.Since(start)}
	if err != nil {
		r.Err = fmt.Sprintf("%v\n%s", err, stderr.String())
	} else {
		r.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.RSS = ru.Maxrss << 10 // kilobytes on Linux
		}
	}
	json.NewEncoder(os.Stdout).Encode(r)
	return 0
}

type runnerReport struct {
	Wall, CPU time.Duration
	RSS       int64
	Err       string
}

// measured is what one command cost: wall time, CPU time (user and
// system, which other work on a shared machine does not inflate) and peak
// resident memory.
type measured struct {
	wall, cpu time.Duration
	rss       int64
}

// run runs tawsimctl through the runner and measures it.
func run(tb testing.TB, bin string, args ...string) measured {
	tb.Helper()
	self, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(self, append([]string{bin}, args...)...)
	cmd.Env = append(os.Environ(), runnerEnv+"=1")
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("runner for tawsimctl %s: %v", strings.Join(args, " "), err)
	}
	var r runnerReport
	if err := json.Unmarshal(out, &r); err != nil {
		tb.Fatalf("runner for tawsimctl %s said %q: %v", strings.Join(args, " "), out, err)
	}
	if r.Err != "" {
		tb.Fatalf("tawsimctl %s: %s", strings.Join(args, " "), r.Err)
	}
	return measured{wall: r.Wall, cpu: r.CPU, rss: r.RSS}
}
