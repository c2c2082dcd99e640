#!/usr/bin/env bash
# Benchmarks a release build of mq-server on PostgreSQL, on this machine, and prints one table:
# requests/s, p50/p99 latency, errors and CPU per request (the server's and PostgreSQL's) per scenario,
# the p99 target restated as CPU per request, the server's peak resident memory, and the
# ceilings measured in the same run — pgbench -S and -N -M prepared (the database alone), GET / (the
# server alone), the cost of production logging (LOG_LEVEL=info LOG_FORMAT=json against error), the
# same map read on the in-memory store, and a peer: a minimal Hummingbird + PostgresNIO server answering
# the same /me (benchmarks/peer-postgresnio, its own package). Every ratio printed compares medians of
# LOG_PAIRS alternating turns, so both sides meet the same machine: one run of each, minutes apart,
# differ by more than what is compared (/me alone moved from 10 k to 15 k req/s within one run here).
#
#   benchmarks/run.sh                      # DURATION=10 CONNECTIONS=64 PLAYERS=100000 by default
#   DURATION=2 PLAYERS=2000 PEER=0 LOG_PAIRS=1 benchmarks/run.sh   # the smoke form make test runs
#
# MQ_SERVER_BIN names a release binary already built (make test passes the image's); otherwise one is
# built. PEER=0 skips building and measuring the peer. The script fails if any scenario had an error
# or a non-2xx answer, and only then: figures are printed against their targets, never asserted.
#
# BURST_CONNECTIONS (1,024) players then open the feed at once, on a server of their own: more than the
# pipeline holds unanswered, so most wait their turn, and none may be refused.
#
# Every player has 50 friends; players from SOCIAL_FIRST (a fifth of them) on have 5 visits each, so the
# feed and the friends leaderboard run on a realistic graph while the first-visit scenario still finds
# first visits.
#
# It starts its own throwaway PostgreSQL cluster (scripts/with-test-services.sh) unless one is already
# given, and stops everything it started. Only loopback addresses are used.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MQ_TEST_DB_HOST:-}" ]; then exec scripts/with-test-services.sh "$0" "$@"; fi

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
PLAYERS=${PLAYERS:-100000}
SOCIAL_FIRST=$((PLAYERS / 5))
THREADS=2
command -v wrk >/dev/null || { apt-get update && apt-get install -y --no-install-recommends wrk; }
python3 -c "import jwt" 2>/dev/null || python3 -m pip install --quiet pyjwt

if [ -n "${MQ_SERVER_BIN:-}" ]; then
  bin=$MQ_SERVER_BIN
else
  echo "building release…" >&2
  swift build -c release --product mq-server --static-swift-stdlib >&2
  bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/mq-server"
fi
PEER=${PEER:-1}
peer_bin=""
if [ "$PEER" = 1 ]; then
  echo "building the PostgresNIO peer…" >&2
  swift build -c release --package-path benchmarks/peer-postgresnio >&2
  peer_bin="$(swift build -c release --package-path benchmarks/peer-postgresnio --show-bin-path)/peer-server"
fi
work=$(mktemp -d /tmp/mq-bench.XXXXXX)
server_pid=""
psql=(psql -h "$MQ_TEST_DB_HOST" -p "$MQ_TEST_DB_PORT" -U "$MQ_TEST_DB_USER" -v ON_ERROR_STOP=1 -q)
drop_databases() { "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS mq_bench WITH (FORCE)" -c "DROP DATABASE IF EXISTS pgbench WITH (FORCE)" >/dev/null; }
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  drop_databases || true
  rm -rf "$work"
}
trap cleanup EXIT

drop_databases
"${psql[@]}" -d postgres -c "CREATE DATABASE mq_bench" -c "CREATE DATABASE pgbench" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SECRET_KEY=benchmark-secret-key DB_HOST="$MQ_TEST_DB_HOST" DB_PORT="$MQ_TEST_DB_PORT" DB_NAME=mq_bench \
  DB_USER="$MQ_TEST_DB_USER" DB_SSLMODE=disable LOG_LEVEL=error ALLOWED_HOSTS='*' HOST=127.0.0.1 PORT="$port" \
  MEDIA_ROOT="$work/media"
