# syntax=docker/dockerfile:1.7
# mq-server's container image: docker build -t mq-server . (see docs/operations.md)

ARG SWIFT_IMAGE=swift:6.3.1-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim
ARG RDS_CA_BUNDLE_SHA256

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
RUN swift package resolve
# Every folder the manifest names a target in: SwiftPM checks them all before it builds one product.
COPY Sources ./Sources
COPY Plugins ./Plugins
COPY Tools ./Tools
COPY Examples ./Examples
COPY Tests ./Tests
COPY scripts/build-release.sh ./scripts/
RUN scripts/build-release.sh /out

FROM ${RUNTIME_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin mq
# Amazon RDS's certificate authorities, for DB_SSLMODE=verify-full, pinned by checksum: the build fails
# unless the bundle is byte for byte the one whose SHA-256 the release pipeline passes (docs/security.md).
ARG RDS_CA_BUNDLE_SHA256
ADD --chmod=644 --checksum=sha256:${RDS_CA_BUNDLE_SHA256} https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
COPY --from=build /out/ /app/
WORKDIR /app
USER 10001:10001
ENV HOST=0.0.0.0 \
    PORT=8000 \
    LOG_FORMAT=json \
    DB_SSLMODE=verify-full \
    DB_SSLROOTCERT=/etc/ssl/certs/rds-global-bundle.pem \
    MEDIA_ROOT=/tmp/media
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 CMD ["/app/mq-server", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/mq-server"]
CMD ["serve"]
