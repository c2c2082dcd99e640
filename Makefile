# The two commands of the README: `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
PORT ?= 8000

.PHONY: run test test-tools system-packages build release

## Run the server on the embedded in-memory store and local-disk photos, on http://localhost:$(PORT).
run: system-packages
	DEBUG=$${DEBUG:-true} PORT=$(PORT) HOST=$${HOST:-0.0.0.0} swift run mq-server serve

## Run every test: domain, persistence (on a throwaway PostgreSQL cluster), storage and HTTP suites.
test: test-tools
	scripts/with-test-services.sh swift test --disable-xctest

## What the build and tests need: libpq's headers, a PostgreSQL server, PyJWT (our tokens and the old
## backend's are interchangeable), botocore (presigned-URL vectors) and moto_server (an S3 to upload to).
test-tools: system-packages
	@python3 -m pip --version >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends python3-pip; }
	@python3 -c "import jwt, boto3, moto.server, flask_cors" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pyjwt boto3 'moto[server]'

system-packages:
	@dpkg -s libpq-dev postgresql pkg-config curl >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends libpq-dev postgresql pkg-config curl; }

build:
	swift build

release:
	swift build -c release --product mq-server
