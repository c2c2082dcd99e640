import Crypto
import CryptoExtras
import FoundationEssentials
import MQDomain
import NIOCore
import NIOPosix
import Synchronization
import Tracing

#if canImport(Glibc)
    import Glibc
#endif

/// Django's `PBKDF2PasswordHasher`: `pbkdf2_sha256$<iterations>$<salt>$<base64 of 32 bytes>`.
///
/// Each hash takes a few hundred milliseconds of CPU by design. The work runs on a small dedicated pool
/// of low-priority threads, never on Swift's cooperative pool or the event loops, so a burst of logins
/// queues up there while every other route keeps answering. The queue is bounded: past `queueLimit`
/// waiting hashes a caller is refused at once (``MapleQuestError/overloaded(retryAfter:)``), and a hash
/// whose caller was cancelled (its client hung up) is skipped when its turn comes.
public final class DjangoPasswordHasher: PasswordHasher {
    /// Django 5.1's default.
    public static let defaultIterations = 870_000
    static let algorithm = "pbkdf2_sha256"
    /// Stored hashes asking for more work than this are refused rather than computed.
    static let maximumIterations = 10_000_000

    private let iterations: Int
    private let pool: NIOThreadPool
    private let queueLimit: Int
    private let queued = Atomic<Int>(0)
    /// What an unknown account's login is checked against, so it costs the same as a wrong password.
    private let decoyHash: String

    /// - Parameters:
    ///   - iterations: for new hashes; existing hashes keep the count they were made with.
    ///   - concurrency: hashes computed at once; the rest wait their turn.
    ///   - queueLimit: hashes admitted at once, running or waiting; more are refused.
    public init(
        iterations: Int = DjangoPasswordHasher.defaultIterations, concurrency: Int = max(1, System.coreCount / 2),
        queueLimit: Int = 32
    ) {
        self.iterations = iterations
        self.queueLimit = max(1, queueLimit)
        pool = NIOThreadPool(numberOfThreads: max(1, concurrency))
        pool.start()
        decoyHash = "\(Self.algorithm)$\(iterations)$decoysaltdecoysalt$\(Data(count: 32).base64EncodedString())"
    }

    deinit {
        pool.shutdownGracefully { _ in }
    }

    public func hash(_ password: String) async throws -> String {
        let salt = Self.randomSalt()
        let iterations = self.iterations
        let digest = try await run("password hash") { Self.derive(password, salt: salt, iterations: iterations) }
        return "\(Self.algorithm)$\(iterations)$\(salt)$\(digest.base64EncodedString())"
    }

    public func verify(_ password: String, against encoded: String?) async throws -> Bool {
        let candidate = encoded.flatMap(Self.parse)
        let (iterations, salt, expected) = candidate ?? Self.parse(decoyHash)!
        let matches = try await run("password verify") {
            Self.constantTimeEquals(Self.derive(password, salt: salt, iterations: iterations), expected)
        }
        return candidate != nil && matches
    }

    /// Hashes waiting or running right now.
    public var queueLength: Int { queued.load(ordering: .relaxed) }

    /// Runs `work` on the hashing threads if the queue has room, skipping it if the caller is cancelled
    /// before its turn comes. Traced as `operation`, with the time it waited in the queue.
    private func run<T: Sendable>(_ operation: String, _ work: @escaping @Sendable () -> T) async throws -> T {
        guard queued.add(1, ordering: .relaxed).newValue <= queueLimit else {
            queued.subtract(1, ordering: .relaxed)
            throw MapleQuestError.overloaded(retryAfter: 2)
        }
        defer { queued.subtract(1, ordering: .relaxed) }
        let abandoned = Atomic<Bool>(false)
        return try await withSpan(operation) { span in
            let enqueued = ContinuousClock.now
            return try await withTaskCancellationHandler {
                try await pool.runIfActive {
                    let waited = enqueued.duration(to: .now)
                    span.attributes["mq.password.queue_wait_ms"] = Double(waited.components.seconds) * 1000 + Double(waited.components.attoseconds) / 1e15
                    if abandoned.load(ordering: .relaxed) { throw CancellationError() }
                    Self.lowerThreadPriority()
                    return work()
                }
            } onCancel: {
                abandoned.store(true, ordering: .relaxed)
            }
        }
    }

    /// Iterations, salt and digest of a well-formed hash of this algorithm.
    static func parse(_ encoded: String) -> (Int, String, Data)? {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == algorithm,
            let iterations = Int(parts[1]), (1...maximumIterations).contains(iterations),
            !parts[2].isEmpty, !parts[2].contains("$"),
            let digest = Data(base64Encoded: String(parts[3])), !digest.isEmpty
        else { return nil }
        return (iterations, String(parts[2]), digest)
    }

    static func derive(_ password: String, salt: String, iterations: Int) -> Data {
        // Cannot fail for SHA-256 with a 32-byte output; a failure would be a broken crypto library.
        let key = try! KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: Array(salt.utf8), using: .sha256,
            outputByteCount: 32, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Data($0) }
    }

    static func constantTimeEquals(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// 22 characters of `[A-Za-z0-9]`, like Django's salts (about 131 bits).
    static func randomSalt() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<22).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Lets request handling (and the database) win the CPU over hashing: the hashing threads run at
    /// nice 19, so under contention they get about 1.5% of a core — enough that logins always progress,
    /// little enough that a burst of them barely delays anything else. On Linux, `who == 0` with
    /// `PRIO_PROCESS` changes only the calling thread.
    private static func lowerThreadPriority() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }
}
