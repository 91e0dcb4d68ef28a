package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// Version is the table layout this code writes.
const Version = 2

// migrations[i] moves a database from layout i to i+1; layout 0 is a
// schema without Tawsim's tables. Each runs in the transaction that
// records the new layout. Old steps are never edited: a team's database
// may be at any version.
var migrations = []string{
	// 0 → 1: the first layout. Ids and annotator names sort byte by byte
	// (COLLATE "C"), as Go compares strings. Documents, layer info, events
	// and changes are the JSON of corpus's structs, whole, so fields added
	// to them later survive without a migration; json (not jsonb) keeps
	// the text exactly and accepts \u0000. Entities are columns, for the
	// span index that finds duplicates. Every table of a layer's contents
	// names the layer, so row-level security can judge each row alone.
	`
	CREATE TABLE meta (
		key   text COLLATE "C" PRIMARY KEY,
		value json NOT NULL
	);
	CREATE TABLE documents (
		id     uuid PRIMARY KEY,
		sha256 text COLLATE "C" NOT NULL UNIQUE,
		info   json NOT NULL, -- corpus.DocInfo
		body   json NOT NULL  -- corpus.Document
	);
	CREATE TABLE layers (
		doc       uuid NOT NULL REFERENCES documents ON DELETE CASCADE,
		annotator text COLLATE "C" NOT NULL,
		info      jsonb NOT NULL DEFAULT '{}', -- corpus.LayerInfo
		status    text GENERATED ALWAYS AS (coalesce(info->>'status', 'new')) STORED,
		revision  bigint GENERATED ALWAYS AS (coalesce((info->>'revision')::bigint, 0)) STORED,
		PRIMARY KEY (doc, annotator)
	);
	CREATE INDEX layers_annotator ON layers (annotator);
	CREATE TABLE entities (
		doc       uuid NOT NULL,
		annotator text COLLATE "C" NOT NULL,
		id        text COLLATE "C" NOT NULL,
		start     int NOT NULL,
		"end"     int NOT NULL,
		type      text COLLATE "C" NOT NULL,
		PRIMARY KEY (doc, annotator, id),
		FOREIGN KEY (doc, annotator) REFERENCES layers ON DELETE CASCADE
	);
	CREATE INDEX entities_span ON entities (doc, annotator, start, "end", type);
	CREATE TABLE events (
		doc       uuid NOT NULL,
		annotator text COLLATE "C" NOT NULL,
		id        text COLLATE "C" NOT NULL,
		item      json NOT NULL, -- corpus.Event
		PRIMARY KEY (doc, annotator, id),
		FOREIGN KEY (doc, annotator) REFERENCES layers ON DELETE CASCADE
	);
	CREATE TABLE changes (
		doc       uuid NOT NULL,
		annotator text COLLATE "C" NOT NULL,
		seq       bigint NOT NULL,
		change    json NOT NULL, -- corpus.Change
		PRIMARY KEY (doc, annotator, seq),
		FOREIGN KEY (doc, annotator) REFERENCES layers ON DELETE CASCADE
	);
	CREATE TABLE stacks (
		doc       uuid NOT NULL,
		annotator text COLLATE "C" NOT NULL,
		stack     text COLLATE "C" NOT NULL CHECK (stack IN ('u', 'r')), -- undo, redo
		seq       bigint NOT NULL,
		PRIMARY KEY (doc, annotator, stack, seq),
		FOREIGN KEY (doc, annotator) REFERENCES layers ON DELETE CASCADE
	);

	-- Every committed write is announced on the channel tawsim (delivered
	-- at commit, never for a rollback), whoever made it: the app, tawsimctl
	-- or SQL. The payload is small JSON; the schema tells corpora sharing
	-- a database apart.
	CREATE FUNCTION tawsim_notify() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF TG_TABLE_NAME = 'layers' THEN
			PERFORM pg_notify('tawsim', json_build_object('schema', TG_TABLE_SCHEMA,
				'doc', NEW.doc, 'annotator', NEW.annotator, 'revision', NEW.revision)::text);
		ELSIF TG_TABLE_NAME = 'documents' THEN
			PERFORM pg_notify('tawsim', json_build_object('schema', TG_TABLE_SCHEMA, 'doc', NEW.id)::text);
		ELSE
			PERFORM pg_notify('tawsim', json_build_object('schema', TG_TABLE_SCHEMA)::text);
		END IF;
		RETURN NULL;
	END
	$$;
	CREATE TRIGGER layers_notify AFTER UPDATE ON layers
		FOR EACH ROW WHEN (OLD.revision IS DISTINCT FROM NEW.revision) EXECUTE FUNCTION tawsim_notify();
	CREATE TRIGGER layers_notify_new AFTER INSERT ON layers
		FOR EACH ROW WHEN (NEW.revision > 0) EXECUTE FUNCTION tawsim_notify();
	CREATE TRIGGER documents_notify AFTER INSERT ON documents
		FOR EACH ROW EXECUTE FUNCTION tawsim_notify();
	CREATE TRIGGER schema_notify AFTER INSERT OR UPDATE ON meta
		FOR EACH ROW WHEN (NEW.key = 'schema') EXECUTE FUNCTION tawsim_notify();
	`,
	// 1 → 2: a gold entity keeps its provenance (who accepted it in
	// review, from which annotators, when), as JSON; NULL elsewhere.
	`ALTER TABLE entities ADD COLUMN provenance json;`,
}