# One load generator on one address stands for thousands of players: lift the per-address and per-account
# limits, which would otherwise (rightly) throttle it.
export RATE_LIMIT_PER_ADDRESS=100000000 REFRESHES_PER_ACCOUNT=100000000
"$bin" migrate >/dev/null
"$bin" seed-locations >/dev/null
echo "creating $PLAYERS players…" >&2
python3 benchmarks/make-players.py "$PLAYERS" "$work/tokens" "$SECRET_KEY" | "${psql[@]}" -d mq_bench
echo "giving each player 50 friends and visits…" >&2
"${psql[@]}" -d mq_bench -v players="$PLAYERS" -v first="$SOCIAL_FIRST" -f benchmarks/seed-social.sql >/dev/null
"${psql[@]}" -d mq_bench -At -c 'SELECT "locationId" FROM core_location' > "$work/locations"
benchmarks/vacuum-seeded.sh mq_bench

# start COMMAND…: runs a server in the background until it answers on $port.
start() {
  "$@" >>"$work/server.out" 2>>"$work/server.err" & server_pid=$!
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/health/" >/dev/null 2>&1 && return
    curl -s -o /dev/null "http://127.0.0.1:$port/api/users/me/" 2>/dev/null && return
    sleep 0.1
  done
  echo "the server did not start" >&2; cat "$work/server.err" >&2; exit 1
}
peak_rss() { awk '/VmHWM/ {print $2}' "/proc/$server_pid/status"; }
stop() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

export WRK_DIR="$PWD/benchmarks/wrk" TOKENS_FILE="$work/tokens" LOCATIONS_FILE="$work/locations" WRK_THREADS=$THREADS \
  SOCIAL_FIRST
base="http://127.0.0.1:$port"
declare -A rps p50 p99 errors server_us database_us
record() { # name, RESULT line
  rps[$1]=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$2")
  p50[$1]=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$2")
  p99[$1]=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$2")
  errors[$1]=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$2")
  echo "  $1: $2" >&2
}
# Where a scenario's CPU goes: the server's process and PostgreSQL's (the postmaster and its children, when
# the cluster is the one with-test-services.sh started here), in clock ticks from /proc, so each scenario
# says how many microseconds of CPU a request cost each side. wrk's own share is the rest of the machine.
ticks_per_second=$(getconf CLK_TCK)
postmaster=$(head -n1 "${MQ_TEST_PGDATA:-/nonexistent}/postmaster.pid" 2>/dev/null || true)
ticks() { # PID [children]: the CPU ticks of PID, and of its children too when asked
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v p="$1" -v children="${2:-}" '
    { i = index($0, ") "); split(substr($0, i + 2), f, " "); if ($1 == p || (children && f[2] == p)) s += f[12] + f[13] }
    END { print s + 0 }'
}
server_ticks() { ticks "$server_pid"; }
database_ticks() { if [ -n "$postmaster" ]; then ticks "$postmaster" children; else echo 0; fi; }
per_request_us() { # ticks, RESULT line
  awk -v t="$1" -v hz="$ticks_per_second" -v n="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$2")" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1000000 / hz / n; else printf "-" }'
}
run() { # name, connections, script, path, [more wrk options…]
  local server0 database0 result
  server0=$(server_ticks) database0=$(database_ticks)
  result=$(wrk -t"$THREADS" -c"$2" -d"${DURATION}s" "${@:5}" -s "benchmarks/wrk/$3" "$base$4" | grep '^RESULT' || echo 'RESULT rps=0 p50_ms=0 p99_ms=0 requests=0 errors=1')
  server_us[$1]=$(per_request_us $(($(server_ticks) - server0)) "$result")
  database_us[$1]="-"
  [ -n "$postmaster" ] && database_us[$1]=$(per_request_us $(($(database_ticks) - database0)) "$result")
  record "$1" "$result cpu_us_server=${server_us[$1]} cpu_us_database=${database_us[$1]}"
}

