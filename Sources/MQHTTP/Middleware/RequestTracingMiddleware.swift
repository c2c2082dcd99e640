import HTTPTypes
import Hummingbird
import Tracing

/// One server span per request, named as OpenTelemetry's HTTP conventions name them: the method and the
/// route as registered (`GET /api/locations/{id}/`), so every check-in shares one name however many
/// landmarks there are. A `traceparent` header from the caller (the load balancer, a client) becomes
/// the parent. Database operations, password hashing and S3 signing inside the request become its children.
///
/// Hummingbird's own tracing middleware names a span by its path alone and records the query string,
/// which can carry an upload's signature; this one records the path and never the query.
struct RequestTracingMiddleware: RouterMiddleware {
    typealias Context = MQRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var parent = ServiceContext.current ?? .topLevel
        InstrumentationSystem.instrument.extract(request.headers, into: &parent, using: HeaderExtractor())
        let route = Self.route(context.endpointPath, requestPath: request.uri.path)
        return try await withSpan("\(request.method.rawValue) \(route)", context: parent, ofKind: .server) { span in
            span.attributes["http.request.method"] = request.method.rawValue
            span.attributes["url.path"] = request.uri.path
            if context.endpointPath != nil { span.attributes["http.route"] = route }
            let response = try await next(request, context)
            span.attributes["http.response.status_code"] = Int(response.status.code)
            if response.status.code >= 500 { span.setStatus(SpanStatus(code: .error)) }
            return response
        }
    }

    /// The route as registered, with the trailing slash when the request had one (Hummingbird keeps
    /// `/api/locations/` and `/api/locations` as one route and drops the slash from its name).
    static func route(_ endpoint: String?, requestPath: String) -> String {
        guard let endpoint else { return "unmatched route" }
        return requestPath.hasSuffix("/") && !endpoint.hasSuffix("/") ? endpoint + "/" : endpoint
    }
}

/// Reads W3C trace-context headers from a request.
private struct HeaderExtractor: Extractor {
    func extract(key: String, from headers: HTTPFields) -> String? {
        HTTPField.Name(key).flatMap { headers[$0] }
    }
}
