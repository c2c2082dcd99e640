import Hummingbird

/// Requests whose `Host` (or `X-Forwarded-Host`) is not in `ALLOWED_HOSTS` are refused, so that links the
/// server builds from it (pagination) cannot be pointed elsewhere. The health checks are exempt: the load
/// balancer calls readiness by the task's private address, and the container calls liveness on `127.0.0.1`.
extension HostAllowList {
    /// Throws ``APIError/invalidHost`` unless every host the request names is allowed.
    func admit(_ request: Request) throws {
        guard !allowsAny, !Self.isHealthCheck(request.uri.path) else { return }
        let hosts = [request.headers[.xForwardedHost].flatMap(RequestOrigin.firstValue), request.head.authority].compactMap { $0 }
        guard !hosts.isEmpty, hosts.allSatisfy(allows) else { throw APIError.invalidHost }
    }

    static func isHealthCheck(_ path: String) -> Bool {
        let route = path.hasSuffix("/") ? path.dropLast() : Substring(path)
        return route == MapleQuestAPI.readinessPath || route == MapleQuestAPI.livenessPath
    }
}
