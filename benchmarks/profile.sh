#!/usr/bin/env bash
# Counts instructions per request with valgrind's callgrind (reproducible, unlike timings): starts a
# release build of mq-server under callgrind on PostgreSQL or on the in-memory store, sends REQUESTS
# requests of one scenario after a warm-up, and prints the functions with the most inclusive and
# self instructions, and the total per request.
#
#   benchmarks/profile.sh me|locations|checkin|feed|friends|global [postgres|memory]     # REQUESTS=2000 by default
#
# On memory only `locations` applies (the players and tokens live in the benchmark database). LOG_LEVEL and
# LOG_FORMAT pass through (error and text by default), to price the log line.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MQ_TEST_DB_HOST:-}" ]; then exec scripts/with-test-services.sh "$0" "$@"; fi
scenario=${1:?me, locations, checkin, feed, friends or global}
store=${2:-postgres}
REQUESTS=${REQUESTS:-2000}
command -v valgrind >/dev/null || { apt-get update && apt-get install -y --no-install-recommends valgrind; }
# The image's build with symbols but no DWARF (valgrind cannot read the static binary's): the same objects, so
# only the link is repeated.
swift build -c release --product mq-server --static-swift-stdlib -Xlinker --strip-debug >&2
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/mq-server"
work=$(mktemp -d /tmp/mq-profile.XXXXXX)
server_pid=""
psql=(psql -h "$MQ_TEST_DB_HOST" -p "$MQ_TEST_DB_PORT" -U "$MQ_TEST_DB_USER" -v ON_ERROR_STOP=1 -q)
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS mq_profile WITH (FORCE)" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS mq_profile WITH (FORCE)" -c "CREATE DATABASE mq_profile" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SECRET_KEY=benchmark-secret-key DB_HOST="$MQ_TEST_DB_HOST" DB_PORT="$MQ_TEST_DB_PORT" DB_NAME=mq_profile \
  DB_USER="$MQ_TEST_DB_USER" DB_SSLMODE=disable LOG_LEVEL="${LOG_LEVEL:-error}" LOG_FORMAT="${LOG_FORMAT:-text}" ALLOWED_HOSTS="*" HOST=127.0.0.1 PORT="$port" \
  MEDIA_ROOT="$work/media" RATE_LIMIT_PER_ADDRESS=100000000
"$bin" migrate >/dev/null
"$bin" seed-locations >/dev/null
python3 benchmarks/make-players.py 5000 "$work/tokens" "$SECRET_KEY" | "${psql[@]}" -d mq_profile
"${psql[@]}" -d mq_profile -At -c 'SELECT "locationId" FROM core_location' > "$work/locations"
# The feed and the leaderboards ask as players 1000 and up: 50 friends each, with visits.
case $scenario in feed | friends | global)
  "${psql[@]}" -d mq_profile -v players=5000 -v first=1000 -f benchmarks/seed-social.sql >/dev/null
  benchmarks/vacuum-seeded.sh mq_profile ;;
esac
[ "$store" = memory ] && unset DB_HOST

valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$bin" serve >"$work/server.out" 2>"$work/valgrind.log" & server_pid=$!
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/health/" >/dev/null 2>&1 && break; sleep 0.2; done
base="http://127.0.0.1:$port"
python3 - "$scenario" "$base" "$work/tokens" "$work/locations" "$REQUESTS" <<'PY'
import http.client, sys, urllib.parse
scenario, base, tokens_path, locations_path, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
tokens = open(tokens_path).read().split()
locations = open(locations_path).read().split()
host = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(host.hostname, host.port, timeout=600)
def send(index):
    if scenario == "me":
        connection.request("GET", "/api/users/me/", headers={"Authorization": "Bearer " + tokens[index % len(tokens)]})
    elif scenario == "locations":
        connection.request("GET", "/api/locations/")
    elif scenario in ("feed", "friends", "global"):
        path = {"feed": "/api/feed/", "friends": "/api/leaderboard/?scope=friends", "global": "/api/leaderboard/"}[scenario]
        connection.request("GET", path, headers={"Authorization": "Bearer " + tokens[1000 + index % (len(tokens) - 1000)]})
    else:
        player, landmark = divmod(index, len(locations))
        connection.request("POST", f"/api/locations/{locations[landmark]}/visit/", body='{"note": "profile"}',
                           headers={"Authorization": "Bearer " + tokens[player % len(tokens)], "Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    assert response.status < 300, response.status
for index in range(200):
    send(index)
import subprocess
subprocess.run(["callgrind_control", "--zero"], check=True, capture_output=True)
for index in range(200, 200 + count):
    send(index)
subprocess.run(["callgrind_control", "--dump"], check=True, capture_output=True)
PY
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
out="$work/callgrind.out.1"   # the dump taken after the measured requests; callgrind.out is the shutdown
cp "$out" "${PROFILE_OUT:-/tmp/mq-$scenario-$store.callgrind}"
total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}')
echo "$scenario on $store: $total instructions for $REQUESTS requests, $((total / REQUESTS)) per request"
echo "--- inclusive (the raw profile is in ${PROFILE_OUT:-/tmp/mq-$scenario-$store.callgrind})"
callgrind_annotate --threshold=100 --inclusive=yes "$out" 2>/dev/null | grep -E '^ *[0-9,]+ +\( *[0-9.]+%\)' | head -45 | swift demangle --simplified | cut -c1-220
echo "--- self"
callgrind_annotate --threshold=100 "$out" 2>/dev/null | grep -E '^ *[0-9,]+ +\( *[0-9.]+%\)' | head -45 | swift demangle --simplified | cut -c1-220
