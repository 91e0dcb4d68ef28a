package corpus

import "testing"

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TAWSIM_DB": "/x/c.db", "XDG_DATA_HOME": "/d"}, "/x/c.db"},
		{map[string]string{"XDG_DATA_HOME": "/d", "HOME": "/h"}, "/d/tawsim/corpus.db"},
		{map[string]string{"HOME": "/h"}, "/h/.local/share/tawsim/corpus.db"},
	}
	for _, tt := range tests {
		if got, _ := DefaultPath(env(tt.env)); got != tt.want {
			t.Errorf("DefaultPath(%v) = %s, want %s", tt.env, got, tt.want)
		}
	}
}

func TestScheme(t *testing.T) {
	for target, want := range map[string]string{
		"corpus.db":                         "",
		"/home/amira/tawsim/corpus.db":      "",
		"postgres://amira@db/tawsim":        "postgres",
		"POSTGRESQL://db/tawsim":            "postgresql",
		"./odd://name.db":                   "",
		`C:\Users\amira\corpus.db`:          "",
		"postgres://u:p@h:5432/db?sslmode=": "postgres",
	} {
		if got := Scheme(target); got != want {
			t.Errorf("Scheme(%q) = %q, want %q", target, got, want)
		}
	}
}
