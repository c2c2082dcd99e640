import FoundationEssentials
import Hummingbird
import MQDomain
import Synchronization

extension MapleQuestAPI {
    /// How long the readiness check waits for the database before calling it disconnected.
    static let healthTimeout: Duration = .seconds(2)

    /// The load balancer's readiness check. It calls the task by its private address, so the host
    /// check lets it through (``HostAllowList/admit(_:)``).
    static let readinessPath = "/health"
    /// The container's liveness check (`mq-server healthcheck`), which calls `127.0.0.1`: let through too.
    public static let livenessPath = "/health/live"

    func addStatusRoutes(to table: RouteTable) {
        table.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "OK — MapleQuest is running!")))
        }
        table.get(Self.livenessPath) { _, _ in
            try JSONReply.make(
                .ok, ["status": "alive", "timestamp": .string(Timestamp.string(game.clock.now()))] as [String: JSONOutput],
                headers: [.cacheControl: "no-store"])
        }
        table.get(Self.readinessPath) { _, _ in
            let connected = await Self.isReachable(game.health)
            let draining = serving.isDraining
            let healthy = connected && !draining
            var body: [String: JSONOutput] = [
                "status": healthy ? "healthy" : "unhealthy",
                "timestamp": .string(Timestamp.string(game.clock.now())),
                "database": healthy ? "connected" : "disconnected",
            ]
            if let version = settings.version { body["version"] = .string(version) }
            if !connected {
                body["error"] = "database unavailable"
            } else if draining {
                body["error"] = "shutting down"
            }
            return try JSONReply.make(healthy ? .ok : .serviceUnavailable, body, headers: [.cacheControl: "no-store"])
        }
    }

    /// A real round trip to the store, given up on after ``healthTimeout`` whatever the store does: a
    /// ping stuck behind a lock or a full pool is left to finish on its own, unawaited.
    static func isReachable(_ health: any StoreHealth) async -> Bool {
        let answer = HealthAnswer()
        return await withCheckedContinuation { continuation in
            answer.wait(continuation)
            Task { answer.give((try? await health.ping()) != nil) }
            Task {
                try? await Task.sleep(for: healthTimeout)
                answer.give(false)
            }
        }
    }
}

/// The first of a ping's answer and its timeout, delivered once.
private final class HealthAnswer: Sendable {
    private let waiting = Mutex<CheckedContinuation<Bool, Never>?>(nil)

    func wait(_ continuation: CheckedContinuation<Bool, Never>) {
        waiting.withLock { $0 = continuation }
    }

    func give(_ reachable: Bool) {
        waiting.withLock { $0.take() }?.resume(returning: reachable)
    }
}
