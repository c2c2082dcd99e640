import ArgumentParser
import AsyncHTTPClient
import Foundation

/// For the container's `HEALTHCHECK`: asks this server's own `/health/` and exits 0 only on 200, so the
/// image needs no curl.
struct HealthCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck", abstract: "Exit 0 when the local server answers /health/ with 200.")

    func run() async throws {
        let port = ProcessInfo.processInfo.environment["PORT"].flatMap(Int.init) ?? 8000
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health/")
        request.headers.add(name: "User-Agent", value: "mq-server-healthcheck")
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(3))
            guard response.status == .ok else { throw ExitCode.failure }
        } catch {
            throw ExitCode.failure
        }
    }
}