echo "running scenarios ($DURATION s each, $CONNECTIONS connections)…" >&2
start "$bin" serve
run "GET / (server ceiling)" "$CONNECTIONS" plain.lua /
run "GET /api/locations/" "$CONNECTIONS" plain.lua /api/locations/
run "GET /api/locations/ (304)" "$CONNECTIONS" revalidate.lua /api/locations/
run "GET /api/users/me/" "$CONNECTIONS" me.lua /api/users/me/
run "POST …/visit/ (first visits)" "$CONNECTIONS" first-visits.lua /
run "mixed app session" "$CONNECTIONS" session.lua /
run "GET /api/feed/" "$CONNECTIONS" social.lua /api/feed/
run "GET /api/leaderboard/?scope=friends" "$CONNECTIONS" social.lua "/api/leaderboard/?scope=friends"
run "GET /api/leaderboard/ (global)" "$CONNECTIONS" social.lua /api/leaderboard/

wrk -t1 -c32 -d"$((DURATION + 2))s" --timeout 60s -s benchmarks/wrk/login.lua "$base/auth/login/" > "$work/logins" &
logins_pid=$!
sleep 1
run "GET /api/locations/ during 32 logins" 16 plain.lua /api/locations/
wait "$logins_pid"
record "POST /auth/login/ (32 at once)" "$(grep '^RESULT' "$work/logins" || echo 'RESULT rps=0 p50_ms=0 p99_ms=0 errors=1')"
peak_kib=$(peak_rss)
stop

# A burst: BURST_CONNECTIONS players open the feed at once, more than the pipeline holds unanswered
# (16 statements on each of its 2 connections). The rest wait their turn (DB_ACQUIRE_TIMEOUT) instead of
# being refused, so this counts any 503 as an error; wrk waits up to 30 s for an answer. On a server of
# its own, so that its thousand connections' buffers stay out of the peak RSS at $CONNECTIONS above.
BURST_CONNECTIONS=${BURST_CONNECTIONS:-1024}
files=$(ulimit -n)
if [ "$files" != unlimited ] && [ "$BURST_CONNECTIONS" -gt $((files - 128)) ]; then BURST_CONNECTIONS=$((files - 128)); fi
burst="GET /api/feed/ ($BURST_CONNECTIONS connections)"
start "$bin" serve
run "$burst" "$BURST_CONNECTIONS" social.lua /api/feed/ --timeout 30s
burst_kib=$(peak_rss)
stop

# The price of production logging, from alternating runs: one run of each level differs by the machine's
# noise (±15 % here), more than the price itself, so LOG_PAIRS servers of each level take turns and the
# medians are compared. The in-memory store's map read, the PostgresNIO peer and pgbench -S (the ceilings
# the map and /me are compared with) take their turns in the same rounds, for the same reason.
LOG_PAIRS=${LOG_PAIRS:-3}
pgbench -h "$MQ_TEST_DB_HOST" -p "$MQ_TEST_DB_PORT" -U "$MQ_TEST_DB_USER" -i -s 10 -q pgbench >/dev/null 2>&1
pgbench_run() {
  pgbench -h "$MQ_TEST_DB_HOST" -p "$MQ_TEST_DB_PORT" -U "$MQ_TEST_DB_USER" "$1" -M prepared -c "$CONNECTIONS" -j "$THREADS" \
    -T "$DURATION" pgbench 2>/dev/null | awk '/^tps/ {print $3; exit}'
}
echo "$LOG_PAIRS alternating turns: LOG_LEVEL=error and LOG_LEVEL=info LOG_FORMAT=json (to a file), the map on the in-memory store, the PostgresNIO peer and pgbench -S…" >&2
for turn in $(seq 1 "$LOG_PAIRS"); do
  for level in error info; do
    start env LOG_LEVEL=$level LOG_FORMAT=json "$bin" serve
    run "GET /api/locations/ ($level logs, turn $turn)" "$CONNECTIONS" plain.lua /api/locations/
    run "GET /api/users/me/ ($level logs, turn $turn)" "$CONNECTIONS" me.lua /api/users/me/
    stop
  done
  # The same map read on the in-memory store takes its turn beside them, for the PostgreSQL ÷ memory ratio.
  start env -u DB_HOST "$bin" serve
  run "GET /api/locations/ (memory store, turn $turn)" "$CONNECTIONS" plain.lua /api/locations/
  stop
  # And /me's two ceilings, for the ratios against the error-level /me turns.
  if [ -n "$peer_bin" ]; then
    start "$peer_bin"
    run "GET /api/users/me/ (PostgresNIO peer, turn $turn)" "$CONNECTIONS" me.lua /api/users/me/
    stop
  fi
  tps=$(pgbench_run -S)
  record "pgbench -S -M prepared (tps, turn $turn)" "RESULT rps=${tps:-0} p50_ms=0 p99_ms=0 errors=$([ -n "$tps" ] && echo 0 || echo 1)"
