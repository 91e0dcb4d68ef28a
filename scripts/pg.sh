#!/bin/sh
# A private PostgreSQL for tests and CI, with no network: initdb into a new
# temporary folder, the server listening on a Unix socket in that folder
# only, run as an unprivileged user (postgres, else nobody) when we are
# root, which PostgreSQL refuses to run as.
#
#   scripts/pg.sh start       starts a server, prints its URL (database tawsim)
#   scripts/pg.sh url DIR     prints the URL of the server in DIR
#   scripts/pg.sh stop URL    stops the server (URL or DIR) and removes its folder
#
# make test runs `start` before go test and `stop` after it, also when the
# tests fail, and hands the URL to the tests as TAWSIM_TEST_PG. The binaries
# are found on PATH or in the newest /usr/lib/postgresql/*/bin (Debian);
# TAWSIM_PG_BIN overrides both. scripts/deps.sh pg installs them.
set -eu

die() { echo "pg.sh: $*" >&2; exit 1; }

bindir() {
	if [ -n "${TAWSIM_PG_BIN:-}" ]; then echo "$TAWSIM_PG_BIN"; return; fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
	done
	p=$(command -v pg_ctl 2>/dev/null) && [ -x "$(dirname "$p")/initdb" ] && { dirname "$p"; return; }
	die "PostgreSQL is not installed (no initdb or pg_ctl found); run scripts/deps.sh pg"
}

# as runs a command as the server's user: ourselves, or an unprivileged
# user when we are root.
as() {
	if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
	runuser -u "$PGUSER_OS" -- "$@"
}

osuser() {
	if [ "$(id -u)" -ne 0 ]; then id -un; return; fi
	if id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

url() { echo "postgres:///tawsim?host=$1&user=tawsim&sslmode=disable"; }

# dirof takes a URL printed by start, or the folder itself.
dirof() {
	case "$1" in
	postgres*://*) d=${1#*host=}; echo "${d%%&*}" ;;
	*) echo "$1" ;;
	esac
}

start() {
	bin=$(bindir)
	PGUSER_OS=$(osuser)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/tawsim-pg.XXXXXX")
	chmod 755 "$dir"
	[ "$(id -u)" -eq 0 ] && chown "$PGUSER_OS" "$dir"
	if ! as "$bin/initdb" -D "$dir/data" -U tawsim -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		rm -rf "$dir"
		die "initdb failed"
	fi
	# One role must give its password, so the tests can check that a
	# password never shows in messages; everyone else is trusted.
	hba="$dir/data/pg_hba.conf"
	{ echo "local all tawsim_pwcheck scram-sha-256"; cat "$hba"; } >"$hba.new" && mv "$hba.new" "$hba"
	[ "$(id -u)" -eq 0 ] && chown "$PGUSER_OS" "$hba"
	if ! as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-k $dir -c listen_addresses='' -c max_connections=200" start >/dev/null; then
		cat "$dir/server.log" >&2 2>/dev/null || true
		rm -rf "$dir"
		die "the server did not start"
	fi
	if ! as "$bin/createdb" -h "$dir" -U tawsim tawsim; then
		as "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$dir"
		die "createdb failed"
	fi
	url "$dir"
}

stop() {
	[ $# -eq 1 ] || die "usage: pg.sh stop URL|DIR"
	dir=$(dirof "$1")
	[ -f "$dir/data/PG_VERSION" ] || die "$dir holds no server started by pg.sh"
	bin=$(bindir)
	PGUSER_OS=$(stat -c %U "$dir/data")
	as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) shift; stop "$@" ;;
url) [ $# -eq 2 ] || die "usage: pg.sh url DIR"; url "$2" ;;
*) die "usage: pg.sh start | url DIR | stop URL" ;;
esac
