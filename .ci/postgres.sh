#!/usr/bin/env bash
# Starts a private PostgreSQL server for the store tests (package postgres and the CLI's
# PostgreSQL tests) and exports CHRONICLE_TEST_POSTGRES, the DSN they read. Source it:
#
#	. .ci/postgres.sh && pg_start [--install]
#
# pg_start uses Debian's PostgreSQL (/usr/lib/postgresql/N/bin); with --install it installs the
# postgresql package first when it is missing. The cluster lives in a temporary directory, listens
# on 127.0.0.1 only, on a fixed port (CHRONICLE_PG_PORT, default 55432), and is tuned for tests
# (no fsync). pg_stop stops it and removes the directory. Without PostgreSQL nothing is
# exported and the tests skip, saying why.

pg_bin() {
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_start() {
	local bin port dir run
	bin=$(pg_bin)
	if [ -z "$bin" ] && [ "${1:-}" = "--install" ]; then
		echo "== installing PostgreSQL (Debian package postgresql)"
		local sudo=""
		[ "$(id -u)" != 0 ] && sudo="sudo"
		export DEBIAN_FRONTEND=noninteractive
		$sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null || true
		bin=$(pg_bin)
	fi
	if [ -z "$bin" ]; then
		echo "== PostgreSQL is not installed: the PostgreSQL store tests will skip"
		return 0
	fi
	port=${CHRONICLE_PG_PORT:-55432}
	dir=$(mktemp -d /tmp/chronicle-pg.XXXXXX)
	run=""
	if [ "$(id -u)" = 0 ]; then
		# initdb refuses to run as root: the cluster belongs to the postgres user.
		id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
		chown postgres "$dir"
		run="runuser -u postgres --"
	fi
	if ! $run "$bin/initdb" -D "$dir/data" -U chronicle --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
		echo "== initdb failed; the PostgreSQL store tests will skip:"; cat "$dir/initdb.log"
		rm -rf "$dir"
		return 0
	fi
	if ! $run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null; then
		echo "== PostgreSQL did not start; the PostgreSQL store tests will skip:"; cat "$dir/server.log"
		rm -rf "$dir"
		return 0
	fi
	"$bin/createdb" -h 127.0.0.1 -p "$port" -U chronicle chronicle_test
	export CHRONICLE_PG_DIR="$dir" CHRONICLE_PG_RUN="$run" CHRONICLE_PG_BIN="$bin"
	export CHRONICLE_TEST_POSTGRES="postgres://chronicle@127.0.0.1:$port/chronicle_test?sslmode=disable"
	echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port: CHRONICLE_TEST_POSTGRES=$CHRONICLE_TEST_POSTGRES"
}

pg_stop() {
	if [ -n "${CHRONICLE_PG_DIR:-}" ] && [ -d "$CHRONICLE_PG_DIR" ]; then
		$CHRONICLE_PG_RUN "$CHRONICLE_PG_BIN/pg_ctl" -D "$CHRONICLE_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$CHRONICLE_PG_DIR"
	fi
}
