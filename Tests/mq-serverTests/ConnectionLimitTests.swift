import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import mq_server

#if canImport(Glibc)
    import Glibc
#endif

/// `MAX_CONNECTIONS`: open sockets cannot take a task's memory without bound. At the limit the server
/// accepts nothing new; a client past it waits (in the listen queue) and is served once another leaves.
@Suite("Client connections past MAX_CONNECTIONS wait for one to close")
struct ConnectionLimitTests {
    @Test func aConnectionPastTheLimitIsServedOnlyOnceAnotherCloses() async throws {
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "k", "HOST": "127.0.0.1", "PORT": "0", "MAX_CONNECTIONS": "2", "SHUTDOWN_DRAIN_SECONDS": "0",
            "MEDIA_ROOT": FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path,
        ])
        var logger = Logger(label: "connection-limit-test")
        logger.logLevel = .error
        let port = Mutex(0)
        let runner = ServerRunner(assembly: try GameAssembly(configuration), configuration: configuration, signals: [], logger: logger) {
            bound in port.withLock { $0 = bound }
        }
        let serving = Task { try await runner.run() }
        while port.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let bound = port.withLock { $0 }

        // Two clients take both places, each served once so that the server has surely accepted it.
        let first = try RawConnection(port: bound)
        let second = try RawConnection(port: bound)
        for held in [first, second] {
            try held.send(RawConnection.liveness)
            #expect(try held.response().hasPrefix("HTTP/1.1 200"))
        }

        let third = try RawConnection(port: bound)
        try third.send(RawConnection.liveness)
        #expect(!third.answers(within: 500), "no third connection is served while two are open")

        first.close()
        #expect(try third.response().hasPrefix("HTTP/1.1 200"), "served once a place is free")
        #expect(try second.roundTrip(RawConnection.liveness).hasPrefix("HTTP/1.1 200"), "the connections served go on")

        second.close()
        third.close()
        await runner.group.triggerGracefulShutdown()
        try await serving.value
    }
}

/// A blocking TCP client speaking HTTP/1.1 by hand, to hold connections open exactly as long as a test says.
private final class RawConnection {
    static let liveness = "GET /health/live/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    private var descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    func send(_ request: String) throws {
        let bytes = Array(request.utf8)
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw POSIXError(.EPIPE) }
    }

    /// Whether an answer starts arriving within `milliseconds`.
    func answers(within milliseconds: Int32) -> Bool {
        var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&watched, 1, milliseconds) > 0
    }

    /// The head of the next response (the answers here are small enough to arrive in one read).
    func response() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { throw POSIXError(.ETIMEDOUT) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    func roundTrip(_ request: String) throws -> String {
        try send(request)
        return try response()
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    deinit { close() }
}
