#!/usr/bin/env bash
# The release build the container image ships (the Dockerfile runs exactly this): optimised, with the
# Swift runtime and Foundation linked statically so the image needs only libpq5 at run time, and
# stripped. Resources are compiled in, so the binary is the whole server. Copies it to OUT (default
# .build-image) and prints the size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build-image}
swift build -c release --product mq-server --static-swift-stdlib -Xlinker --strip-all
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)
mkdir -p "$out"
cp "$bin/mq-server" "$out/mq-server"
echo "mq-server: $(du -h "$out/mq-server" | cut -f1) ($(stat -c %s "$out/mq-server") bytes)"
