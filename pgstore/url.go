package pgstore

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tawsim/tawsim/corpus"
)

// secretParams are the URL query parameters that carry secrets.
var secretParams = []string{"password", "sslpassword"}

// errBadURL is all that is said of a URL that does not parse: the parser's
// own message could quote the password.
var errBadURL = errors.New("the database URL does not parse: check its user, password, host and port (a password with /, ?, # or @ must be %-encoded)")

// redact returns the URL without its password (in the user part or the
// query), and the secrets it removed, so that messages can be scrubbed of
// them too.
func redact(target string) (location string, secrets []string, err error) {
	u, err := url.Parse(target)
	if err != nil {
		return "", nil, errBadURL
	}
	changed := false
	if pw, ok := u.User.Password(); ok {
		secrets = append(secrets, pw)
		u.User = url.User(u.User.Username())
		changed = true
	}
	q := u.Query()
	for _, k := range secretParams {
		if v, ok := q[k]; ok {
			secrets = append(secrets, v...)
			q.Del(k)
			changed = true
		}
	}
	if !changed {
		return target, nil, nil
	}
	u.RawQuery = q.Encode()
	return u.String(), secrets, nil
}

// scrub removes secrets from a message, should a library have quoted them.
func scrub(msg string, secrets []string) string {
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "xxxxx")
		}
	}
	return msg
}

// config turns the URL and options into the pool's settings. Everything
// libpq's URLs allow works (host=/run/postgresql for a socket, sslmode,
// search_path=…, pool_max_conns=…); credentials not in the URL come from
// PG* variables and ~/.pgpass, which pgx reads.
func config(target string, opt corpus.Options) (*pgxpool.Config, string, error) {
	location, secrets, err := redact(target)
	if err != nil {
		return nil, "", fmt.Errorf("open postgres database: %w", err)
	}
	cfg, err := pgxpool.ParseConfig(target)
	if err != nil {
		return nil, "", fmt.Errorf("open %s: %s", location, scrub(err.Error(), secrets))
	}
	cc := cfg.ConnConfig
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = 10 * time.Second
	}
	if _, ok := cc.RuntimeParams["application_name"]; !ok {
		cc.RuntimeParams["application_name"] = "tawsim"
	}
	if opt.ReadOnly {
		// Belt and braces: Update refuses first, the server too.
		cc.RuntimeParams["default_transaction_read_only"] = "on"
	}
	return cfg, location, nil
}
