import FoundationEssentials
import Synchronization

struct InMemorySessionRepository: SessionRepository {
    let store: InMemoryStore

    func begin(family: String, userID: UserID, refreshTokenID: String, expiresAt: Date) async throws {
        store.tables.withLock { tables in
            guard tables.users[userID] != nil else { return }
            tables.families[family] = .init(userID: userID, currentRefreshToken: refreshTokenID, revoked: false, expiresAt: expiresAt)
        }
    }

    func rotate(family: String, presented: String, next: String, userID: UserID, issuedAt: Date, expiresAt: Date) async throws -> RefreshRedemption {
        store.tables.withLock { tables in
            guard var record = tables.families[family] else {
                guard tables.users[userID] != nil else { return .revoked }
                if let endedAt = tables.sessionsEndedAt[userID], issuedAt < endedAt { return .revoked }
                tables.families[family] = .init(userID: userID, currentRefreshToken: next, revoked: false, expiresAt: expiresAt)
                return .redeemed(family: family)
            }
            if record.revoked || record.userID != userID { return .revoked }
            guard record.currentRefreshToken == presented else { return .replayed(family: family) }
            record.currentRefreshToken = next
            record.expiresAt = expiresAt
            tables.families[family] = record
            return .redeemed(family: family)
        }
    }

    func revoke(family: String) async throws {
        store.tables.withLock { $0.families[family]?.revoked = true }
    }

    func endSessions(of userID: UserID, keeping: String?, at date: Date) async throws {
        store.tables.withLock { tables in
            for (family, record) in tables.families where record.userID == userID && family != keeping {
                tables.families[family]?.revoked = true
            }
            tables.sessionsEndedAt[userID] = date
        }
    }

    func account(_ userID: UserID, family: String, issuedAt: Date) async throws -> SessionAccount {
        store.tables.withLock { tables in
            guard let user = tables.users[userID] else { return .missing }
            if let record = tables.families[family] {
                return record.revoked || record.userID != userID ? .revoked : .active(user)
            }
            if let endedAt = tables.sessionsEndedAt[userID], issuedAt < endedAt { return .revoked }
            return .active(user)
        }
    }

    func purge(expiredBefore date: Date) async throws {
        store.tables.withLock { tables in
            tables.families = tables.families.filter { $0.value.expiresAt >= date }
            let endingsBefore = date.addingTimeInterval(-TimeInterval(AuthService.refreshTokenLifetime))
            tables.sessionsEndedAt = tables.sessionsEndedAt.filter { $0.value >= endingsBefore }
        }
    }

    func familyCount(of userID: UserID) async throws -> Int {
        store.tables.withLock { tables in tables.families.values.reduce(0) { $0 + ($1.userID == userID ? 1 : 0) } }
    }
}
