package pgstore_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/pgstore/pgtest"
)

// password is what the tests log in with; distinctive, so that finding it
// in a message cannot be chance.
const password = "كلمة-سر-Xq7!pw"

// withPassword puts user and password into the target URL's user part.
func withPassword(t *testing.T, target, user, pw string) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(user, pw)
	q := u.Query()
	q.Del("user")
	u.RawQuery = q.Encode()
	return u.String()
}

// TestPasswordNeverShown: however the password is given, it is not in
// Path, Info or any error, whether the URL does not parse, names a server
// or database that is not there, or is refused by the server.
func TestPasswordNeverShown(t *testing.T) {
	target := newTarget(t)
	openStore(t, target).Close() // the tables exist
	withPW := withPassword(t, target, "tawsim", password)
	pwParam, _ := pgtest.WithParam(target, "password", password)

	for _, u := range []string{withPW, pwParam} {
		s, err := corpus.Open(u, nil) // trusted here: the password is not checked
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		if strings.Contains(s.Path(), password) || strings.Contains(s.Info().Location, password) || strings.Contains(s.Path(), url.QueryEscape(password)) {
			t.Errorf("Path shows the password: %s", s.Path())
		}
		s.Close()
	}

	noSuchDir := withPassword(t, "postgres:///tawsim?host=/nonexistent/tawsim-socket&connect_timeout=2", "tawsim", password)
	noSuchDB := strings.Replace(withPW, "/tawsim?", "/no_such_database?", 1)
	badAttrs, _ := pgtest.WithParam(withPW, "target_session_attrs", "whichever")
	badPort, _ := pgtest.WithParam(withPW, "port", "five")
	badTimeout, _ := pgtest.WithParam(withPW, "connect_timeout", "soon")
	for _, tt := range []struct{ name, url string }{
		{"no server there", noSuchDir},
		{"no such database", noSuchDB},
		{"a target_session_attrs that does not exist", badAttrs},
		{"a port that is not a number", badPort},
		{"a timeout that is not a number", badTimeout},
		{"a URL that does not parse", "postgres://tawsim:" + password + "@localhost:port/tawsim"},
		{"a password with an unescaped slash", "postgres://tawsim:a/" + password + "@localhost/tawsim"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.Open(tt.url, nil)
			if err == nil {
				t.Fatal("opened")
			}
			if msg := err.Error(); strings.Contains(msg, password) || strings.Contains(msg, url.QueryEscape(password)) || strings.Contains(msg, url.PathEscape(password)) {
				t.Errorf("the error shows the password: %s", msg)
			}
		})
	}
}

// TestPasswordFromEverywhere: against a server that checks the password
// of one role, a wrong password is refused without being shown, and the
// right one works from the URL, from PGPASSWORD and from a pgpass file.
func TestPasswordFromEverywhere(t *testing.T) {
	target := newTarget(t)
	openStore(t, target).Close()
	ctx := context.Background()
	admin := sqlConn(t, target)
	role := pgtest.PasswordRole
	_, err := admin.Exec(ctx, fmt.Sprintf(`DO $$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%[1]s') THEN CREATE ROLE %[1]s LOGIN; END IF; END $$;
		ALTER ROLE %[1]s PASSWORD '%[2]s';
		GRANT USAGE ON SCHEMA %[3]s TO %[1]s;
		GRANT SELECT ON ALL TABLES IN SCHEMA %[3]s TO %[1]s`, role, password, schemaOf(t, target)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP OWNED BY "+role+"; DROP ROLE "+role) })

	wrong := withPassword(t, target, role, "not-"+password)
	s, err := corpus.Open(wrong, &corpus.Options{ReadOnly: true})
	if err == nil {
		s.Close()
		t.Skip("this server does not check passwords for " + role + " (its pg_hba.conf is not pgtest's)")
	}
	if !strings.Contains(err.Error(), "password authentication failed") || strings.Contains(err.Error(), password) {
		t.Errorf("a wrong password: %v", err)
	}

	noPW, _ := pgtest.WithParam(target, "user", role)
	pgpass := filepath.Join(t.TempDir(), "pgpass")
	if err := os.WriteFile(pgpass, []byte("*:*:*:"+role+":"+strings.ReplaceAll(password, ":", `\:`)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, url string
		env       map[string]string
	}{
		{"in the URL", withPassword(t, target, role, password), nil},
		{"PGPASSWORD", noPW, map[string]string{"PGPASSWORD": password}},
		{"a pgpass file", noPW, map[string]string{"PGPASSFILE": pgpass}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			s, err := corpus.Open(tt.url, &corpus.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Documents(); err != nil {
				t.Error(err)
			}
			if strings.Contains(s.Path(), password) {
				t.Errorf("Path shows the password: %s", s.Path())
			}
		})
	}
}
