import MQDomain

/// Friends' visits: one statement for the page with each visit's player card, one for their photos, both
/// through the pipeline. The landmarks come from the catalog the map reads (``FeedService``), not from
/// here: joining `core_location` was a fifth of the page statement's cost (`docs/performance.md`).
public struct PostgresFeedRepository: FeedRepository {
    let database: Database

    /// The page is chosen from index-only scans (friendships, then each friend's newest visits); only its
    /// rows are joined with their players.
    static let page = Statement(
        "feed_page",
        """
        WITH page AS (
            SELECT v.id, v.visited_at, count(*) OVER () AS total
            FROM core_visit v WHERE v.user_id = ANY (\(Columns.friendIDsOfFirstParameter))
            ORDER BY v.visited_at DESC, v.id DESC LIMIT $2 OFFSET $3
        )
        SELECT \(Columns.visit), \(Columns.playerCard), page.total
        FROM page
        JOIN core_visit v ON v.id = page.id
        JOIN core_user u ON u."userId" = v.user_id
        ORDER BY page.visited_at DESC, page.id DESC
        """)

    public func friendVisits(for userID: UserID, _ request: PageRequest) async throws -> Page<FriendVisit> {
        let rows = try await database.query(Self.page, [userID] + request.sqlParameters)
        let visits = try await PostgresVisitRepository.visits(rows, in: database)
        let items = try zip(visits, rows).map { visit, row in FriendVisit(visit: visit, player: try Columns.playerCard(row)) }
        return Page(items: items, totalCount: try totalCount(rows), request: request)
    }
}
