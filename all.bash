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

echo "== tests"
go test ./...
