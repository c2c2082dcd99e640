#!/usr/bin/env bash
# Runs a command beside the real servers the tests use, all on 127.0.0.1 and random ports, all removed
# afterwards:
# - a throwaway PostgreSQL cluster (data directory and socket under /tmp, owned by an unprivileged user:
#   initdb refuses root): MQ_TEST_DB_HOST, MQ_TEST_DB_PORT, MQ_TEST_DB_USER, MQ_TEST_PGBIN, MQ_TEST_PGDATA.
#   It accepts TLS as RDS does (a self-signed certificate for 127.0.0.1: MQ_TEST_TLS_CERT, MQ_TEST_TLS_KEY)
#   and plain connections too, so each test chooses with its `sslmode`;
# - moto_server, an S3-compatible server: MQ_TEST_S3_ENDPOINT.
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "with-test-services: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/mq-pg.XXXXXX)
chmod 755 "$dir"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_pid=""
stop() {
  [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null
  "${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_owner[@]}" "$pgbin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$dir/tls.key" -out "$dir/tls.crt" >"$dir/openssl.log" 2>&1 || { cat "$dir/openssl.log" >&2; exit 1; }
chmod 600 "$dir/tls.key"
[ ${#as_owner[@]} -gt 0 ] && chown postgres "$dir/tls.key" "$dir/tls.crt"
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c ssl=on -c ssl_cert_file=$dir/tls.crt -c ssl_key_file=$dir/tls.key" >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
export MQ_TEST_DB_HOST=127.0.0.1 MQ_TEST_DB_PORT="$port" MQ_TEST_DB_USER=postgres MQ_TEST_PGBIN="$pgbin" MQ_TEST_PGDATA="$dir/data" \
  MQ_TEST_TLS_CERT="$dir/tls.crt" MQ_TEST_TLS_KEY="$dir/tls.key"

if command -v moto_server >/dev/null; then
  s3_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  moto_server -H 127.0.0.1 -p "$s3_port" >"$dir/moto.log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$s3_port/" >/dev/null 2>&1 && break; sleep 0.1; done
  export MQ_TEST_S3_ENDPOINT="http://127.0.0.1:$s3_port"
fi
"$@"
