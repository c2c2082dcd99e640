import Hummingbird
import MQDomain

/// The scheme and host a client used to reach the server, as seen through the load balancer.
struct RequestOrigin {
    var scheme: String
    var host: String

    init(_ request: Request) {
        scheme = request.headers[.xForwardedProto].flatMap(Self.firstValue)?.lowercased() ?? "http"
        if scheme != "https" && scheme != "http" { scheme = "http" }
        host = request.headers[.xForwardedHost].flatMap(Self.firstValue) ?? request.head.authority ?? "localhost"
    }

    /// The first of a comma-separated list of proxy values.
    static func firstValue(_ header: String) -> String? {
        let first = header.split(separator: ",").first.map { $0.trimmingWhitespace() } ?? ""
        return first.isEmpty ? nil : first
    }

    var baseURL: String { "\(scheme)://\(host)" }
}
