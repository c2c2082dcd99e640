// swift-tools-version: 6.1
import PackageDescription

/// Maple Quest server.
///
/// Dependencies point one way: `mq-server` → `MQHTTP`, `MQPersistence`, `MQStorage`, `MQAuth`, `MQLogging`
/// → `MQDomain`, and `mq-server` → `MQTracing` (OpenTelemetry over OTLP/HTTP). `MQDomain` depends on nothing
/// but the standard library and Foundation. `MQAuth` (Django's password hashes, HS256 tokens) and
/// `MQLogging` (JSON log lines) hold no HTTP, so a tool embedding the domain can register players without
/// linking Hummingbird. The server's modules use FoundationEssentials only (`MemberImportVisibility` keeps
/// it so): full Foundation would add 42 MiB of ICU data to the binary.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "mq-server",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MQDomain", targets: ["MQDomain"]),
        .library(name: "MQAuth", targets: ["MQAuth"]),
        .executable(name: "mq-server", targets: ["mq-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        .target(name: "MQDomain", swiftSettings: strictSettings),
        .target(
            name: "MQAuth",
            dependencies: [
                "MQDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                // A dedicated thread pool for PBKDF2, and a span per hash.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MQLogging",
            dependencies: ["MQDomain", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // Proves the domain embeds on its own: a season of play on the in-memory store, built and run by `make test`.
        .executableTarget(
            name: "mq-player-simulator",
            dependencies: ["MQDomain"],
            path: "Examples/player-simulator",
            swiftSettings: strictSettings
        ),
        // OpenTelemetry traces over OTLP/HTTP, written here so the binary links FoundationEssentials only.
        .target(
            name: "MQTracing",
            dependencies: [
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "MQPersistence",
            dependencies: [
                "MQDomain", "CLibPQ",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MQStorage",
            dependencies: [
                "MQDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MQHTTP",
            dependencies: [
                "MQDomain", "MQLogging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            exclude: ["Resources"],
            swiftSettings: strictSettings,
            plugins: ["EmbedResources"]
        ),
        .executableTarget(
            name: "mq-server",
            dependencies: [
                "MQDomain", "MQHTTP", "MQPersistence", "MQStorage", "MQAuth", "MQLogging", "MQTracing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["Resources"],
            swiftSettings: strictSettings,
            plugins: ["EmbedResources"]
        ),
        // Resource files compiled into their module (no `Bundle`, so the binary links FoundationEssentials only);
        // an OpenAPI document in YAML is embedded as JSON too.
        .executableTarget(
            name: "mq-embed-resources",
            dependencies: [.product(name: "Yams", package: "Yams")],
            path: "Tools/mq-embed-resources"
        ),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["mq-embed-resources"]),
        // Fakes for the domain's ports and fresh databases on the test cluster, for every test target.
        .target(
            name: "MQTestSupport",
            dependencies: ["MQDomain", "MQPersistence"],
            path: "Tests/MQTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "MQDomainTests", dependencies: ["MQDomain", "MQTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "MQTracingTests",
            dependencies: [
                "MQTracing",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MQAuthTests",
            dependencies: ["MQAuth", "MQDomain", "MQTestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MQLoggingTests",
            dependencies: ["MQLogging", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "mq-serverTests",
            dependencies: [
                "mq-server", "MQHTTP", "MQDomain", "MQPersistence", "MQStorage", "MQAuth", "MQTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MQPersistenceTests",
            dependencies: ["MQPersistence", "MQDomain", "MQAuth", "MQTestSupport", "CLibPQ"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MQStorageTests",
            dependencies: [
                "MQStorage", "MQDomain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Vectors")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MQHTTPTests",
            dependencies: [
                "MQHTTP", "MQDomain", "MQStorage", "MQAuth", "MQLogging", "MQTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
