package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// PrefAnnotator is the preference key of the annotator's name.
const PrefAnnotator = "annotator"

// AskAnnotator asks for the annotator's name when the preferences have
// none (the first start), stores it, and calls then with it.
func AskAnnotator(w fyne.Window, prefs fyne.Preferences, then func(name string)) {
	if name := strings.TrimSpace(prefs.String(PrefAnnotator)); name != "" {
		then(name)
		return
	}
	entry := widget.NewEntry()
	entry.SetPlaceHolder(lang.L("e.g. layla"))
	entry.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" || strings.ContainsAny(s, "/\n") {
			return fmt.Errorf("%s", lang.L("a name without '/'"))
		}
		return nil
	}
	d := dialog.NewForm(lang.L("Welcome to Tawsim"), lang.L("Start"), lang.L("Quit"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Your name"), entry)}, func(ok bool) {
			if !ok {
				w.Close()
				return
			}
			name := strings.TrimSpace(entry.Text)
			prefs.SetString(PrefAnnotator, name)
			then(name)
		}, w)
	d.Resize(fyne.NewSize(420, 180))
	d.Show()
	w.Canvas().Focus(entry)
}
