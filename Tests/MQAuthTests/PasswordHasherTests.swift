import Foundation
import MQAuth
import MQDomain
import Testing

@Suite("Django password hashes")
struct PasswordHasherTests {
    /// Made with Python's `hashlib.pbkdf2_hmac`, exactly as Django 5.1 stores a password.
    static let djangoHash = "pbkdf2_sha256$870000$Qm9vEz3lNw8xYtR2uKp4sA$cJMG8dxXqqsFH1BvKR9tW8bzKQjmcrw1aJD6F53T+dc="

    @Test func aPasswordFromTheExistingDatabaseVerifies() async throws {
        let hasher = DjangoPasswordHasher()
        #expect(try await hasher.verify("maple-syrup-42", against: Self.djangoHash))
        #expect(try await !hasher.verify("maple-syrup-43", against: Self.djangoHash))
    }

    @Test func unicodePasswordsHashAsUTF8() async throws {
        let hasher = DjangoPasswordHasher(iterations: 1000)
        #expect(try await hasher.verify("café-été-2024", against: "pbkdf2_sha256$1000$abc123$jdbX4tOuE37GuiggApdBEnxGbp35FaT/XVC47nzm0uA="))
    }

    @Test func newHashesUseDjangosFormat() async throws {
        let hasher = DjangoPasswordHasher(iterations: 1000)
        let encoded = try await hasher.hash("correct-horse-battery")
        let parts = encoded.split(separator: "$")
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2_sha256")
        #expect(parts[1] == "1000")
        #expect(parts[2].count == 22)
        #expect(Data(base64Encoded: String(parts[3]))?.count == 32)
        #expect(try await hasher.verify("correct-horse-battery", against: encoded))
        #expect(try await hasher.hash("correct-horse-battery") != encoded, "every hash has its own salt")
    }

    @Test func theDefaultIsDjango51sIterationCount() {
        #expect(DjangoPasswordHasher.defaultIterations == 870_000)
    }

    @Test(arguments: [
        "", "!unusable", "argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA", "pbkdf2_sha256$abc$salt$aGFzaA==",
        "pbkdf2_sha256$99999999999$salt$aGFzaA==", "pbkdf2_sha256$1000$$aGFzaA==",
    ])
    func hashesItCannotCheckNeverMatch(encoded: String) async throws {
        #expect(try await !DjangoPasswordHasher(iterations: 1000).verify("anything", against: encoded))
    }

    @Test func aMissingAccountNeverMatches() async throws {
        #expect(try await !DjangoPasswordHasher(iterations: 1000).verify("anything", against: nil))
    }

    /// A stored hash that takes a few seconds to check: it keeps the only hashing thread busy.
    static let slowHash = "pbkdf2_sha256$3000000$salt$aGFzaA=="

    @Test func pastItsQueueLimitAHashIsRefusedAtOnce() async throws {
        let hasher = DjangoPasswordHasher(iterations: 1000, concurrency: 1, queueLimit: 1)
        let busy = Task { try await hasher.verify("anything", against: Self.slowHash) }
        while hasher.queueLength < 1 { await Task.yield() }
        await #expect(throws: MapleQuestError.overloaded(retryAfter: 2)) {
            try await hasher.verify("anything", against: Self.slowHash)
        }
        busy.cancel()
        _ = try? await busy.value
    }

    @Test func aHashWhoseCallerLeftIsSkipped() async throws {
        let hasher = DjangoPasswordHasher(iterations: 1000, concurrency: 1, queueLimit: 4)
        let busy = Task { try await hasher.verify("anything", against: Self.slowHash) }
        while hasher.queueLength < 1 { await Task.yield() }
        let abandoned = Task { try await hasher.verify("anything", against: Self.slowHash) }
        while hasher.queueLength < 2 { await Task.yield() }
        abandoned.cancel()
        await #expect(throws: CancellationError.self) { try await abandoned.value }
        #expect(try await busy.value == false)
        #expect(hasher.queueLength == 0)
    }
}
