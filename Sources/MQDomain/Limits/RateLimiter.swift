import FoundationEssentials
import Synchronization

/// How many attempts a key may make in a window, e.g. 10 failed logins per 15 minutes.
public struct RateLimit: Sendable, Equatable {
    public var attempts: Int
    public var window: Duration

    public init(attempts: Int, per window: Duration) {
        self.attempts = max(1, attempts)
        self.window = window > .zero ? window : .seconds(1)
    }

    /// Never refuses: for tools that embed the game and trust their callers.
    public static let unlimited = RateLimit(attempts: Int(Int32.max), per: .seconds(1))
}

/// Token buckets by key (an account, an address): each key may spend `limit.attempts` in any
/// `limit.window`, refilled continuously.
///
/// Memory is bounded: at most `capacity` keys are tracked. When full, keys whose bucket has refilled are
/// forgotten first, then the least recently used, so a flood of new keys cannot grow the process.
/// The counts are per process: a fleet of tasks multiplies them, and the load balancer's rate rule
/// guards the fleet as a whole.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public let limit: RateLimit
    public let capacity: Int
    private let buckets: Mutex<[String: Bucket]>
    private let refillPerSecond: Double

    public init(_ limit: RateLimit, capacity: Int = 100_000) {
        self.limit = limit
        self.capacity = max(1, capacity)
        buckets = Mutex([:])
        let window = Double(limit.window.components.seconds) + Double(limit.window.components.attoseconds) / 1e18
        refillPerSecond = Double(limit.attempts) / window
    }

    /// Takes one attempt for `key`, or returns how many whole seconds to wait before one is available.
    @discardableResult
    public func spend(_ key: String, now: ContinuousClock.Instant = .now) -> RateDecision {
        buckets.withLock { buckets in
            var bucket = refilled(buckets[key], now: now)
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return .refused(retryAfter: retryAfter(bucket))
            }
            bucket.tokens -= 1
            if buckets[key] == nil, buckets.count >= capacity { evict(&buckets, now: now) }
            buckets[key] = bucket
            return .allowed
        }
    }

    /// Whether `key` could make an attempt now, without spending it: for limits that count only
    /// failures, checked before the work and spent after it fails.
    public func check(_ key: String, now: ContinuousClock.Instant = .now) -> RateDecision {
        buckets.withLock { buckets in
            let bucket = refilled(buckets[key], now: now)
            return bucket.tokens >= 1 ? .allowed : .refused(retryAfter: retryAfter(bucket))
        }
    }

    /// Forgets `key`'s attempts, e.g. after a successful login.
    public func reset(_ key: String) {
        _ = buckets.withLock { $0.removeValue(forKey: key) }
    }

    /// Keys tracked right now.
    public var trackedKeys: Int { buckets.withLock { $0.count } }

    private func refilled(_ bucket: Bucket?, now: ContinuousClock.Instant) -> Bucket {
        guard var bucket else { return Bucket(tokens: Double(limit.attempts), updated: now) }
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(Double(limit.attempts), bucket.tokens + max(0, seconds) * refillPerSecond)
        bucket.updated = now
        return bucket
    }

    private func retryAfter(_ bucket: Bucket) -> Int {
        max(1, Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up)))
    }

    /// Makes room for one more key: drops every full bucket, and if none was full, the oldest tenth.
    private func evict(_ buckets: inout [String: Bucket], now: ContinuousClock.Instant) {
        let before = buckets.count
        buckets = buckets.filter { refilled($0.value, now: now).tokens < Double(limit.attempts) }
        guard buckets.count == before else { return }
        let oldest = buckets.sorted { $0.value.updated < $1.value.updated }.prefix(max(1, before / 10))
        for (key, _) in oldest { buckets[key] = nil }
    }
}

/// What a rate limiter decided.
public enum RateDecision: Sendable, Equatable {
    case allowed
    case refused(retryAfter: Int)

    /// Throws ``MapleQuestError/tooManyRequests(retryAfter:)`` when refused.
    public func orThrow() throws(MapleQuestError) {
        if case .refused(let seconds) = self { throw .tooManyRequests(retryAfter: seconds) }
    }
}
