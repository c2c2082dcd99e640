import Hummingbird

/// Browser preflights answered and responses to allowed origins marked, as django-cors-headers did.
extension CORSPolicy {
    static let allowedMethods = "DELETE, GET, OPTIONS, PATCH, POST, PUT"
    static let allowedHeaders = "accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with, x-request-id"

    /// The answer to a browser's preflight (`OPTIONS` with `Access-Control-Request-Method` and an
    /// `Origin`); `nil` for any other request, which goes on to its route.
    func preflightAnswer(to request: Request) -> Response? {
        guard isEnabled, request.method == .options, request.headers[.accessControlRequestMethod] != nil,
            let origin = request.headers[.origin]
        else { return nil }
        var response = Response(status: .ok)
        if allows(origin) {
            response.headers[.accessControlAllowOrigin] = allowsAllOrigins ? "*" : origin
            response.headers[.accessControlAllowMethods] = Self.allowedMethods
            response.headers[.accessControlAllowHeaders] = Self.allowedHeaders
            response.headers[.accessControlMaxAge] = "86400"
        }
        response.headers[.vary] = "Origin"
        return response
    }

    /// Lets the browser read an answer, a route's or an error's, when the request came from an allowed origin.
    func mark(_ response: inout Response, answering request: Request) {
        guard isEnabled, let origin = request.headers[.origin], allows(origin) else { return }
        response.headers[.accessControlAllowOrigin] = allowsAllOrigins ? "*" : origin
        response.headers[.vary] = "Origin"
    }
}
