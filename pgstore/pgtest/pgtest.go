// Package pgtest gives tests a PostgreSQL server without network or set-up:
// the one named by an environment variable (make test starts one with
// scripts/pg.sh and sets TAWSIM_TEST_PG), or else a private server of its
// own, which it initialises in a temporary folder and runs on a Unix
// socket only, as an unprivileged user when the tests run as root. Each
// test then gets a schema of its own in that server's database.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable holding the URL of a server for the tests.
const EnvURL = "TAWSIM_TEST_PG"

// ErrNotInstalled means neither a server URL was given nor PostgreSQL's
// programs found: tests skip with this message.
var ErrNotInstalled = errors.New("PostgreSQL is not installed (no initdb and postgres found) and " + EnvURL +
	" is not set: run scripts/deps.sh pg, or make test, which does both")

// PasswordRole is the one role the private server asks a password of
// (scram-sha-256); every other local role is trusted. Tests use it to
// check that a password never shows in a message.
const PasswordRole = "tawsim_pwcheck"

// Server is a PostgreSQL server for tests: one given by URL, or a private
// one this package started and Stop stops.
type Server struct {
	// URL opens the server's test database as a superuser.
	URL string
	dir string
	cmd *exec.Cmd
}

// Start returns the server named by $TAWSIM_TEST_PG or, when that is
// unset, starts a private one. It returns ErrNotInstalled when there is
// neither.
func Start() (*Server, error) {
	if u := os.Getenv(EnvURL); u != "" {
		return &Server{URL: u}, nil
	}
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	return startPrivate(bin)
}

// BinDir finds PostgreSQL's programs: $TAWSIM_PG_BIN, the newest
// /usr/lib/postgresql/*/bin (Debian keeps them there, off PATH), or PATH.
func BinDir() (string, error) {
	if d := os.Getenv("TAWSIM_PG_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if executable(filepath.Join(d, "initdb")) && executable(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if d := filepath.Dir(p); executable(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", ErrNotInstalled
}

func version(bindir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bindir)))
	return n
}

func executable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode()&0o111 != 0
}

// serverUser is who runs the server: this process, or, for root (whom
// PostgreSQL refuses), the postgres user Debian's package makes, else nobody.
func serverUser() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	var u *user.User
	var err error
	for _, name := range []string{"postgres", "nobody"} {
		if u, err = user.Lookup(name); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("running as root, and no unprivileged user (postgres, nobody) to run the server as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func startPrivate(bin string) (s *Server, err error) {
	cred, err := serverUser()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "tawsim-pg.")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	// The server's user must reach the folder, the data and the socket.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	run := func(name string, args ...string) *exec.Cmd {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		cmd.Dir = dir
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		return cmd
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := run("initdb", "-D", data, "-U", "tawsim", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	if err := requirePassword(filepath.Join(data, "pg_hba.conf"), cred); err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd := run("postgres", "-D", data, "-k", dir, "-c", "listen_addresses=", "-c", "max_connections=200")
	cmd.Stdout, cmd.Stderr = logf, logf
	// The server dies with this process even if the tests crash.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT
	cmd.SysProcAttr.Setpgid = true
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	s = &Server{dir: dir, cmd: cmd}
	s.URL = (&url.URL{Scheme: "postgres", Path: "/tawsim",
		RawQuery: url.Values{"host": {dir}, "user": {"tawsim"}, "sslmode": {"disable"}}.Encode()}).String()
	if err := s.createDB("tawsim"); err != nil {
		s.Stop()
		log, _ := os.ReadFile(logf.Name())
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return s, nil
}

// requirePassword makes PasswordRole log in with its password.
func requirePassword(hba string, cred *syscall.Credential) error {
	old, err := os.ReadFile(hba)
	if err != nil {
		return err
	}
	line := "local all " + PasswordRole + " scram-sha-256\n"
	if err := os.WriteFile(hba, append([]byte(line), old...), 0o600); err != nil {
		return err
	}
	if cred != nil {
		return os.Chown(hba, int(cred.Uid), int(cred.Gid))
	}
	return nil
}

// createDB waits for the new server to accept connections, then creates
// the test database.
func (s *Server) createDB(name string) error {
	admin := strings.Replace(s.URL, "/tawsim?", "/postgres?", 1)
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		conn, err := pgx.Connect(ctx, admin)
		if err == nil {
			_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
			conn.Close(ctx)
			cancel()
			return err
		}
		cancel()
		if time.Now().After(deadline) {
			return fmt.Errorf("the test server did not accept connections: %w", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop stops a private server and removes its folder; for a server given
// by URL it does nothing.
func (s *Server) Stop() error {
	if s.cmd == nil {
		return nil
	}
	// SIGINT is PostgreSQL's fast shutdown: clients are disconnected.
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	s.cmd = nil
	return os.RemoveAll(s.dir)
}

// Schema makes a new, empty schema in the server's database and returns a
// URL that opens the database with that schema first on the search path,
// and a function that drops it. Tests get a corpus each this way at the
// cost of a CREATE SCHEMA, not a CREATE DATABASE.
func (s *Server) Schema(ctx context.Context) (target string, drop func() error, err error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", nil, err
	}
	name := "t_" + hex.EncodeToString(b[:])
	conn, err := pgx.Connect(ctx, s.URL)
	if err != nil {
		return "", nil, err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		return "", nil, err
	}
	u, err := WithParam(s.URL, "search_path", name)
	if err != nil {
		return "", nil, err
	}
	drop = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, s.URL)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
		return err
	}
	return u, drop, nil
}

// WithParam returns the URL with a query parameter set.
func WithParam(rawURL, key, value string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", errors.New("the test server URL does not parse")
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String(), nil
}
