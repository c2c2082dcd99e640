import FoundationEssentials
import HTTPTypes
import Hummingbird
import Logging
import MQDomain

/// Every request's id and its one log line.
///
/// The id is a sane incoming `X-Request-ID`, or a new one (``RequestIDs``); every log line of the request
/// carries it and the response echoes it. The line has `status`, `duration_ms` and the body sizes
/// (`request_bytes`, `response_bytes`, where known) as numbers. Only the path is logged: query strings
/// may hold upload signatures, and headers and bodies may hold credentials.
enum RequestLog {
    /// Chooses the request's id and puts it on the context's logger in place of Hummingbird's own.
    static func identify(_ request: Request, in context: inout MQRequestContext) -> String {
        let requestID = acceptedID(request.headers[.xRequestID]) ?? RequestIDs.next()
        context.requestID = requestID
        context.logger[metadataKey: hummingbirdRequestIDKey] = nil
        context.logger[metadataKey: "request_id"] = .string(requestID)
        return requestID
    }

    /// Writes the request's line at info level.
    static func record(_ request: Request, _ response: Response, since started: ContinuousClock.Instant, to logger: Logger) {
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .stringConvertible((milliseconds * 100).rounded() / 100),
        ]
        if let received = request.headers[.contentLength].flatMap(Int.init) { metadata["request_bytes"] = .stringConvertible(received) }
        if let sent = response.body.contentLength { metadata["response_bytes"] = .stringConvertible(sent) }
        logger.info("request", metadata: metadata)
    }

    /// Hummingbird's own per-request id; the line carries ours (`request_id`) instead, so there is one.
    static let hummingbirdRequestIDKey = "hb.request.id"

    static func acceptedID(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E })
        else { return nil }
        return value
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-ID")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
    static let xForwardedHost = Self("X-Forwarded-Host")!
    static let xForwardedFor = Self("X-Forwarded-For")!
}
