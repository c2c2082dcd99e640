import Foundation
import Logging
import MQTestSupport
import ServiceLifecycle
import Synchronization
import Testing

@testable import mq_server

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
            held.send(RawConnection.liveness)
            #expect(try await held.response().hasPrefix("HTTP/1.1 200"))
        }

        let third = try RawConnection(port: bound)
        third.send(RawConnection.liveness)
        #expect(try await !third.answers(within: .milliseconds(500)), "no third connection is served while two are open")

        first.close()
        #expect(try await third.response().hasPrefix("HTTP/1.1 200"), "served once a place is free")
        second.send(RawConnection.liveness)
        #expect(try await second.response().hasPrefix("HTTP/1.1 200"), "the connections served go on")

        second.close()
        third.close()
        await runner.group.triggerGracefulShutdown()
        try await serving.value
    }
}
