import Hummingbird
import MQDomain

/// The routes whose attempts are counted per client address: each is either costly (a password hash)
/// or a way to probe for accounts.
public enum ThrottledAction: String, CaseIterable, Sendable {
    case login, register, refresh, addFriend
}

/// Per-address limits, one bucket per action, generous by default because many players can share one
/// carrier-NAT address. Accounts have tighter limits of their own in the game's services.
public struct AddressThrottle: Sendable {
    public let limit: RateLimit
    public let trustedProxyHops: Int
    private let limiters: [ThrottledAction: RateLimiter]

    /// - Parameters:
    ///   - limit: attempts per address and action, e.g. 300 a minute.
    ///   - trustedProxyHops: proxies in front of the server whose `X-Forwarded-For` entries are believed.
    public init(limit: RateLimit = RateLimit(attempts: 300, per: .seconds(60)), trustedProxyHops: Int = 0) {
        self.limit = limit
        self.trustedProxyHops = max(0, trustedProxyHops)
        limiters = Dictionary(uniqueKeysWithValues: ThrottledAction.allCases.map { ($0, RateLimiter(limit)) })
    }

    /// Spends one attempt of `action` for the request's client, or throws 429 with `Retry-After`.
    func spend(_ action: ThrottledAction, _ request: Request, _ context: MQRequestContext) throws {
        let address = ClientAddress.of(request, peer: context.peerAddress, trustedProxyHops: trustedProxyHops)
        try limiters[action]?.spend(address).orThrow()
    }
}
