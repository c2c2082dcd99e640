import ArgumentParser
import AsyncHTTPClient
import FoundationEssentials
import MQHTTP
import NIOCore
import NIOHTTP1

/// For the container's `HEALTHCHECK`: asks this server's own liveness route, `/health/live/`, and exits 0
/// only on 200, so the image needs no curl. Liveness touches no dependency: a database incident makes the
/// load balancer's readiness check (`/health/`) fail, but never gets a healthy task replaced.
struct HealthCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck", abstract: "Exit 0 when the local server answers /health/live/ with 200.")

    func run() async throws {
        // Every variable is checked as `serve` checks it, but the probe signs nothing: it needs no key.
        var environment = ProcessInfo.processInfo.environment
        if (environment["SECRET_KEY"] ?? "").isEmpty { environment["SECRET_KEY"] = "unused-by-the-health-check" }
        let port = try ServerConfiguration.read(from: environment).port
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(MapleQuestAPI.livenessPath)/")
        request.headers.add(name: "User-Agent", value: "mq-server-healthcheck")
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(3))
            guard response.status == .ok else { throw ExitCode.failure }
        } catch {
            throw ExitCode.failure
        }
    }
}
