import MQDomain

/// Points compared in SQL: the top of the scope through `mq_user_points_idx`, and the caller's place by
/// counting who has more. Identifiers compare byte by byte (`COLLATE "C"`), as they do in Swift.
public struct PostgresLeaderboardRepository: LeaderboardRepository {
    let database: Database

    static let globalTop = Statement(
        "leaderboard_global_top",
        """
        SELECT \(Columns.user) FROM core_user u ORDER BY u.points DESC, u."userId" COLLATE "C" LIMIT $1
        """)
    static let globalMe = Statement(
        "leaderboard_global_me",
        """
        SELECT \(Columns.user), (SELECT count(*) FROM core_user o WHERE o.points > u.points) AS ahead FROM core_user u WHERE u."userId" = $1
        """)
    static let circle = "SELECT $1::varchar AS id UNION \(Columns.friendsOfFirstParameter)"
    static let friendsTop = Statement(
        "leaderboard_friends_top",
        """
        SELECT \(Columns.user) FROM (\(circle)) c JOIN core_user u ON u."userId" = c.id
        ORDER BY u.points DESC, u."userId" COLLATE "C" LIMIT $2
        """)
    static let friendsMe = Statement(
        "leaderboard_friends_me",
        """
        SELECT \(Columns.user), (SELECT count(*) FROM (\(circle)) c JOIN core_user o ON o."userId" = c.id WHERE o.points > u.points) AS ahead
        FROM core_user u WHERE u."userId" = $1
        """)

    public func leaderboard(_ scope: LeaderboardScope, for userID: UserID, limit: Int) async throws -> Leaderboard? {
        try await database.run { session in
            let (me, top): (Statement, Statement) = scope == .global ? (Self.globalMe, Self.globalTop) : (Self.friendsMe, Self.friendsTop)
            guard let row = try session.query(me, [userID]).first else { return nil }
            let players = try session.query(top, scope == .global ? [String(limit)] : [userID, String(limit)]).map(Columns.user)
            return Leaderboard(top: players, caller: try Columns.user(row), playersAhead: try row.int("ahead"))
        }
    }
}
