package ui

import (
	"embed"

	"fyne.io/fyne/v2/lang"
)

//go:embed translations
var translations embed.FS

// LoadTranslations registers the interface strings' translations with
// Fyne's lang package. Every label goes through lang.L, so an Arabic
// interface only needs translations/ar.json to grow.
func LoadTranslations() error {
	return lang.AddTranslationsFS(translations, "translations")
}
