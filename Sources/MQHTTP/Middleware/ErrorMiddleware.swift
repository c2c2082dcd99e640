import Hummingbird
import Logging
import NIOCore

/// Turns every error a route or middleware throws into a JSON response (see ``ErrorResponse``).
/// Unexpected errors are logged with the request id and answered with a bare 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = MQRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let (status, body) = ErrorResponse.describe(error) {
                var headers: HTTPFields = [:]
                if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"api\"" }
                if let seconds = ErrorResponse.retryAfter(error) { headers[.retryAfter] = String(seconds) }
                if case APIError.bodyTooLarge = error { headers[.connection] = "close" }
                if error is NIOTooManyBytesError { headers[.connection] = "close" }
                if case APIError.methodNotAllowed(_, let allowed) = error {
                    headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                }
                if status.code >= 500, !(error is CancellationError) {
                    context.logger.error("request failed", metadata: ["status": .stringConvertible(status.code), "error": .string(String(describing: error))])
                }
                return try JSONReply.make(status, body, headers: headers)
            }
            context.logger.error("unexpected error", metadata: ["error": .string(String(reflecting: error))])
            return try JSONReply.make(.internalServerError, ["error": "Internal server error"] as [String: JSONOutput])
        }
    }
}
