import Hummingbird

/// Answers browser preflights and marks responses to allowed origins, as django-cors-headers did.
struct CORSPolicyMiddleware: RouterMiddleware {
    typealias Context = MQRequestContext

    static let allowedMethods = "DELETE, GET, OPTIONS, PATCH, POST, PUT"
    static let allowedHeaders = "accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with, x-request-id"

    let policy: CORSPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard policy.isEnabled, let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        let allowed = policy.allows(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .ok)
            if allowed {
                response.headers[.accessControlAllowOrigin] = policy.allowsAllOrigins ? "*" : origin
                response.headers[.accessControlAllowMethods] = Self.allowedMethods
                response.headers[.accessControlAllowHeaders] = Self.allowedHeaders
                response.headers[.accessControlMaxAge] = "86400"
            }
            response.headers[.vary] = "Origin"
            return response
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = policy.allowsAllOrigins ? "*" : origin
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
