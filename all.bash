#!/usr/bin/env bash
# Runs every check: formatting, vet, build, and the tests (the README's test command).
set -euo pipefail
cd "$(dirname "$0")"

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== build (CGO_ENABLED=0)"
CGO_ENABLED=0 go build -o /dev/null ./cmd/chronicle

# The PostgreSQL store tests need a server: start a private one (.ci/postgres.sh) unless
# CHRONICLE_TEST_POSTGRES names one already; without PostgreSQL they skip, saying so.
if [ -z "${CHRONICLE_TEST_POSTGRES:-}" ]; then
	. .ci/postgres.sh
	pg_start ${CHRONICLE_PG_INSTALL:+--install}
	trap pg_stop EXIT
fi

echo "== tests"
go test ./...
