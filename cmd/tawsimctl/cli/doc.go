// Package cli is tawsimctl, Tawsim's headless command line, as a library:
// the commands (one file each) on github.com/spf13/cobra, run in-process
// by Run with their input, output and environment passed in (Env), so
// tests, and the app's tests that compare its exports with the CLI's,
// run them without a subprocess. Export and import are thin shells over
// export.Run and export.RunImport; the formats they list come from the
// export registry. It never imports Fyne or anything under ui/.
package cli