// errNoSchema is what a search path naming no existing schema gives.
var errNoSchema = errors.New("the search path names no schema that exists: create it, or set search_path in the URL")

// migrate brings the tables to Version in one transaction. An advisory
// lock keyed on the schema makes two apps opening a new database at once
// take turns: the second finds the work done. The wait is bounded by
// timeout, since a layout change of a large corpus can take a while.
func (d *DB) migrate(ctx context.Context, timeout time.Duration) error {
	conn, err := d.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, fmt.Sprintf("SET LOCAL lock_timeout = %d", max(timeout.Milliseconds(), 1))); err != nil {
		return err
	}
	if err := d.readSession(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('tawsim layout ' || current_schema(), 0))`); err != nil {
		if hasCode(err, codeLockTimeout) {
			return errors.New("another Tawsim is updating this database's layout: try again in a moment")
		}
		return err
	}
	v, err := readVersion(ctx, tx)
	if err != nil {
		return err
	}
	if v > Version {
		return fmt.Errorf("database layout version %d is newer than this Tawsim (%d): update Tawsim", v, Version)
	}
	if v < Version {
		if _, err := tx.Exec(ctx, "SET LOCAL lock_timeout = 0"); err != nil {
			return err
		}
	}
	for ; v < Version; v++ {
		if _, err := tx.Exec(ctx, migrations[v]); err != nil {
			return fmt.Errorf("migrate layout %d to %d (the database's owner must open it once with this Tawsim): %w", v, v+1, d.explain(err))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('layout', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
			[]byte(strconv.Itoa(v+1))); err != nil {
			return err
		}
	}
	d.layout = v
	if err := tx.QueryRow(ctx, `SELECT NOT row_security_active('entities') AND NOT row_security_active('events')`).Scan(&d.bulkCopy); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// checkVersion refuses a database this code cannot read without
// migrating it, which a read-only open cannot do.
func (d *DB) checkVersion(ctx context.Context) error {
	tx, err := d.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := d.readSession(ctx, tx); err != nil {
		return err
	}
	v, err := readVersion(ctx, tx)
	if err != nil {
		return err
	}
	if v != Version {
		return fmt.Errorf("database layout version %d, this Tawsim reads %d; open it once read-write to migrate", v, Version)
	}
	d.layout = v
	return nil
}

// readSession learns the schema the tables live in and who we are.
func (d *DB) readSession(ctx context.Context, tx pgx.Tx) error {
	var schema *string
	if err := tx.QueryRow(ctx, `SELECT current_schema(), current_user`).Scan(&schema, &d.role); err != nil {
		return err
	}
	if schema == nil {
		return errNoSchema
	}
	d.schema = *schema
	return nil
}

// readVersion reads the layout of the tables in the current schema (not
// of a meta table further down the search path); 0 when there are none.
func readVersion(ctx context.Context, tx pgx.Tx) (int, error) {
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT to_regclass(format('%I.meta', current_schema())) IS NOT NULL`).Scan(&exists); err != nil || !exists {
		return 0, err
	}
	var raw string
	err := tx.QueryRow(ctx, `SELECT value::text FROM meta WHERE key = 'layout'`).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, errors.New("the schema holds a meta table that is not Tawsim's: use a database or schema of its own for the corpus")
	}
	if err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(raw)
	if err != nil {
		return 0, fmt.Errorf("the stored layout version %q is damaged", raw)
	}
	return v, nil
}
