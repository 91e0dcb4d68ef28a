package corpus

import (
	"errors"
	"os"
	"path/filepath"
)

// DefaultPath is where the database lives when no --db is given:
// $TAWSIM_DB, else $XDG_DATA_HOME/tawsim/corpus.db, else
// ~/.local/share/tawsim/corpus.db. getenv is os.Getenv outside tests.
func DefaultPath(getenv func(string) string) (string, error) {
	if p := getenv("TAWSIM_DB"); p != "" {
		return p, nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "tawsim", "corpus.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("cannot find a place for the database: set TAWSIM_DB or use --db PATH")
		}
	}
	return filepath.Join(home, ".local", "share", "tawsim", "corpus.db"), nil
}