done
# summarise NAME: the turns' median rate, their worst p99 and their errors, under NAME.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
summarise() {
  local turns=() servers=() databases=() worst=0 failures=0 turn
  for turn in $(seq 1 "$LOG_PAIRS"); do
    turns+=("${rps["$1, turn $turn)"]}")
    servers+=("${server_us["$1, turn $turn)"]:--}")
    databases+=("${database_us["$1, turn $turn)"]:--}")
    worst=$(awk -v a="$worst" -v b="${p99["$1, turn $turn)"]}" 'BEGIN { print (b > a ? b : a) }')
    failures=$((failures + ${errors["$1, turn $turn)"]}))
  done
  rps["$1)"]=$(printf '%s\n' "${turns[@]}" | median)
  server_us["$1)"]=$(printf '%s\n' "${servers[@]}" | median)
  database_us["$1)"]=$(printf '%s\n' "${databases[@]}" | median)
  [ -n "$postmaster" ] || database_us["$1)"]="-"
  p50["$1)"]="-"
  p99["$1)"]=$worst
  errors["$1)"]=$failures
}
for level in error info; do
  summarise "GET /api/locations/ ($level logs"
  summarise "GET /api/users/me/ ($level logs"
done
summarise "GET /api/locations/ (memory store"
if [ -n "$peer_bin" ]; then summarise "GET /api/users/me/ (PostgresNIO peer"; fi
summarise "pgbench -S -M prepared (tps"
pgbench_select=${rps["pgbench -S -M prepared (tps)"]}

echo "running pgbench -N -M prepared…" >&2
pgbench_update=$(pgbench_run -N)

scenarios=("GET / (server ceiling)" "GET /api/locations/" "GET /api/locations/ (304)" "GET /api/users/me/"
  "POST …/visit/ (first visits)" "mixed app session" "GET /api/feed/" "GET /api/leaderboard/?scope=friends"
  "GET /api/leaderboard/ (global)" "$burst" "POST /auth/login/ (32 at once)" "GET /api/locations/ during 32 logins"
  "GET /api/locations/ (error logs)" "GET /api/locations/ (info logs)" "GET /api/users/me/ (error logs)"
  "GET /api/users/me/ (info logs)" "GET /api/locations/ (memory store)"
  "GET /api/users/me/ (PostgresNIO peer)")
printf '\n%-40s %10s %9s %9s %7s %11s %11s\n' "scenario" "req/s" "p50 ms" "p99 ms" "errors" "server µs" "database µs"
failed=0
for name in "${scenarios[@]}"; do
  if [ -z "${rps[$name]:-}" ]; then printf '%-40s %10s\n' "$name" "not run (PEER=0)"; continue; fi
  printf '%-40s %10s %9s %9s %7s %11s %11s\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "${errors[$name]}" \
    "${server_us[$name]:--}" "${database_us[$name]:--}"
  [ "${errors[$name]}" = 0 ] || failed=1
