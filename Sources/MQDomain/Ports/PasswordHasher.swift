/// Hashes and checks passwords in Django's `pbkdf2_sha256$<iterations>$<salt>$<hash>` format.
///
/// Hashing is deliberately slow; implementations run it away from the threads that serve requests, on a
/// bounded queue: when the queue is full they throw ``MapleQuestError/overloaded(retryAfter:)`` at once
/// rather than make every later login wait, and work for a caller that has gone away (a cancelled task)
/// is dropped before it starts.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches `encoded`. When `encoded` is `nil` (no such account) it does the same
    /// amount of work and returns `false`, so that a login takes about as long either way.
    func verify(_ password: String, against encoded: String?) async throws -> Bool
}
