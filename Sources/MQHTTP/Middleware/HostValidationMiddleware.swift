import Hummingbird

/// Refuses requests whose `Host` (or `X-Forwarded-Host`) is not in `ALLOWED_HOSTS`, so that links the
/// server builds from it (pagination) cannot be pointed elsewhere. The health check is exempt: the load
/// balancer calls it by the task's private address.
struct HostValidationMiddleware: RouterMiddleware {
    typealias Context = MQRequestContext

    let allowList: HostAllowList

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !allowList.allowsAny && !Self.isHealthCheck(request.uri.path) {
            let hosts = [request.headers[.xForwardedHost].flatMap(RequestOrigin.firstValue), request.head.authority].compactMap { $0 }
            guard !hosts.isEmpty, hosts.allSatisfy(allowList.allows) else { throw APIError.invalidHost }
        }
        return try await next(request, context)
    }

    static func isHealthCheck(_ path: String) -> Bool {
        path == "/health" || path == "/health/"
    }
}
