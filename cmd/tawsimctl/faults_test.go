package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The faults of docs/FAULTS.md that need a real process: a signal, a full
// disk, a file the process may not write. Each runs the built tawsimctl.

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tawsimctl-faults")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "tawsimctl")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build tawsimctl: %v\n%s", err, out)
		os.Exit(1)
	}
	os.Chmod(dir, 0o755) // another user runs it in TestReadOnlyFile
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// ctl runs tawsimctl and returns its output, stderr and exit status.
func ctl(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// corpusDB makes a database of n generated articles.
func corpusDB(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	src := filepath.Join(dir, "news.jsonl")
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"title": "خبر %d", "text": "%s"}`+"\n", i, strings.Repeat(fmt.Sprintf("أجرى الرئيس الصيني محادثات مع نظيره في اليوم %d. ", i), 40))
	}
	os.WriteFile(src, []byte(b.String()), 0o644)
	if _, e, code := ctl(t, "--db", db, "init"); code != 0 {
		t.Fatal(e)
	}
	if _, e, code := ctl(t, "--db", db, "import", src); code != 0 {
		t.Fatal(e)
	}
	return db
}

// TestInterruptedExport sends SIGINT to an export under way: it stops,
// says so, and leaves neither the output nor a temporary file.
func TestInterruptedExport(t *testing.T) {
	db := corpusDB(t, 2000)
	out := filepath.Join(t.TempDir(), "ner.conll")
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd := exec.Command(bin, "--db", db, "export", "--format", "conll", "--status", "all", "--out", out)
		var errOut strings.Builder
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(150 * time.Millisecond)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		entries, _ := os.ReadDir(filepath.Dir(out))
		if err == nil {
			t.Logf("%v: the export finished before the signal; nothing to check", sig)
			continue
		}
		if len(entries) != 0 {
			t.Errorf("%v left %d files: %v", sig, len(entries), entries)
		}
		if !strings.Contains(errOut.String(), "cancel") {
			t.Errorf("%v: stderr %q does not say it was cancelled", sig, errOut.String())
		}
	}
}

// TestFullDisk exports to /dev/full, a device that is always full.
func TestFullDisk(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	db := corpusDB(t, 20)
	cmd := exec.Command(bin, "--db", db, "export", "--format", "conll", "--status", "all", "--out", "-")
	full, _ := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	defer full.Close()
	var errOut strings.Builder
	cmd.Stdout, cmd.Stderr = full, &errOut
	err := cmd.Run()
	if err == nil || !strings.Contains(errOut.String(), "no space left on device") {
		t.Errorf("export to a full disk: %v, stderr %q", err, errOut.String())
	}
}

// TestUnwritableFolder exports into a folder nobody can write (/proc).
func TestUnwritableFolder(t *testing.T) {
	db := corpusDB(t, 5)
	_, e, code := ctl(t, "--db", db, "export", "--format", "conll", "--status", "all", "--out", "/proc/tawsim/ner.conll")
	if code != 1 || !strings.Contains(e, "/proc/tawsim") {
		t.Errorf("export into /proc: exit %d, %q", code, e)
	}
	_, e, code = ctl(t, "--db", db, "backup", "/proc/tawsim.db")
	if code != 1 || !strings.Contains(e, "/proc/tawsim.db") {
		t.Errorf("backup into /proc: exit %d, %q", code, e)
	}
}

// TestReadOnlyFile opens a database the user may only read (as another
// user when the tests run as root, who may write anything): reading
// commands work, writing ones say why they cannot.
func TestReadOnlyFile(t *testing.T) {
	db := corpusDB(t, 5)
	os.Chmod(db, 0o444)
	os.Chmod(filepath.Dir(db), 0o755)
	run := func(args ...string) (string, string, int) { return ctl(t, args...) }
	if os.Getuid() == 0 {
		run = func(args ...string) (string, string, int) {
			cmd := exec.Command("setpriv", append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", bin}, args...)...)
			cmd.Env = []string{"HOME=/nonexistent", "XDG_RUNTIME_DIR=" + t.TempDir()}
			os.Chmod(cmd.Env[1][len("XDG_RUNTIME_DIR="):], 0o777)
			var out, errOut strings.Builder
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Skipf("cannot run as another user here: %v", err)
			}
			return out.String(), errOut.String(), code
		}
		for p := filepath.Dir(db); p != "/"; p = filepath.Dir(p) {
			os.Chmod(p, 0o755) // nobody needs to reach the file
		}
	}
	if out, e, code := run("--db", db, "list"); code != 0 || strings.Count(out, "\n") != 6 {
		t.Errorf("list of a read-only file: exit %d, %q %q", code, out, e)
	}
	if out, e, code := run("--db", db, "export", "--format", "tawsim", "--status", "all", "--out", "-"); code != 0 || strings.Count(out, "\n") != 5 {
		t.Errorf("export of a read-only file: exit %d, %q", code, e)
	}
	txt := filepath.Join(filepath.Dir(db), "x.txt")
	os.WriteFile(txt, []byte("نص."), 0o644)
	if _, e, code := run("--db", db, "import", txt); code != 1 || !strings.Contains(e, "read-only") {
		t.Errorf("import into a read-only file: exit %d, %q", code, e)
	}
}

// TestNotATawsimDatabase gives a text file, and a bbolt file of another
// program, as the database.
func TestNotATawsimDatabase(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "notes.txt")
	os.WriteFile(txt, []byte("ليست قاعدة بيانات\n"), 0o644)
	if _, e, code := ctl(t, "--db", txt, "list"); code != 1 || !strings.Contains(e, "invalid database") {
		t.Errorf("a text file as the database: exit %d, %q", code, e)
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	if _, e, code := ctl(t, "--db", empty, "list"); code != 1 {
		t.Errorf("an empty file as the database: exit %d, %q", code, e)
	}
}

// TestFiftyMegabyteLine imports a 50 MB text of one line: refused at once,
// naming the file and the way out, nothing stored.
func TestFiftyMegabyteLine(t *testing.T) {
	db := corpusDB(t, 1)
	big := filepath.Join(t.TempDir(), "one-line.txt")
	os.WriteFile(big, []byte(strings.Repeat("كلمة ", 10<<20)), 0o644)
	start := time.Now()
	_, e, code := ctl(t, "--db", db, "import", big)
	if code != 1 || !strings.Contains(e, "one-line.txt") || !strings.Contains(e, "over the limit") {
		t.Errorf("a 50 MB line: exit %d, %q", code, e)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("refusing it took %v", took)
	}
	if out, _, _ := ctl(t, "--db", db, "list"); strings.Count(out, "\n") != 2 {
		t.Errorf("something was stored:\n%s", out)
	}
}
