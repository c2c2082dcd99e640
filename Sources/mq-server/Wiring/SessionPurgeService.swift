import Logging
import MQDomain
import ServiceLifecycle

/// Forgets expired sessions every hour, so the session store does not grow without bound.
struct SessionPurgeService: Service, CustomStringConvertible {
    var description: String { "SessionPurgeService" }

    static let interval: Duration = .seconds(3600)

    let sessions: any SessionRepository
    let clock: any WallClock
    let logger: Logger

    func run() async throws {
        let sessions = sessions
        let clock = clock
        let logger = logger
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await sessions.purge(expiredBefore: clock.now())
                } catch {
                    logger.warning("purging expired sessions failed", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: Self.interval)
            }
        }
    }
}
