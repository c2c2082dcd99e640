import MQDomain

/// Points compared in PostgreSQL. Everyone: the top of `mq_user_points_idx` and how many players have
/// more points than the caller, counted as ``RankCounting`` says: from a shared ``BoardHead`` and
/// `PointsLadder` when ranks may lag, else exactly in one round trip per read. Friends: the caller's
/// circle read by identifier and ranked here, exactly as ``Leaderboard/ranking(_:for:limit:)`` ranks for
/// every store; a circle is one player's friends, so it is small enough to rank in the answer. It arrives
/// already in rank order, which makes that ranking's (stable, insertion) sort a single pass.
public struct PostgresLeaderboardRepository: LeaderboardRepository {
    let database: Database
    /// How many players ahead a read counts exactly (``RankCounting/exactDepth``).
    let exactDepth: Int
    /// Where ranks deeper than `exactDepth` are read; `nil` when every rank is counted exactly.
    let ladder: ExpiringSnapshot<PointsLadder>?
    /// The shared top of the global board; `nil` when every read reads its own.
    let head: ExpiringSnapshot<BoardHead>?

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
    /// The top `$1` players and, flagged, the points of the player at offset `$2` (the first past the
    /// exact depth), which the points index alone answers.
    static let head = Statement(
        "leaderboard_head",
        """
        (SELECT \(contender), false AS past_depth FROM core_user u ORDER BY u.points DESC, u."userId" COLLATE "C" LIMIT $1)
        UNION ALL
        (SELECT NULL, NULL, NULL, u.points, true FROM core_user u ORDER BY u.points DESC LIMIT 1 OFFSET $2)
        """)
    /// The caller's row and how many players hold more points, counted up to `$3`, unless the caller
    /// holds fewer than `$2` (the shared head's points just past the depth): then `$3` at once, for at
    /// least that many players are ahead. A `CASE` runs the count only when its branch is taken.
    static let standing = Statement(
        "leaderboard_standing",
        """
        SELECT \(contender), CASE WHEN u.points < $2::integer THEN $3::bigint
            ELSE (SELECT count(*) FROM (SELECT 1 FROM core_user o WHERE o.points > u.points LIMIT $3::bigint) ahead) END AS ahead
        FROM core_user u WHERE u."userId" = $1
        """)
    /// How many players hold more than `$1` points, counted up to `$2`.
    static let ahead = Statement(
        "leaderboard_ahead", "SELECT count(*) AS ahead FROM (SELECT 1 FROM core_user o WHERE o.points > $1::integer LIMIT $2::bigint) ahead")
    static let ladderRungs = Statement("leaderboard_ladder", "SELECT points, count(*) AS players FROM core_user GROUP BY points")
    /// The caller and their friends, in no order: ``Leaderboard/ranking(_:for:limit:)`` orders them by the
    /// domain's rule, and sorting them in PostgreSQL as well cost it a tenth of the statement.
    static let circle = Statement(
        "leaderboard_circle",
        """
        SELECT \(contender) FROM core_user u WHERE u."userId" COLLATE "C" = ANY (\(Columns.friendIDsOfFirstParameter) || $1::varchar)
        """)

    public func leaderboard(_ scope: LeaderboardScope, for userID: UserID, limit: Int) async throws -> Leaderboard? {
        switch scope {
        case .global:
            if let head, limit <= Leaderboard.topCount {
                try await global(for: userID, limit: limit, from: head)
            } else {
                try await global(for: userID, limit: limit)
            }
        case .friends: try await friends(of: userID, limit: limit)
        }
    }

    /// On the global board with a shared head, no statement at all unless the caller's points reach past
    /// the exact depth; then one that counts the players ahead.
    public func leaderboard(_ scope: LeaderboardScope, forJustRead caller: Contender, limit: Int) async throws -> Leaderboard? {
        guard scope == .global, let head, limit <= Leaderboard.topCount else { return try await leaderboard(scope, for: caller.userID, limit: limit) }
        let board = try await head.current().value
        guard let top = board.standings(for: caller, limit: limit) else { return try await global(for: caller.userID, limit: limit) }
        guard board.placesBelowTheDepth(caller.points) else {
            let counted = try await database.query(Self.ahead, [String(caller.points), String(exactDepth)]).first?.int("ahead") ?? 0
            return try await placed(caller, top: top, counted: counted)
        }
        return try await placed(caller, top: top, counted: exactDepth)
    }

    /// The top from the shared head, and the caller's row with the players ahead, counted only when the
    /// caller's points reach past the exact depth.
    private func global(for userID: UserID, limit: Int, from head: ExpiringSnapshot<BoardHead>) async throws -> Leaderboard? {
        let board = try await head.current().value
        let parameters = [userID, board.pastDepthPoints.map { String($0) }, String(exactDepth)]
        guard let row = try await database.query(Self.standing, parameters).first else { return nil }
        let caller = try Self.contender(row)
        guard let top = board.standings(for: caller, limit: limit) else { return try await global(for: userID, limit: limit) }
        return try await placed(caller, top: top, counted: try row.int("ahead"))
    }

    /// The top and the caller's rank in one statement of this read's own.
    private func global(for userID: UserID, limit: Int) async throws -> Leaderboard? {
        var top: [Contender] = []
        var caller: (Contender, Int)?
        let depth = ladder == nil ? nil : String(exactDepth)
        for row in try await database.query(Self.global, [userID, String(limit), depth]) {
            let contender = try Self.contender(row)
            if try row.bool("is_caller") { caller = (contender, try row.int("ahead")) } else { top.append(contender) }
        }
        guard let (me, counted) = caller else { return nil }
        return try await placed(me, top: Leaderboard.standings(top), counted: counted)
    }

    /// `caller` ranked after `counted` players ahead, or, when that reached the exact depth, wherever the
    /// ladder places their points.
    private func placed(_ caller: Contender, top: [Standing], counted: Int) async throws -> Leaderboard {
        var playersAhead = counted
        if let ladder, counted >= exactDepth { playersAhead = max(counted, try await ladder.current().value.playersAbove(caller.points)) }
        return Leaderboard(top: top, me: Standing(caller, rank: playersAhead + 1))
    }

    /// The shared head, read on a pooled session like the ladder, so that its walk down the points index
    /// holds up no pipelined statement behind it.
    static func head(in database: Database, exactDepth: Int) async throws -> BoardHead {
        try await database.run { session in
            var top: [Contender] = []
            var pastDepthPoints: Int?
            for row in try session.query(Self.head, [String(Leaderboard.topCount), String(exactDepth)]) {
                if try row.bool("past_depth") { pastDepthPoints = try row.int("points") } else { top.append(try contender(row)) }
            }
            return BoardHead(top: top, pastDepthPoints: pastDepthPoints, limit: Leaderboard.topCount)
        }
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
