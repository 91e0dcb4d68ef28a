package main

import (
	"bytes"
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
		name    string
		args    []string
		wantErr bool
		check   func(t *testing.T, out string)
	}{
		{"readable", []string{file}, false, func(t *testing.T, out string) {
			for _, want := range []string{"paragraph 1 (ltr)", "paragraph 2 (rtl)", `[10,20) rtl`, `"President "`} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		}},
		{"json", []string{"--json", "--width", "150", file}, false, func(t *testing.T, out string) {
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
		{"forced ltr", []string{"--dir", "ltr", "--json", file}, false, func(t *testing.T, out string) {
			if strings.Contains(out, `"direction":"rtl"`) {
				t.Errorf("--dir ltr produced an rtl paragraph:\n%s", out)
			}
		}},
		{"bad dir", []string{"--dir", "up", file}, true, nil},
		{"no file", []string{}, true, nil},
		{"missing file", []string{filepath.Join(dir, "nope")}, true, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := cmdLayout(c.args, &out, &errOut)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, wantErr %v (stderr %s)", err, c.wantErr, errOut.String())
			}
			if c.check != nil {
				c.check(t, out.String())
			}
		})
	}
}
