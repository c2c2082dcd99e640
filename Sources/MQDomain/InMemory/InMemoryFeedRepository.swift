import Synchronization

struct InMemoryFeedRepository: FeedRepository {
    let store: InMemoryStore

    func friendVisits(for userID: UserID, _ page: PageRequest) async throws -> Page<FriendVisit> {
        store.tables.withLock { tables in
            let friends = tables.friendIDs(of: userID)
            return tables.visits.values
                .compactMap { visit -> FriendVisit? in
                    guard friends.contains(visit.userID), let player = tables.users[visit.userID] else { return nil }
                    return FriendVisit(visit: visit, player: PlayerCard(player))
                }
                .sorted { ($0.visit.visitedAt, $0.visit.id) > ($1.visit.visitedAt, $1.visit.id) }
                .page(page)
                .map { item in
                    var item = item
                    item.visit = tables.withImages(item.visit)
                    return item
                }
        }
    }
}
