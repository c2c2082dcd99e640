#!/usr/bin/env bash
# Vacuums the benchmark database named by $1 until its seeded tables are all-visible, on the cluster named
# by MQ_TEST_DB_HOST, MQ_TEST_DB_PORT and MQ_TEST_DB_USER (scripts/with-test-services.sh sets them).
#
# Autovacuum's own ANALYZE of the fresh tables can hold back a VACUUM's horizon and leave the visibility
# map empty, so every index-only scan reads the heap, which a live database (kept by autovacuum) does not.
set -euo pipefail
psql=(psql -h "$MQ_TEST_DB_HOST" -p "$MQ_TEST_DB_PORT" -U "$MQ_TEST_DB_USER" -v ON_ERROR_STOP=1 -q -d "${1:?database}")
for _ in 1 2 3 4 5; do
  "${psql[@]}" -c "VACUUM ANALYZE" >/dev/null
  [ "$("${psql[@]}" -At -c "SELECT bool_and(relallvisible >= relpages) FROM pg_class
    WHERE relname IN ('core_user', 'core_visit', 'core_friendrequest')")" = t ] && exit 0
  sleep 1
done
