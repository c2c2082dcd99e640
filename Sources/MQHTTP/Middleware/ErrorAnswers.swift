import Hummingbird
import Logging
import NIOCore

/// Turns every error a route or the front door throws into a JSON response (see ``ErrorResponse``).
/// Unexpected errors are answered with a bare 500. Failures answered 5xx are logged with the request id,
/// the first of each kind at once and repeats of it as a count (``FailureLogThrottle``).
struct ErrorAnswers: Sendable {
    let failures: FailureLogThrottle

    init(failures: FailureLogThrottle = FailureLogThrottle()) {
        self.failures = failures
    }

    func answer(_ error: any Error, context: MQRequestContext) throws -> Response {
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
                log("request failed", error, ["status": .stringConvertible(status.code), "error": .string(String(describing: error))], context)
            }
            return try JSONReply.make(status, body, headers: headers)
        }
        log("unexpected error", error, ["error": .string(String(reflecting: error))], context)
        return try JSONReply.make(.internalServerError, ["error": "Internal server error"] as [String: JSONOutput])
    }

    /// Writes the failure's error line unless one of its kind was written moments ago; the line says how
    /// many of its kind went unlogged since the previous one (`similar_unlogged`). The metadata, with the
    /// error's description, is made only for a line that is written, not for every refusal of an outage.
    private func log(_ message: Logger.Message, _ error: any Error, _ metadata: @autoclosure () -> Logger.Metadata, _ context: MQRequestContext) {
        guard let unlogged = failures.admit(FailureLogThrottle.kind(of: error), at: .now) else { return }
        var metadata = metadata()
        if unlogged > 0 { metadata["similar_unlogged"] = .stringConvertible(unlogged) }
        context.logger.error(message, metadata: metadata)
    }
}
