import FoundationEssentials
import Synchronization

struct InMemoryFriendRequestRepository: FriendRequestRepository {
    let store: InMemoryStore

    func create(from: UserID, to: UserID, at date: Date, waitingLimit: Int) async throws -> FriendRequest {
        try store.tables.withLock { tables in
            guard tables.users[from] != nil, tables.users[to] != nil else { throw MapleQuestError.notFound(.user) }
            if tables.friendRequests.values.contains(where: { $0.involves(from) && $0.involves(to) }) {
                throw DuplicateValue(.friendRequest)
            }
            try tables.requireRoomForAnotherWaitingRequest(from: from, limit: waitingLimit)
            tables.lastFriendRequestID += 1
            let request = FriendRequest(
                id: tables.lastFriendRequestID, fromUserID: from, toUserID: to,
                status: .pending, createdAt: date, updatedAt: date)
            tables.friendRequests[request.id] = request
            return request
        }
    }

    func find(id: FriendRequestID) async throws -> FriendRequest? {
        store.tables.withLock { $0.friendRequests[id] }
    }

    func find(between first: UserID, and second: UserID) async throws -> FriendRequest? {
        store.tables.withLock { tables in
            tables.friendRequests.values
                .filter { $0.involves(first) && $0.involves(second) }
                .max { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        }
    }

    func requests(involving userID: UserID, _ page: PageRequest) async throws -> Page<FriendRequest> {
        store.tables.withLock { tables in
            tables.friendRequests.values
                .filter { $0.involves(userID) }
                .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
                .page(page)
        }
    }

    func transition(_ request: FriendRequest, from expected: FriendRequest.Status, friendLimit: Int, waitingLimit: Int) async throws
        -> FriendRequest?
    {
        try store.tables.withLock { tables in
            guard let current = tables.friendRequests[request.id], current.status == expected else { return nil }
            if request.makesFriends(over: expected) {
                for player in [request.fromUserID, request.toUserID] {
                    let others = tables.friendIDs(of: player).subtracting([request.otherParty(than: player)])
                    if others.count >= friendLimit { throw FriendLimitReached(playerID: player, limit: friendLimit) }
                }
            }
            if request.startsWaiting(over: expected) {
                try tables.requireRoomForAnotherWaitingRequest(from: request.fromUserID, limit: waitingLimit)
            }
            var updated = current
            updated.fromUserID = request.fromUserID
            updated.toUserID = request.toUserID
            updated.status = request.status
            updated.updatedAt = request.updatedAt
            tables.friendRequests[request.id] = updated
            return updated
        }
    }

    func delete(id: FriendRequestID) async throws -> Bool {
        store.tables.withLock { $0.friendRequests.removeValue(forKey: id) != nil }
    }

    func friendCount(of userID: UserID) async throws -> Int {
        store.tables.withLock { $0.friendIDs(of: userID).count }
    }

    func friends(of userID: UserID) async throws -> [User] {
        store.tables.withLock { tables in
            tables.friendIDs(of: userID).compactMap { tables.users[$0] }.sorted {
                ($0.createdAt ?? .distantPast, $0.id) < ($1.createdAt ?? .distantPast, $1.id)
            }
        }
    }
}
