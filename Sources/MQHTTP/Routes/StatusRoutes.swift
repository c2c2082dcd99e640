import Foundation
import Hummingbird
import MQDomain

extension MapleQuestAPI {
    /// How long the health check waits for the database before calling it disconnected.
    static let healthTimeout: Duration = .seconds(2)

    func addStatusRoutes(to table: RouteTable) {
        table.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "OK — MapleQuest is running!")))
        }
        table.get("/health") { _, _ in
            let connected = await Self.isReachable(game.health)
            let draining = serving.isDraining
            let healthy = connected && !draining
            var body: [String: JSONOutput] = [
                "status": healthy ? "healthy" : "unhealthy",
                "timestamp": .string(Timestamp.string(game.clock.now())),
                "database": connected ? "connected" : "disconnected",
            ]
            if !connected {
                body["error"] = "database unavailable"
            } else if draining {
                body["error"] = "shutting down"
            }
            return try JSONReply.make(healthy ? .ok : .serviceUnavailable, body, headers: [.cacheControl: "no-store"])
        }
    }

    /// A real round trip to the store, given up on after ``healthTimeout``.
    static func isReachable(_ health: any StoreHealth) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await health.ping()) != nil }
            group.addTask {
                try? await Task.sleep(for: healthTimeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
