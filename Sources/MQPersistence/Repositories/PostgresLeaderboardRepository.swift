import MQDomain

/// Points compared in SQL, one round trip per leaderboard: the top of the scope (through
/// `mq_user_points_idx` for everyone) and, in the same result, the caller's row with how many players of
/// the scope have more points.
public struct PostgresLeaderboardRepository: LeaderboardRepository {
    let database: Database

    static let contender = #"u."userId" AS user_id, u.first_name, u.last_name, u.points"#
    static let global = Statement(
        "leaderboard_global",
        """
        (SELECT \(contender), false AS is_caller, 0 AS ahead FROM core_user u
         ORDER BY u.points DESC, u."userId" COLLATE "C" LIMIT $2)
        UNION ALL
        SELECT \(contender), true, (SELECT count(*) FROM core_user o WHERE o.points > u.points) FROM core_user u WHERE u."userId" = $1
        """)
    static let friends = Statement(
        "leaderboard_friends",
        """
        WITH circle AS MATERIALIZED (
            SELECT \(contender) FROM (SELECT $1::varchar AS id UNION \(Columns.friendsOfFirstParameter)) c
            JOIN core_user u ON u."userId" = c.id
        )
        (SELECT *, false AS is_caller, 0 AS ahead FROM circle ORDER BY points DESC, user_id COLLATE "C" LIMIT $2)
        UNION ALL
        SELECT *, true, (SELECT count(*) FROM circle o WHERE o.points > me.points) FROM circle me WHERE me.user_id = $1
        """)

    public func leaderboard(_ scope: LeaderboardScope, for userID: UserID, limit: Int) async throws -> Leaderboard? {
        let rows = try await database.query(scope == .global ? Self.global : Self.friends, [userID, String(limit)])
        var top: [Contender] = []
        var caller: (Contender, Int)?
        for row in rows {
            let contender = Contender(
                userID: try row.string("user_id"), firstName: try row.string("first_name"), lastName: try row.string("last_name"),
                points: try row.int("points"))
            if try row.bool("is_caller") { caller = (contender, try row.int("ahead")) } else { top.append(contender) }
        }
        guard let (me, ahead) = caller else { return nil }
        return Leaderboard(top: top, caller: me, playersAhead: ahead)
    }
}
