import AsyncHTTPClient
import Foundation
import Logging
import MQAuth
import MQDomain
import MQHTTP
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization
import Testing

@testable import mq_server

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Shutting down without losing a request")
struct GracefulShutdownTests {
    func get(_ url: String) async throws -> (Int, String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port` right now.
    func acceptsConnections(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    func login(_ base: String) async throws -> Int {
        var request = HTTPClientRequest(url: "\(base)/auth/login/")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"email": "ann@example.com", "password": "maple-syrup-42"}"#))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status.code)
    }

    @Test func requestsInFlightWhenShutdownBeginsAllComplete() async throws {
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "k", "HOST": "127.0.0.1", "PORT": "0", "SHUTDOWN_DRAIN_SECONDS": "5", "PASSWORD_HASH_CONCURRENCY": "1",
            "MEDIA_ROOT": FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path,
        ])
        let assembly = try GameAssembly(configuration)
        let cheapHash = try await DjangoPasswordHasher(iterations: 1000).hash("maple-syrup-42")
        _ = try await assembly.dependencies.users.create(User(id: "ann-00000000001", email: "ann@example.com", passwordHash: cheapHash, createdAt: Date()))
        var logger = Logger(label: "shutdown-test")
        logger.logLevel = .error
        let port = Mutex(0)
        let runner = ServerRunner(assembly: assembly, configuration: configuration, signals: [], logger: logger) { bound in
            port.withLock { $0 = bound }
        }
        let serving = Task { try await runner.run() }
        while port.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let base = "http://127.0.0.1:\(port.withLock { $0 })"
        #expect(try await get("\(base)/health/").0 == 200)

        let logins = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<5 { group.addTask { try await login(base) } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        await runner.group.triggerGracefulShutdown()
        try await Task.sleep(for: .milliseconds(200))

        let health = try await get("\(base)/health/")
        #expect(health.0 == 503)
        #expect(health.1.contains("shutting down"))
        #expect(try await get("\(base)/api/locations/").0 == 200, "still serving while the load balancer drains")

        #expect(try await logins.value == Array(repeating: 200, count: 5))
        try await serving.value
        #expect(!acceptsConnections(port: port.withLock { $0 }), "the server has stopped listening")
    }
}
