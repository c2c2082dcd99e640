#!/usr/bin/env bash
# Runs the Swift suites (arguments go to `swift test`). When a test fails, every failed expectation is
# repeated at the very end of the output, where a CI log's tail shows it.
set -uo pipefail
log=$(mktemp)
swift test --disable-xctest "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" != 0 ]; then
  echo "---- what failed (repeated from above) ----"
  grep -aE "✘|error:|Fatal error|Test .* failed" "$log" | tail -80
fi
rm -f "$log"
exit "$status"
