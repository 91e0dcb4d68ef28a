package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/export"
)

// usageTemplate is cobra's usage in tawsimctl's words: the command line,
// the commands, then the command's options and the global ones.
const usageTemplate = `Usage: {{.UseLine}}{{if .HasAvailableSubCommands}}

Commands:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Options:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global options:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}
`

// formatHelp lists formats for a command's help: name and description,
// the CLI example, and the options that apply, as the registry has them.
func formatHelp(fs []export.Format, example func(export.Format) string, applies func(export.Format) export.Option, opts []export.Option) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %-10s %s\n", f.Name, f.Description)
		if ex := example(f); ex != "" {
			fmt.Fprintf(&b, "  %-10s %s\n", "", ex)
		}
		var names []string
		for _, o := range opts {
			if applies(f).Has(o) {
				names = append(names, "--"+o.Name())
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(&b, "  %-10s options: %s\n", "", strings.Join(names, " "))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// completeFormats completes --format from the registry, with each
// format's description.
func completeFormats(fs func() []export.Format) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, f := range fs() {
			out = append(out, cobra.CompletionWithDesc(f.Name, f.Description))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeChoices completes a flag that takes one of a fixed list.
func completeChoices(choices ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(choices, cobra.ShellCompDirectiveNoFileComp)
}

// choiceHelp is a flag's help with its choices: "tag scheme: iob2, bioes or iob1".
func choiceHelp(what string, choices []string) string {
	return what + ": " + orList(choices)
}

func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
