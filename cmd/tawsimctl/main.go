// Command tawsimctl is Tawsim's headless command line: it creates corpus
// databases, imports and exports documents and annotations, and inspects
// them. It never imports Fyne and builds with CGO_ENABLED=0, so it runs on
// servers and in pipelines. The commands live in package cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/tawsim/tawsim/cmd/tawsimctl/cli"
)

func main() {
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
