#!/usr/bin/env bash
# The release build the container image ships (the Dockerfile runs exactly this): optimised, with the
# Swift runtime and Foundation linked statically so the image needs only libpq5 at run time, and
# stripped. Copies the binary and its resource bundle to OUT (default .build-image) and prints the size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build-image}
swift build -c release --product mq-server --static-swift-stdlib -Xlinker --strip-all
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)
mkdir -p "$out"
cp "$bin/mq-server" "$out/mq-server"
for bundle in "$bin"/mq-server_*.resources; do
  rm -rf "$out/$(basename "$bundle")"
  cp -R "$bundle" "$out/"
done
echo "mq-server: $(du -h "$out/mq-server" | cut -f1) ($(stat -c %s "$out/mq-server") bytes)"
