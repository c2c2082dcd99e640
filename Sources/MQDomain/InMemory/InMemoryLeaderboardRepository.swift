import Synchronization

struct InMemoryLeaderboardRepository: LeaderboardRepository {
    let store: InMemoryStore

    func leaderboard(_ scope: LeaderboardScope, for userID: UserID, limit: Int) async throws -> Leaderboard? {
        store.tables.withLock { tables in
            guard let caller = tables.users[userID] else { return nil }
            let players: [User] =
                switch scope {
                case .global: Array(tables.users.values)
                case .friends: [caller] + tables.friendIDs(of: userID).compactMap { tables.users[$0] }
                }
            return Leaderboard.ranking(players.map(Contender.init), for: Contender(caller), limit: limit)
        }
    }
}
