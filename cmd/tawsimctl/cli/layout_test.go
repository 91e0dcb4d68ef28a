package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCmdLayout(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "in.txt")
	text := "President بشار الأسد visited.\nبلغت قيمة الصفقة ٤٥٠ مليون دولار\n\nOnly Latin\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		args  []string
		code  int
		check func(t *testing.T, out string)
	}{
		{"readable", []string{file}, 0, func(t *testing.T, out string) {
			for _, want := range []string{"paragraph 1 (ltr)", "paragraph 2 (rtl)", `[10,20) rtl`, `"President "`} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		}},
		{"json", []string{"--json", "--width", "150", file}, 0, func(t *testing.T, out string) {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 4 {
				t.Fatalf("got %d JSON lines, want 4:\n%s", len(lines), out)
			}
			var p struct {
				Direction string
				Lines     []struct {
					Runs []struct {
						Start, End int
						RTL        bool
						X, Width   float32
					}
				}
			}
			if err := json.Unmarshal([]byte(lines[1]), &p); err != nil {
				t.Fatal(err)
			}
			if p.Direction != "rtl" || len(p.Lines) < 2 {
				t.Errorf("paragraph 2: %+v, want rtl wrapped at 150px", p)
			}
		}},
		{"forced ltr", []string{"--dir", "ltr", "--json", file}, 0, func(t *testing.T, out string) {
			if strings.Contains(out, `"direction":"rtl"`) {
				t.Errorf("--dir ltr produced an rtl paragraph:\n%s", out)
			}
		}},
		{"bad dir", []string{"--dir", "up", file}, 2, nil},
		{"no file", []string{}, 2, nil},
		{"missing file", []string{filepath.Join(dir, "nope")}, 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, err := ctl(t, append([]string{"layout"}, c.args...)...)
			if ExitCode(err) != c.code {
				t.Fatalf("err = %v (exit %d), want exit %d (stderr %s)", err, ExitCode(err), c.code, errOut)
			}
			if c.check != nil {
				c.check(t, out)
			}
		})
	}
}
