import FoundationEssentials
import MQDomain
import Tracing

/// Credentials fetched lazily and kept until shortly before they expire.
///
/// Temporary credentials are refreshed `refreshMargin` before their expiry (ECS offers new ones well
/// ahead of that), at most once per `retryInterval` while the source keeps handing out the old ones;
/// concurrent callers share one fetch. If a refresh fails while the cached credentials are still valid,
/// those are used and the failure is retried later.
public actor CachedCredentials: CredentialsProvider {
    public static let refreshMargin: TimeInterval = 15 * 60
    public static let retryInterval: TimeInterval = 60

    private let source: any CredentialsProvider
    private let clock: any WallClock
    private var cached: AWSCredentials?
    private var nextAttempt = Date.distantPast
    private var refreshing: Task<AWSCredentials, any Error>?

    public init(_ source: any CredentialsProvider, clock: any WallClock = SystemClock()) {
        self.source = source
        self.clock = clock
    }

    public func credentials() async throws -> AWSCredentials {
        let now = clock.now()
        if let cached, isUsable(cached, at: now), !wantsRefresh(cached, at: now) { return cached }
        if let refreshing { return try await settle(refreshing, now: now) }
        let task = Task { [source] in try await withSpan("aws credentials fetch") { _ in try await source.credentials() } }
        refreshing = task
        return try await settle(task, now: now)
    }

    private func settle(_ task: Task<AWSCredentials, any Error>, now: Date) async throws -> AWSCredentials {
        do {
            let fresh = try await task.value
            if refreshing == task {
                cached = fresh
                refreshing = nil
                nextAttempt = now.addingTimeInterval(Self.retryInterval)
            }
            return fresh
        } catch {
            if refreshing == task {
                refreshing = nil
                nextAttempt = now.addingTimeInterval(Self.retryInterval)
            }
            if let cached, isUsable(cached, at: clock.now()) { return cached }
            throw error
        }
    }

    /// Still valid for at least a minute, long enough to sign with.
    private func isUsable(_ credentials: AWSCredentials, at now: Date) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return expiration.timeIntervalSince(now) > 60
    }

    private func wantsRefresh(_ credentials: AWSCredentials, at now: Date) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        if !isUsable(credentials, at: now) { return true }
        return expiration.timeIntervalSince(now) < Self.refreshMargin && now >= nextAttempt
    }
}
