package pgstore

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tawsim/tawsim/corpus"
)

// PostgreSQL error codes this package explains.
const (
	codeUniqueViolation     = "23505"
	codeForeignKeyViolation = "23503"
	codeNoPrivilege         = "42501" // also: a row refused by a row-level security policy
	codeReadOnlyTx          = "25006"
	codeDeadlock            = "40P01"
	codeSerialization       = "40001"
	codeLockTimeout         = "55P03"
	codeBadText             = "22021" // a NUL, or bytes that are not UTF-8
)

// pgError returns the server's error inside err, if there is one.
func pgError(err error) *pgconn.PgError {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

// hasCode reports whether err is a server error with this code.
func hasCode(err error, code string) bool {
	pe := pgError(err)
	return pe != nil && pe.Code == code
}

// explained is a server error told in words a user can act on. It
// unwraps to both the server's error and, where one fits, a sentinel
// (fs.ErrPermission, corpus.ErrReadOnly) that callers test without
// importing this package.
type explained struct {
	msg  string
	kind error
	err  *pgconn.PgError
}

func (e *explained) Error() string { return e.msg }

func (e *explained) Unwrap() []error {
	if e.kind == nil {
		return []error{e.err}
	}
	return []error{e.kind, e.err}
}

// explain turns an error from the server into one a user can act on; the
// server's own message is kept in it. Only the server's error itself is
// explained: one already wrapped with context (or explained) is left as
// it is, so that explaining twice loses nothing.
func (d *DB) explain(err error) error {
	pe, ok := err.(*pgconn.PgError)
	if !ok {
		return err
	}
	switch pe.Code {
	case codeNoPrivilege:
		return &explained{fmt.Sprintf("the database role %q may not do this (%s): %v", d.role, pe.Message, fs.ErrPermission), fs.ErrPermission, pe}
	case codeReadOnlyTx:
		return &explained{fmt.Sprintf("%v (%s)", corpus.ErrReadOnly, pe.Message), corpus.ErrReadOnly, pe}
	case codeDeadlock, codeSerialization:
		return &explained{"another session changed the same layers at the same moment and the server stopped this change; nothing of it was stored, try again (" + pe.Message + ")", nil, pe}
	case codeLockTimeout:
		return &explained{"another session held what this change needs for too long; nothing of it was stored, try again (" + pe.Message + ")", nil, pe}
	case codeBadText:
		return &explained{"PostgreSQL cannot store this text (a NUL character, U+0000?): " + pe.Message, nil, pe}
	}
	return err
}
