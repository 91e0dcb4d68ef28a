package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
)

// channel is where the tables' triggers announce committed writes.
const channel = "tawsim"

// notice is a trigger's payload.
type notice struct {
	Schema    string `json:"schema"`
	Doc       string `json:"doc"`
	Annotator string `json:"annotator"`
	Revision  uint64 `json:"revision"`
}

// Watch listens for what any session commits to this corpus and calls fn
// with a notice of each write, from a goroutine of its own, until ctx ends
// or the DB closes. It returns once it listens, so nothing committed after
// it returns is missed. It keeps a connection of its own (LISTEN holds
// it); when that connection is lost it reconnects and calls fn with the
// zero Notice, since notices may have been missed meanwhile. fn must not
// close the DB.
func (d *DB) Watch(ctx context.Context, fn func(corpus.Notice)) error {
	conn, err := d.listen(ctx)
	if err != nil {
		return fmt.Errorf("watch %s: %w", d.location, d.explain(err))
	}
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(d.closed, cancel)
	d.watchers.Add(1)
	go func() {
		defer d.watchers.Done()
		defer stop()
		defer cancel()
		for {
			n, err := conn.WaitForNotification(ctx)
			if err == nil {
				if no, ok := d.parse(n.Payload); ok {
					fn(no)
				}
				continue
			}
			conn.Close(context.Background())
			if conn = d.relisten(ctx); conn == nil {
				return
			}
			fn(corpus.Notice{})
		}
	}()
	return nil
}

// listen opens a connection of its own and listens on the channel. The
// connection says it is a watcher, for pg_stat_activity.
func (d *DB) listen(ctx context.Context) (*pgx.Conn, error) {
	cc := d.connConfig()
	cc.RuntimeParams["application_name"] += " (watch)"
	conn, err := pgx.ConnectConfig(ctx, cc)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return conn, nil
}

// relisten tries again, waiting longer each time, until it listens or ctx
// ends (then nil).
func (d *DB) relisten(ctx context.Context) *pgx.Conn {
	wait := 100 * time.Millisecond
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		if conn, err := d.listen(ctx); err == nil {
			return conn
		}
		wait = min(2*wait, 10*time.Second)
	}
}

// parse reads a payload; notices of other corpora in the same database
// are dropped, and a payload that does not parse asks for a reload.
func (d *DB) parse(payload string) (corpus.Notice, bool) {
	var n notice
	if err := json.Unmarshal([]byte(payload), &n); err != nil {
		return corpus.Notice{}, true
	}
	if n.Schema != d.schema {
		return corpus.Notice{}, false
	}
	return corpus.Notice{Doc: n.Doc, Annotator: n.Annotator, Revision: n.Revision}, true
}
