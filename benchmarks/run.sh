#!/usr/bin/env bash
# Benchmarks a release build of mq-server on PostgreSQL, on this machine, and prints one table:
# requests/s and p50/p99 latency per scenario, the server's peak resident memory, and two ceilings
# measured in the same run — pgbench -S -M prepared (the database alone) and GET / (the server alone).
#
#   benchmarks/run.sh                      # DURATION=10 CONNECTIONS=64 PLAYERS=100000 by default
#
# Every player has 50 friends; players from SOCIAL_FIRST (20,000) on have 5 visits each, so the feed and
# the friends leaderboard run on a realistic graph while the first-visit scenario still finds first visits.
#
# It starts its own throwaway PostgreSQL cluster (scripts/with-test-services.sh) and stops everything
# it started. Only loopback addresses are used.
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

echo "building release…" >&2
swift build -c release --product mq-server >&2
bin="$(swift build -c release --show-bin-path)/mq-server"
work=$(mktemp -d /tmp/mq-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

psql=(psql -h "$MQ_TEST_DB_HOST" -p "$MQ_TEST_DB_PORT" -U "$MQ_TEST_DB_USER" -v ON_ERROR_STOP=1 -q)
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
"${psql[@]}" -d mq_bench -c "VACUUM ANALYZE" >/dev/null

"$bin" serve & server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health/" >/dev/null && break; sleep 0.1; done

export WRK_DIR="$PWD/benchmarks/wrk" TOKENS_FILE="$work/tokens" LOCATIONS_FILE="$work/locations" WRK_THREADS=$THREADS \
  SOCIAL_FIRST
base="http://127.0.0.1:$port"
declare -A rps p50 p99 errors
run() { # name, connections, script, path
  local line
  line=$(wrk -t"$THREADS" -c"$2" -d"${DURATION}s" -s "benchmarks/wrk/$3" "$base$4" | grep '^RESULT')
  rps[$1]=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
  p50[$1]=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")
  p99[$1]=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")
  errors[$1]=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")
  echo "  $1: $line" >&2
}

echo "running scenarios ($DURATION s each, $CONNECTIONS connections)…" >&2
run "GET / (server ceiling)" "$CONNECTIONS" plain.lua /
run "GET /api/locations/" "$CONNECTIONS" plain.lua /api/locations/
run "GET /api/users/me/" "$CONNECTIONS" me.lua /api/users/me/
run "POST …/visit/ (first visits)" "$CONNECTIONS" first-visits.lua /
run "mixed app session" "$CONNECTIONS" session.lua /
run "GET /api/feed/" "$CONNECTIONS" social.lua /api/feed/
run "GET /api/leaderboard/?scope=friends" "$CONNECTIONS" social.lua "/api/leaderboard/?scope=friends"
run "GET /api/leaderboard/ (global)" "$CONNECTIONS" social.lua /api/leaderboard/

wrk -t1 -c32 -d"$((DURATION + 2))s" -s benchmarks/wrk/login.lua "$base/auth/login/" > "$work/logins" &
logins_pid=$!
sleep 1
run "GET /api/locations/ during 32 logins" 16 plain.lua /api/locations/
wait "$logins_pid"
login_line=$(grep '^RESULT' "$work/logins")
rps["POST /auth/login/ (32 at once)"]=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$login_line")
p50["POST /auth/login/ (32 at once)"]=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$login_line")
p99["POST /auth/login/ (32 at once)"]=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$login_line")
errors["POST /auth/login/ (32 at once)"]=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$login_line")

peak_kib=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

echo "running pgbench -S -M prepared…" >&2
pgbench -h "$MQ_TEST_DB_HOST" -p "$MQ_TEST_DB_PORT" -U "$MQ_TEST_DB_USER" -i -s 10 -q pgbench >/dev/null 2>&1
pgbench_tps=$(pgbench -h "$MQ_TEST_DB_HOST" -p "$MQ_TEST_DB_PORT" -U "$MQ_TEST_DB_USER" -S -M prepared -c "$CONNECTIONS" -j "$THREADS" \
  -T "$DURATION" pgbench 2>/dev/null | awk '/^tps/ {print $3; exit}')

printf '\n%-38s %10s %9s %9s %7s\n' "scenario" "req/s" "p50 ms" "p99 ms" "errors"
for name in "GET / (server ceiling)" "GET /api/locations/" "GET /api/users/me/" "POST …/visit/ (first visits)" \
            "mixed app session" "GET /api/feed/" "GET /api/leaderboard/?scope=friends" "GET /api/leaderboard/ (global)" \
            "POST /auth/login/ (32 at once)" "GET /api/locations/ during 32 logins"; do
  printf '%-38s %10s %9s %9s %7s\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "${errors[$name]}"
done
printf '%-38s %10s\n' "pgbench -S -M prepared (tps)" "$pgbench_tps"
printf '\npeak RSS of the server: %.1f MiB\n' "$(echo "$peak_kib / 1024" | bc -l)"
printf 'feed p99 %s ms, friends leaderboard p99 %s ms (target < 20 ms each at %s connections, %s players × 50 friends)\n' \
  "${p99["GET /api/feed/"]}" "${p99["GET /api/leaderboard/?scope=friends"]}" "$CONNECTIONS" "$PLAYERS"
printf 'GET /api/users/me/ ÷ pgbench -S: %.2f (target ≥ 0.5)\n' "$(echo "${rps["GET /api/users/me/"]} / $pgbench_tps" | bc -l)"
