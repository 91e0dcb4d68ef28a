// Command tawsimctl is Tawsim's headless command line: it creates corpus
// databases, imports and exports documents and annotations, and inspects
// them. It never imports Fyne and builds with CGO_ENABLED=0, so it runs on
// servers and in pipelines. The commands live in package cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/tawsim/tawsim/cmd/tawsimctl/cli"
)

func main() {
	tuneGC(os.Getenv)
	// Ctrl+C or SIGTERM cancels a running export or import, which then
	// removes its temporary files; a second one kills at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := cli.Main(ctx, cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// tuneGC lets the heap grow to three times what is live before collecting
// (GOGC=200): an import or export allocates far more than it keeps, and
// collecting half as often saved a fifth of a large import's CPU. A soft
// limit of 120 MiB makes the collector work harder instead, should a
// command come near it, so peak memory stays bounded. GOGC and GOMEMLIMIT
// in the environment win.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
}
