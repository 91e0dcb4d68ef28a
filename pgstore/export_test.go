package pgstore

import (
	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
)

// OpenTraced opens target with tr tracing every query, batch and COPY of
// the pool's connections: tests count round trips with it.
func OpenTraced(target string, tr pgx.QueryTracer) (*DB, error) {
	cfg, location, err := config(target, corpus.Options{})
	if err != nil {
		return nil, err
	}
	cfg.ConnConfig.Tracer = tr
	return open(cfg, location, corpus.Options{})
}
