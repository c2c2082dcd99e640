import MQDomain

/// Friends' visits in one statement through the pipeline: the page, each visit's player card and its
/// photos (``VisitsWithPhotos``). The landmarks come from the catalog the map reads (``FeedService``), not
/// from here: joining `core_location` was a fifth of the page statement's cost (`docs/performance.md`).
public struct PostgresFeedRepository: FeedRepository {
    let database: Database

    /// The page is chosen from index-only scans (friendships, then each friend's newest visits); only its
    /// rows are joined with their players and photos.
    static let page = Statement(
        "feed_page",
        """
        WITH page AS (
            SELECT v.id, v.visited_at, count(*) OVER () AS total
            FROM core_visit v WHERE v.user_id COLLATE "C" = ANY (\(Columns.friendIDsOfFirstParameter))
            ORDER BY v.visited_at DESC, v.id DESC LIMIT $2 OFFSET $3
        )
        SELECT \(Columns.visit), \(Columns.playerCard), page.total, \(Columns.image)
        FROM page
        JOIN core_visit v ON v.id = page.id
        JOIN core_user u ON u."userId" COLLATE "C" = v.user_id
        \(VisitsWithPhotos.join)
        ORDER BY page.visited_at DESC, page.id DESC, \(VisitsWithPhotos.photosOrder)
        """)

    public func friendVisits(for userID: UserID, _ request: PageRequest) async throws -> Page<FriendVisit> {
        let rows = try await database.query(Self.page, [userID] + request.sqlParameters)
        let items = try VisitsWithPhotos.fold(
            rows, into: { FriendVisit(visit: try Columns.visit($0), player: try Columns.playerCard($0)) }, visit: \.visit)
        return Page(items: items, totalCount: try totalCount(rows), request: request)
    }
}
