import Hummingbird
import MQDomain

/// The address a request came from, for per-address limits.
///
/// Behind `trustedProxyHops` proxies (the ALB is one), each hop appended the address it saw to
/// `X-Forwarded-For`, so the client is the entry that many places from the end; anything before it was
/// written by the client and proves nothing. With no trusted hop the connection's peer is the client.
enum ClientAddress {
    static func of(_ request: Request, peer: String?, trustedProxyHops: Int) -> String {
        guard trustedProxyHops > 0 else { return peer ?? "unknown" }
        let hops = request.headers[values: .xForwardedFor]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        guard !hops.isEmpty else { return peer ?? "unknown" }
        let index = hops.count - trustedProxyHops
        return index >= 0 ? hops[index] : hops[0]
    }
}
