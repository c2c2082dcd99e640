import FoundationEssentials
import Synchronization

struct InMemoryUserRepository: UserRepository {
    let store: InMemoryStore

    func create(_ user: User) async throws -> User {
        try store.tables.withLock { tables in
            try Self.checkUnique(user, in: tables)
            guard tables.users[user.id] == nil else { throw DuplicateValue(.userID) }
            tables.users[user.id] = user
            return user
        }
    }

    func find(id: UserID) async throws -> User? {
        store.tables.withLock { $0.users[id] }
    }

    func find(email: String) async throws -> User? {
        store.tables.withLock { $0.users.values.first { $0.email == email } }
    }

    func find(phoneNumber: String) async throws -> User? {
        store.tables.withLock { $0.users.values.first { $0.phoneNumber == phoneNumber } }
    }

    func find(ids: Set<UserID>) async throws -> [User] {
        store.tables.withLock { tables in ids.compactMap { tables.users[$0] } }
    }

    func update(_ user: User) async throws -> User? {
        try store.tables.withLock { tables in
            guard let existing = tables.users[user.id] else { return nil }
            try Self.checkUnique(user, in: tables)
            var updated = user
            updated.points = existing.points
            tables.users[user.id] = updated
            return updated
        }
    }

    func search(_ text: String?, _ page: PageRequest) async throws -> Page<User> {
        let needle = text?.lowercased()
        return store.tables.withLock { tables in
            tables.users.values
                .filter { user in
                    guard let needle else { return true }
                    return [user.email, user.phoneNumber ?? "", user.firstName, user.lastName].contains { $0.lowercased().contains(needle) }
                }
                .sorted { ($0.createdAt ?? .distantPast, $0.id) > ($1.createdAt ?? .distantPast, $1.id) }
                .page(page)
        }
    }

    func delete(id: UserID) async throws -> Bool {
        store.tables.withLock { tables in
            guard tables.users.removeValue(forKey: id) != nil else { return false }
            tables.removeVisits { $0.userID == id }
            for (imageID, likers) in tables.likes where likers.contains(id) {
                tables.likes[imageID]?.remove(id)
                if var image = tables.images[imageID] {
                    image.likes = max(image.likes - 1, 0)
                    tables.images[imageID] = image
                }
            }
            tables.earned[id] = nil
            tables.friendRequests = tables.friendRequests.filter { !$0.value.involves(id) }
            tables.families = tables.families.filter { $0.value.userID != id }
            tables.sessionsEndedAt[id] = nil
            return true
        }
    }

    private static func checkUnique(_ user: User, in tables: InMemoryStore.Tables) throws {
        for other in tables.users.values where other.id != user.id {
            if other.email == user.email { throw DuplicateValue(.email) }
            if let phone = user.phoneNumber, other.phoneNumber == phone { throw DuplicateValue(.phoneNumber) }
        }
    }
}
