package cli

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// addProfileFlag adds the hidden --cpuprofile flag: a developer's way to
// see where a whole command spends its time on a real corpus (go tool pprof).
func (a *app) addProfileFlag(root *cobra.Command) {
	root.PersistentFlags().StringVar(&a.cpuprofile, "cpuprofile", "", "write a CPU profile of the command to `FILE`")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if a.cpuprofile == "" {
			return nil
		}
		f, err := os.Create(a.cpuprofile)
		if err != nil {
			return fmt.Errorf("cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("cpuprofile %s: %w", a.cpuprofile, err)
		}
		a.stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return nil
	}
}
