import Logging
import MQHTTP
import ServiceLifecycle

/// The first thing to stop on SIGTERM: turns `/health/` to 503 and waits `period` so the load balancer
/// takes this task out of rotation, while the HTTP server keeps serving. Only then does the server stop
/// accepting connections and finish the requests in flight.
struct DrainService: Service, CustomStringConvertible {
    var description: String { "DrainService" }

    let serving: ServingState
    let period: Duration
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        serving.beginDraining()
        logger.notice("shutting down: /health/ answers 503; draining for \(period)")
        try? await Task.sleep(for: period)
    }
}
