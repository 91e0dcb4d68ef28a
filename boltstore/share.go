package boltstore

import (
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// bbolt lets one process open a file for writing, and its lock keeps
// everyone else out, readers too. So the process that holds a database
// (the app, all day) can share it: other processes (tawsimctl list,
// export, check, backup, import …) that find the file locked connect to
// it over a Unix socket and run their transactions through it, as if
// they had the file. Reads run beside the holder's own work; writes take
// turns with it, as writes in one process do.

// idleLimit bounds how long a client may keep a transaction open without
// a request: a stalled write would otherwise stop the holder's own.
const (
	idleLimitUpdate = 30 * time.Second
	idleLimitView   = 5 * time.Minute
)

// runtimeDir is where sockets and holder records live: private to the
// user, short enough for a socket path.
func runtimeDir() (string, error) {
	base := os.Getenv("XDG_RUNTIME_DIR")
	if base == "" {
		base = os.TempDir()
	}
	dir := filepath.Join(base, fmt.Sprintf("tawsim-%d", os.Getuid()))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return "", err
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); !st.IsDir() || st.Mode().Perm() != 0o700 || ok && int(sys.Uid) != os.Getuid() {
		return "", fmt.Errorf("%s is not a private folder of this user: refusing to share a database through it", dir)
	}
	return dir, nil
}

// endpoint names the socket and holder record of the database at path:
// the hash of its absolute, symlink-free path.
func endpoint(path string) (sock, holder string, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	dir, err := runtimeDir()
	if err != nil {
		return "", "", err
	}
	sum := sha256.Sum256([]byte(abs))
	name := hex.EncodeToString(sum[:8])
	return filepath.Join(dir, name+".sock"), filepath.Join(dir, name+".holder"), nil
}

// recordHolder notes who holds the database, for messages to others.
func recordHolder(path string, h Holder) {
	_, file, err := endpoint(path)
	if err != nil {
		return
	}
	raw, _ := json.Marshal(h)
	os.WriteFile(file, raw, 0o600)
}

func forgetHolder(path string) {
	if _, file, err := endpoint(path); err == nil {
		if raw, err := os.ReadFile(file); err == nil {
			var h Holder
			if json.Unmarshal(raw, &h) == nil && h.PID == os.Getpid() {
				os.Remove(file)
			}
		}
	}
}

// holderOf reads who holds the database, if that process still runs.
func holderOf(path string) (Holder, bool) {
	_, file, err := endpoint(path)
	if err != nil {
		return Holder{}, false
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return Holder{}, false
	}
	var h Holder
	if json.Unmarshal(raw, &h) != nil || h.PID <= 0 || syscall.Kill(h.PID, 0) != nil {
		return Holder{}, false
	}
	return h, true
}

// Share serves the database to other processes while this one holds it.
type Share struct {
	d        *DB
	ln       net.Listener
	sock     string
	holder   Holder
	onCommit func(touched []Touched)
	wg       sync.WaitGroup
	mu       sync.Mutex
	conns    map[net.Conn]bool
	closed   bool
}

// Serve starts sharing the database: other processes that find it locked
// reach it through this one. onCommit, if set, is called (from another
// goroutine) after each write a client commits, with the layers and
// documents it touched, so the holder can show them.
func (d *DB) Serve(h Holder, onCommit func(touched []Touched)) (*Share, error) {
	if d.readOnly {
		return nil, errors.New("a database opened read-only is not locked against others: nothing to share")
	}
	sock, _, err := endpoint(d.path)
	if err != nil {
		return nil, fmt.Errorf("share %s: %w", d.path, err)
	}
	os.Remove(sock) // a socket left by a process that died; we hold the lock now
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return nil, fmt.Errorf("share %s: %w", d.path, err)
	}
	os.Chmod(sock, 0o600)
	if h.PID == 0 {
		h.PID = os.Getpid()
	}
	if h.Since == "" {
		h.Since = time.Now().Format(time.RFC3339)
	}
	s := &Share{d: d, ln: ln, sock: sock, holder: h, onCommit: onCommit, conns: map[net.Conn]bool{}}
	recordHolder(d.path, h)
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Close stops sharing: open client transactions are cut (a write rolls
// back) and the socket is removed.
func (s *Share) Close() error {
	s.mu.Lock()
	s.closed = true
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	err := s.ln.Close()
	s.wg.Wait()
	os.Remove(s.sock)
	return err
}

func (s *Share) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = true
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.session(c)
			c.Close()
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
		}()
	}
}

