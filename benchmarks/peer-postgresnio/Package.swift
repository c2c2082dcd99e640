// swift-tools-version: 6.1
import PackageDescription

/// The server a Swift team would write instead of mq-server's /me: Hummingbird 2, PostgresNIO's
/// client (async on NIO's event loops), an HS256 check and one query. A benchmark peer only: it is
/// built by benchmarks/run.sh and never linked into mq-server.
let package = Package(
    name: "peer-postgresnio",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "peer-server",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        )
    ]
)
