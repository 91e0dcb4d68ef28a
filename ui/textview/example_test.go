package textview_test

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tawsim/tawsim/textlayout"
	"github.com/tawsim/tawsim/ui/textview"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

func Example() {
	a := test.NewApp() // in the application: app.New()
	defer a.Quit()
	a.Settings().SetTheme(tawsimtheme.New())

	text := "أجرى الرئيس الصيني شي جين بينغ محادثات مع بشار الأسد"
	v := textview.New(text, textlayout.Auto)
	v.SetEntities([]textview.Annotation{
		{ID: "e1", Start: 19, End: 30, Type: "PER"}, // شي جين بينغ
		{ID: "e2", Start: 43, End: 53, Type: "PER"}, // بشار الأسد
	})
	v.SetTriggers([]textview.Annotation{{ID: "t1", Start: 31, End: 38, Type: "Meet"}})
	v.OnClickAnnotation = func(id string) { fmt.Println("clicked", id) }

	w := test.NewWindow(v)
	w.Resize(fyne.NewSize(600, 200))
	defer w.Close()

	// Double-clicking the first word selects it.
	v.OnSelect = func(start, end int) { fmt.Println("selected", string([]rune(text)[start:end])) }
	pos, size := v.CharBox(1)
	v.DoubleTapped(&fyne.PointEvent{Position: pos.AddXY(size.Width/2, size.Height/2)})
	// Output: selected أجرى
}
