#!/usr/bin/env bash
# samecheck.bash [BASE]: checks that `chronicle extract --format json` prints byte-identical
# output when built from the working tree and from revision BASE (default HEAD): over
# ../shared/examples/*.txt, examples/ and the first 2,000 Reuters-21578 bodies (as JSON Lines).
# Use it for changes meant to keep every output the same (speed work). Needs ../shared.
# It also prints the wall time of GOMAXPROCS=1 extract over the Reuters bodies for both builds.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-HEAD}
tmp=$(mktemp -d /tmp/samecheck.XXXXXX)
wt="$tmp/wt"
cleanup() { git worktree remove --force "$wt" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
if [ ! -d ../shared/data/reuters21578 ]; then
	echo "samecheck: ../shared/data/reuters21578 not found" >&2; exit 1
fi
git worktree add --detach "$wt" "$base" >/dev/null 2>&1
(cd "$wt" && go build -o "$tmp/base" ./cmd/chronicle)
go build -o "$tmp/new" ./cmd/chronicle
go run ./internal/reuters/tojsonl -n 2000 > "$tmp/r2000.jsonl"
status=0
for bin in base new; do
	"$tmp/$bin" extract --format json ../shared/examples/*.txt > "$tmp/$bin.shared"
	"$tmp/$bin" extract --format json examples/ > "$tmp/$bin.examples"
	GOMAXPROCS=1 "$tmp/$bin" extract --format json "$tmp/r2000.jsonl" > "$tmp/$bin.reuters"
done
for out in shared examples reuters; do
	if cmp -s "$tmp/base.$out" "$tmp/new.$out"; then
		echo "same: $out ($(wc -l < "$tmp/new.$out") lines)"
	else
		echo "DIFFERENT: $out"; diff "$tmp/base.$out" "$tmp/new.$out" | head -5; status=1
	fi
done
for bin in base new; do
	s=$(date +%s.%N); GOMAXPROCS=1 "$tmp/$bin" extract --format json "$tmp/r2000.jsonl" > /dev/null; e=$(date +%s.%N)
	echo "$bin: $(echo "$e - $s" | bc) s"
done
exit $status
