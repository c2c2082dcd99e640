import MQDomain

/// Points compared in one round trip per leaderboard. Everyone: the top of `mq_user_points_idx` and, in
/// the same result, the caller's row with how many players have more points, counted as ``RankCounting``
/// says (exactly to a depth, from a shared `PointsLadder` below it). Friends: the caller's
/// circle read by primary key and ranked here, exactly as ``Leaderboard/ranking(_:for:limit:)`` ranks
/// for every store; a circle is one player's friends, so it is small enough to rank in the answer. It
/// arrives already in rank order, which makes that ranking's (stable, insertion) sort a single pass.
public struct PostgresLeaderboardRepository: LeaderboardRepository {
    let database: Database
    /// How many players ahead a read counts exactly (``RankCounting/exactDepth``).
    let exactDepth: Int
    /// Where ranks deeper than `exactDepth` are read; `nil` when every rank is counted exactly.
    let ladder: ExpiringSnapshot<PointsLadder>?

    static let contender = #"u."userId" AS user_id, u.first_name, u.last_name, u.points"#
    static let global = Statement(
        "leaderboard_global",
        """
        (SELECT \(contender), false AS is_caller, 0 AS ahead FROM core_user u
         ORDER BY u.points DESC, u."userId" COLLATE "C" LIMIT $2)
        UNION ALL
        SELECT \(contender), true, (SELECT count(*) FROM (SELECT 1 FROM core_user o WHERE o.points > u.points LIMIT $3) ahead)
        FROM core_user u WHERE u."userId" = $1
        """)
    static let ladderRungs = Statement("leaderboard_ladder", "SELECT points, count(*) AS players FROM core_user GROUP BY points")
    static let circle = Statement(
        "leaderboard_circle",
        """
        SELECT \(contender) FROM core_user u WHERE u."userId" = ANY (\(Columns.friendIDsOfFirstParameter) || $1::varchar)
        ORDER BY u.points DESC, u."userId" COLLATE "C"
        """)

    public func leaderboard(_ scope: LeaderboardScope, for userID: UserID, limit: Int) async throws -> Leaderboard? {
        switch scope {
        case .global: try await global(for: userID, limit: limit)
        case .friends: try await friends(of: userID, limit: limit)
        }
    }

    private func global(for userID: UserID, limit: Int) async throws -> Leaderboard? {
        var top: [Contender] = []
        var caller: (Contender, Int)?
        let depth = ladder == nil ? nil : String(exactDepth)
        for row in try await database.query(Self.global, [userID, String(limit), depth]) {
            let contender = try Self.contender(row)
            if try row.bool("is_caller") { caller = (contender, try row.int("ahead")) } else { top.append(contender) }
        }
        guard let (me, counted) = caller else { return nil }
        guard let ladder, counted >= exactDepth else { return Leaderboard(top: top, caller: me, playersAhead: counted) }
        let placed = try await ladder.current().value.playersAbove(me.points)
        return Leaderboard(top: top, caller: me, playersAhead: max(counted, placed))
    }

    /// Every points total with how many players hold it, read on a pooled session so that its scan of
    /// `core_user` holds up no pipelined statement behind it.
    static func ladder(in database: Database) async throws -> PointsLadder {
        let rungs = try await database.run { session in
            try session.query(ladderRungs).map { (points: try $0.int("points"), players: try $0.int("players")) }
        }
        return PointsLadder(rungs)
    }

    private func friends(of userID: UserID, limit: Int) async throws -> Leaderboard? {
        let circle = try await database.query(Self.circle, [userID]).map(Self.contender)
        guard let me = circle.first(where: { $0.isPlayer(userID) }) else { return nil }
        return Leaderboard.ranking(circle, for: me, limit: limit)
    }

    private static func contender(_ row: Row) throws -> Contender {
        Contender(
            userID: try row.string("user_id"), firstName: try row.string("first_name"), lastName: try row.string("last_name"),
            points: try row.int("points"))
    }
}