done
printf '%-40s %10s\n' "pgbench -S -M prepared (tps)" "$pgbench_select" "pgbench -N -M prepared (tps)" "$pgbench_update"
printf '(the rows without p50 are medians of %s alternating turns; server µs and database µs: CPU per request)\n' "$LOG_PAIRS"
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
printf '\npeak RSS of the server: %s MiB at %s connections (target < 64); %s MiB through the burst of %s\n' \
  "$(ratio "$peak_kib" 1024)" "$CONNECTIONS" "$(ratio "$burst_kib" 1024)" "$BURST_CONNECTIONS"
printf 'GET /api/users/me/ ÷ pgbench -S: %s (medians of %s alternating turns; target ≥ 0.4, stretch 0.5)\n' \
  "$(ratio "${rps["GET /api/users/me/ (error logs)"]}" "$pgbench_select")" "$LOG_PAIRS"
[ -n "$peer_bin" ] && printf 'GET /api/users/me/ ÷ PostgresNIO peer: %s (medians of %s alternating turns; target ≥ 2)\n' \
  "$(ratio "${rps["GET /api/users/me/ (error logs)"]}" "${rps["GET /api/users/me/ (PostgresNIO peer)"]}")" "$LOG_PAIRS"
printf 'GET /api/locations/ on PostgreSQL ÷ on memory: %s (medians of %s alternating turns; target ≥ 0.9)\n' \
  "$(ratio "${rps["GET /api/locations/ (error logs)"]}" "${rps["GET /api/locations/ (memory store)"]}")" "$LOG_PAIRS"
printf 'first-visit check-ins ÷ pgbench -N: %s (target ≥ 0.35)\n' "$(ratio "${rps["POST …/visit/ (first visits)"]}" "$pgbench_update")"
printf 'info JSON logs keep: /me %s, /locations %s of the error-level rate (medians of %s turns each; target ≥ 0.90)\n' \
  "$(ratio "${rps["GET /api/users/me/ (info logs)"]}" "${rps["GET /api/users/me/ (error logs)"]}")" \
  "$(ratio "${rps["GET /api/locations/ (info logs)"]}" "${rps["GET /api/locations/ (error logs)"]}")" "$LOG_PAIRS"
printf 'feed p99 %s ms, friends leaderboard p99 %s ms (target < 20 ms each at %s connections, %s players × 50 friends)\n' \
  "${p99["GET /api/feed/"]}" "${p99["GET /api/leaderboard/?scope=friends"]}" "$CONNECTIONS" "$PLAYERS"
# The p99 target in CPU: with CONNECTIONS requests always in flight, the mean latency is CONNECTIONS ÷ rate
# (Little's law), so p99 < 10 ms needs more than CONNECTIONS ÷ 10 ms answers a second, and on this
# machine's cores each request can then cost at most cores × 10 ms ÷ CONNECTIONS of CPU, every process
# counted. A read whose database µs alone is above that cannot meet it however little the server spends.
cores=$(nproc)
printf 'p99 < 10 ms at %s connections needs more than %s req/s: at most %s µs of CPU per request on %s cores, server, database and wrk together\n' \
  "$CONNECTIONS" "$((CONNECTIONS * 100))" "$((cores * 10000 / CONNECTIONS))" "$cores"
for name in "GET / (server ceiling)" "GET /api/locations/" "GET /api/locations/ (304)" "GET /api/users/me/" \
  "GET /api/users/me/ (error logs)" "GET /api/users/me/ (info logs)" "GET /api/feed/" "GET /api/leaderboard/?scope=friends" \
  "GET /api/leaderboard/ (global)"; do
  printf '  %-38s p99 %7s ms  %s  (server %s µs, database %s µs a request)\n' "$name" "${p99[$name]}" \
    "$(awk -v p="${p99[$name]}" 'BEGIN { print (p < 10 ? "under 10 ms" : "over 10 ms ") }')" "${server_us[$name]:--}" "${database_us[$name]:--}"
done
if [ "$failed" = 1 ]; then echo "a scenario had errors" >&2; exit 1; fi
