import Foundation

struct InMemorySessionRepository: SessionRepository {
    let store: InMemoryStore

    func record(tokenIDs: [String], family: String, userID: UserID, expiresAt: Date) async throws {
        store.tables.withLock { tables in
            for id in tokenIDs {
                tables.tokens[id] = .init(family: family, userID: userID, expiresAt: expiresAt, spent: false)
            }
        }
    }

    func redeem(refreshTokenID: String, userID: UserID, expiresAt: Date) async throws -> RefreshRedemption {
        store.tables.withLock { tables in
            guard var record = tables.tokens[refreshTokenID] else {
                tables.tokens[refreshTokenID] = .init(family: refreshTokenID, userID: userID, expiresAt: expiresAt, spent: true)
                return .redeemed(family: refreshTokenID)
            }
            if tables.revokedFamilies.contains(record.family) { return .revoked }
            if record.spent { return .replayed(family: record.family) }
            record.spent = true
            tables.tokens[refreshTokenID] = record
            return .redeemed(family: record.family)
        }
    }

    func revoke(family: String) async throws {
        _ = store.tables.withLock { $0.revokedFamilies.insert(family) }
    }

    func account(_ userID: UserID, presenting tokenID: String) async throws -> SessionAccount {
        store.tables.withLock { tables in
            guard let user = tables.users[userID] else { return .missing }
            if let record = tables.tokens[tokenID], tables.revokedFamilies.contains(record.family) { return .revoked }
            return .active(user)
        }
    }

    func purge(expiredBefore date: Date) async throws {
        store.tables.withLock { tables in
            tables.tokens = tables.tokens.filter { $0.value.expiresAt >= date }
            let liveFamilies = Set(tables.tokens.values.map(\.family))
            tables.revokedFamilies.formIntersection(liveFamilies)
        }
    }
}
