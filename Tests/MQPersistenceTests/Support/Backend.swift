import MQAuth
import MQDomain
import MQPersistence
import MQTestSupport

/// The two stores every repository contract test runs against.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case memory
    case postgres

    var description: String { rawValue }

    /// A fresh, empty store's ports, with real token signing and (cheap) Django password hashing.
    func dependencies() async throws -> GameDependencies {
        let passwords = DjangoPasswordHasher(iterations: 1000, concurrency: 2)
        let tokens = HS256TokenSigner(secret: "contract-suite")
        switch self {
        case .memory:
            return InMemoryStore().dependencies(passwords: passwords, tokens: tokens, uploads: FakeUploadSigner())
        case .postgres:
            let store = PostgresStore(settings: try await TestDatabase.fresh())
            _ = try await store.migrate()
            return store.dependencies(passwords: passwords, tokens: tokens, uploads: FakeUploadSigner())
        }
    }
}
