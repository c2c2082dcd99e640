# The two commands of the README: `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
PORT ?= 8000

.PHONY: run test test-tools system-packages build release simulate lint

## Run the server on the embedded in-memory store and local-disk photos, on http://localhost:$(PORT).
run: system-packages
	DEBUG=$${DEBUG:-true} PORT=$(PORT) HOST=$${HOST:-0.0.0.0} ADMIN_ENABLED=$${ADMIN_ENABLED:-true} \
	ADMIN_EMAIL=$${ADMIN_EMAIL:-staff@maplequest.local} ADMIN_PASSWORD=$${ADMIN_PASSWORD:-maple-staff-console} swift run mq-server serve

## Run every test: the Swift suites (domain, persistence on a throwaway PostgreSQL cluster, storage
## against moto_server, HTTP, the server), the player simulator, then the deployment's (template invariants, cfn-lint, checkov,
## and the container image's build steps).
test: test-tools lint
	scripts/with-test-services.sh sh -c 'scripts/swift-test.sh && $(MAKE) --no-print-directory simulate && python3 -m pytest -q deploy/tests'

## The code's layout as .swift-format describes it; `swift format -i -r Sources Tests Examples Package.swift` fixes it.
lint:
	swift format lint --strict -r --parallel Sources Tests Examples Plugins Tools Package.swift

## Embedding the domain: a season of play on MQDomain alone (Examples/player-simulator); fails if a rule broke.
simulate:
	swift build --product mq-player-simulator
	"$$(swift build --show-bin-path)/mq-player-simulator" 40 7 > /dev/null

## What the build and tests need: libpq's headers, a PostgreSQL server, PyJWT (our tokens and the old
## backend's are interchangeable), botocore (presigned-URL vectors), moto_server (an S3 to upload to),
## pytest, cfn-lint, schemathesis and openapi-spec-validator (the published contract), opentelemetry-proto
## (to read the spans an OTLP receiver in the tests is sent), Chromium, its driver and Selenium (the staff
## console is tested in a real browser), and checkov in a
## virtualenv of its own (its pins would fight the others).
test-tools: system-packages
	@dpkg -s chromium chromium-driver >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver; }
	@python3 -m pip --version >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends python3-pip; }
	@python3 -c "import jwt, boto3, moto.server, flask_cors, pytest, yaml, cfnlint, schemathesis, openapi_spec_validator, opentelemetry.proto, selenium" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pyjwt boto3 'moto[server]' pytest pyyaml cfn-lint schemathesis openapi-spec-validator opentelemetry-proto selenium
	@[ -x .build-tools/checkov/bin/checkov ] || { python3 -m venv .build-tools/checkov && .build-tools/checkov/bin/pip install --quiet --disable-pip-version-check checkov; }

system-packages:
	@dpkg -s libpq-dev postgresql openssl pkg-config curl python3-venv >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends libpq-dev postgresql openssl pkg-config curl python3-venv; }

build:
	swift build

release:
	swift build -c release --product mq-server
