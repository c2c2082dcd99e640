import MQDomain

/// The head of the global leaderboard as it was read: its top players, ranked, and the points of the
/// player just past the exact depth (``RankCounting/exactDepth``).
///
/// Every global read shows the same top, and most callers sit far below the exact depth, where counting
/// the players ahead was most of a global read's cost in PostgreSQL. So one head is read and shared by
/// the global reads for ``RankCounting/headLifetime``, and forgotten after every change this store makes
/// to a player's points, name or existence that it may show (``mayShow(changeOf:holding:)``): a change
/// made through this task shows on the next read, and one made by another task within the lifetime. The
/// caller's own entry always shows their current points.
struct BoardHead: Sendable {
    /// The top of the board, most points first (ties by identifier).
    let top: [Contender]
    /// ``top`` ranked: handed unchanged (the same array) to every caller who is not in it and does not
    /// enter it.
    let standings: [Standing]
    /// Who is in ``top``.
    private let players: Set<UserID>
    /// The points of the player at offset ``RankCounting/exactDepth`` (the first one past the depth);
    /// `nil` while no player is that far down. The depth's players and this one all hold at least these
    /// points, so a caller holding fewer has at least the depth's number of other players ahead, even if
    /// they were one of them when the head was read.
    let pastDepthPoints: Int?
    /// How many players ``top`` was asked for: a head holding fewer holds the whole board.
    let limit: Int

    /// - Parameter top: in rank order.
    init(top: [Contender], pastDepthPoints: Int?, limit: Int) {
        self.top = top
        standings = Leaderboard.standings(top)
        players = Set(top.map(\.userID))
        self.pastDepthPoints = pastDepthPoints
        self.limit = limit
    }

    /// Whether at least the exact depth's number of other players hold more than `points` (see
    /// ``pastDepthPoints``).
    func placesBelowTheDepth(_ points: Int) -> Bool {
        guard let pastDepthPoints else { return false }
        return points < pastDepthPoints
    }

    /// Whether a change to `player`, who held each of `points` before or after it, may show in this head.
    /// One that does not is a player outside the top who stayed below ``pastDepthPoints`` throughout: the
    /// players down to the one past the depth, and their points, are the same after it.
    func mayShow(changeOf player: UserID, holding points: [Int]) -> Bool {
        guard let pastDepthPoints else { return true }
        return players.contains(player) || points.contains { $0 >= pastDepthPoints }
    }

    /// The top `limit` standings as `caller` sees them, their own entry with their current points; `nil`
    /// when that cannot be told from this head: the caller was in it and fell below its last player, so
    /// who takes their place is unknown.
    func standings(for caller: Contender, limit: Int) -> [Standing]? {
        if limit == self.limit, top.count == self.limit, let last = top.last, !Contender.ranksAbove(caller, last),
            !players.contains(caller.userID)
        {
            return standings
        }
        var others = top.filter { !$0.isPlayer(caller.userID) }
        if let place = others.firstIndex(where: { Contender.ranksAbove(caller, $0) }) {
            others.insert(caller, at: place)
        } else if top.count < self.limit {
            others.append(caller)
        } else if others.count < top.count && others.count < limit {
            return nil
        }
        return Leaderboard.standings(Array(others.prefix(limit)))
    }
}

extension ExpiringSnapshot where Value == BoardHead {
    /// After a change to `player`, who held each of `points` before or after it: forgets the head if it
    /// may show the change (``BoardHead/mayShow(changeOf:holding:)``), so most check-ins, far below the
    /// top, leave it to every reader.
    func forget(changeOf player: UserID, holding points: Int...) {
        invalidate { $0.mayShow(changeOf: player, holding: points) }
    }
}

extension BoardHead {
    /// Runs a change to players, forgetting `head` if it fails: whether it changed anything is not known.
    static func forgetting<Changed>(_ head: ExpiringSnapshot<BoardHead>?, ifFails change: () async throws -> Changed) async throws -> Changed {
        do {
            return try await change()
        } catch {
            head?.invalidate()
            throw error
        }
    }
}
