package ui

import (
	"embed"
	"sync"

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

// translated holds the translations tr has looked up.
var translated sync.Map

// tr is lang.L for the strings a panel shows again at every action: the
// translation is looked up once (lang.L builds a message template every
// time). The language does not change while the app runs.
func tr(key string) string {
	if t, ok := translated.Load(key); ok {
		return t.(string)
	}
	t := lang.L(key)
	translated.Store(key, t)
	return t
}
