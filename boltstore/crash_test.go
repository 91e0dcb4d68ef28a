package boltstore

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// crashChild is the child of TestCrashRecovery: it applies actions to the
// database in TAWSIM_CRASH_DB until killed, printing "ack SEQ OP" once
// each action has returned, i.e. committed and synced.
func crashChild(path string) {
	s, err := corpus.Open(path, &corpus.Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println("child:", err)
		os.Exit(1)
	}
	docs, _ := s.Documents()
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	out := bufio.NewWriter(os.Stdout)
	n := len([]rune(corpustest.SeedText))
	types := []string{"PERS", "GPE", "ORG", "OCC"}
	for {
		doc := docs[rng.IntN(len(docs))].ID
		l, _ := s.Layer(doc, "amira")
		var ch corpus.Change
		switch k := rng.IntN(10); {
		case k < 5 || len(l.Entities) == 0:
			start := rng.IntN(n - 6)
			ch, err = s.Edit(doc, "amira", "add entity", func(e *corpus.Edit) error {
				_, err := e.AddEntity(corpus.Entity{Start: start, End: start + 1 + rng.IntN(5), Type: types[rng.IntN(4)]})
				return err
			})
		case k < 7:
			ent := l.Entities[rng.IntN(len(l.Entities))]
			ent.Type = types[rng.IntN(4)]
			ch, err = s.Edit(doc, "amira", "retype entity", func(e *corpus.Edit) error { return e.SetEntity(ent) })
		case k < 8:
			id := l.Entities[rng.IntN(len(l.Entities))].ID
			ch, err = s.Edit(doc, "amira", "delete entity", func(e *corpus.Edit) error { return e.DeleteEntity(id) })
		default:
			ch, _, err = s.Undo(doc, "amira")
		}
		if err != nil || ch.Seq == 0 {
			continue // refused (a duplicate span) or a no-op: nothing to acknowledge
		}
		fmt.Fprintf(out, "ack %s %d %d %s\n", doc, ch.Seq, ch.Revision, strings.ReplaceAll(ch.Op, " ", "_"))
		out.Flush()
	}
}

// TestCrashRecovery kills a child process applying actions with SIGKILL
// at random moments, again and again, then reopens the database each time:
// it must open, pass Check, and hold every action the child acknowledged.
func TestCrashRecovery(t *testing.T) {
	if path := os.Getenv("TAWSIM_CRASH_DB"); path != "" {
		crashChild(path)
		return
	}
	kills := 50
	if testing.Short() {
		kills = 10
	}
	s := openTest(t)
	var items []corpus.ImportItem
	for i := 0; i < 20; i++ {
		items = append(items, corpus.ImportItem{Origin: "x", Doc: corpus.NewDoc{Text: fmt.Sprintf("%s (%d)", corpustest.SeedText, i)}})
	}
	if _, err := s.Import(items); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	type ack struct {
		doc      string
		seq, rev uint64
		op       string
	}
	var acked []ack
	rng := rand.New(rand.NewPCG(1, 2))
	deadline := time.Now().Add(90 * time.Second)
	for k := 0; k < kills && time.Now().Before(deadline); k++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashRecovery$")
		cmd.Env = append(os.Environ(), "TAWSIM_CRASH_DB="+filepath.Clean(path))
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it open the database and do some work, then kill it at a
		// random moment: mid-commit, between commits, mid-fsync.
		time.Sleep(time.Duration(60+rng.IntN(120)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for line := range lines {
			f := strings.Fields(line)
			if len(f) != 5 || f[0] != "ack" {
				t.Fatalf("child said %q", line)
			}
			seq, _ := strconv.ParseUint(f[2], 10, 64)
			rev, _ := strconv.ParseUint(f[3], 10, 64)
			acked = append(acked, ack{f[1], seq, rev, strings.ReplaceAll(f[4], "_", " ")})
		}
		s, err := corpus.Open(path, nil)
		if err != nil {
			t.Fatalf("after kill %d: %v", k+1, err)
		}
		r, err := s.Check(context.Background(), nil)
		if err != nil || !r.OK() {
			s.Close()
			t.Fatalf("after kill %d: check %+v %v", k+1, r, err)
		}
		s.Close()
	}
	s, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	logs := map[string]map[uint64]corpus.Change{}
	for _, a := range acked {
		if logs[a.doc] == nil {
			log, err := s.Changes(a.doc, "amira")
			if err != nil {
				t.Fatal(err)
			}
			logs[a.doc] = map[uint64]corpus.Change{}
			for _, c := range log {
				logs[a.doc][c.Seq] = c
			}
		}
		c, ok := logs[a.doc][a.seq]
		if !ok || c.Op != a.op || c.Revision != a.rev {
			t.Errorf("acknowledged change %d (%s, revision %d) of %s is lost: found %+v", a.seq, a.op, a.rev, a.doc, c)
		}
	}
	if len(acked) < kills {
		t.Errorf("only %d actions acknowledged over %d runs: the child hardly worked", len(acked), kills)
	}
	t.Logf("%d kills, %d acknowledged actions, all found; check clean after every kill", kills, len(acked))
}