// conn is one client connection.
type conn struct {
	net.Conn
	dec *gob.Decoder
	enc *gob.Encoder
}

func (c *conn) read(idle time.Duration) (request, error) {
	var r request
	c.SetReadDeadline(time.Now().Add(idle))
	err := c.dec.Decode(&r)
	return r, err
}

func (c *conn) send(r response) error { return c.enc.Encode(r) }

// errRollback ends an update the client rolled back (or abandoned).
var errRollback = errors.New("rolled back by the client")

// session serves one connection: a hello, then one transaction.
func (s *Share) session(nc net.Conn) {
	c := &conn{Conn: nc, dec: gob.NewDecoder(nc), enc: gob.NewEncoder(nc)}
	req, err := c.read(idleLimitView)
	if err != nil || req.Op != opHello {
		return
	}
	if c.send(response{Hello: s.holder, Info: s.d.Describe()}) != nil {
		return
	}
	if req, err = c.read(idleLimitView); err != nil {
		return
	}
	switch req.Op {
	case opBeginView:
		s.view(c)
	case opBeginUpdate:
		s.update(c)
	case opBackup:
		s.backup(c)
	case opCheck:
		var r response
		found, err := s.d.CheckStorage(context.Background())
		r.Found = found
		r.setErr(err)
		c.send(r)
	}
}

func (s *Share) view(c *conn) {
	var errSend error
	err := s.d.View(func(tx corpus.ReadTx) error {
		if errSend = c.send(response{OK: true}); errSend != nil {
			return errSend
		}
		h := handler{tx: tx}
		for {
			req, err := c.read(idleLimitView)
			if err != nil {
				return err
			}
			if req.Op == opEnd {
				return nil
			}
			if errSend = c.send(h.handle(req)); errSend != nil {
				return errSend
			}
		}
	})
	if errSend == nil {
		var r response
		r.setErr(err)
		c.send(r)
	}
}

func (s *Share) update(c *conn) {
	h := handler{}
	var errSend error
	err := s.d.Update(func(tx corpus.WriteTx) error {
		h.tx, h.wtx = tx, tx
		if errSend = c.send(response{OK: true}); errSend != nil {
			return errSend
		}
		for {
			req, err := c.read(idleLimitUpdate)
			if err != nil {
				return err // a client that died or stalled: roll back
			}
			switch req.Op {
			case opCommit:
				return nil
			case opRollback:
				return errRollback
			}
			if errSend = c.send(h.handle(req)); errSend != nil {
				return errSend
			}
		}
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	if errSend == nil {
		var r response
		r.setErr(err)
		c.send(r)
	}
	if err == nil && len(h.touched) > 0 && s.onCommit != nil {
		s.onCommit(h.touched)
	}
}

// backup streams a consistent copy in chunks.
func (s *Share) backup(c *conn) {
	w := &chunkWriter{c: c}
	_, err := s.d.Backup(w)
	if err == nil {
		err = w.flush()
	}
	var r response
	r.setErr(err)
	r.OK = true
	c.send(r)
}

type chunkWriter struct {
	c   *conn
	buf []byte
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	if len(w.buf) >= 1<<20 {
		return len(p), w.flush()
	}
	return len(p), nil
}

func (w *chunkWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	err := w.c.send(response{Data: w.buf})
	w.buf = w.buf[:0]
	return err
}

var _ io.Writer = (*chunkWriter)(nil)

// Touched names a layer (or, with no annotator, a document) a client's
// committed write changed.
type Touched struct{ Doc, Annotator string }
