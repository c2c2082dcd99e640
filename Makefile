# The two commands of the README: `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
PORT ?= 8000

.PHONY: run test test-tools build release

## Run the server on the embedded in-memory store and local-disk photos, on http://localhost:$(PORT).
run:
	DEBUG=$${DEBUG:-true} PORT=$(PORT) HOST=$${HOST:-0.0.0.0} swift run mq-server serve

## Run every test: domain, storage and HTTP suites.
test: test-tools
	swift test --disable-xctest

## What the tests call out to: PyJWT proves our tokens and the old backend's are interchangeable.
test-tools:
	@command -v python3 >/dev/null || { apt-get update && apt-get install -y python3 python3-pip; }
	@python3 -c "import jwt" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pyjwt

build:
	swift build

release:
	swift build -c release --product mq-server
