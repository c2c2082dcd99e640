import Synchronization

struct InMemoryFeedRepository: FeedRepository {
    let store: InMemoryStore

    func feed(for userID: UserID, _ page: PageRequest) async throws -> Page<FeedItem> {
        store.tables.withLock { tables in
            let friends = tables.friendIDs(of: userID)
            return tables.visits.values
                .compactMap { visit -> FeedItem? in
                    guard friends.contains(visit.userID), let player = tables.users[visit.userID],
                        let location = tables.locations[visit.locationID]
                    else { return nil }
                    return FeedItem(visit: visit, player: PlayerCard(player), location: location)
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
