/// Whose points a leaderboard compares.
public enum LeaderboardScope: String, Sendable, CaseIterable {
    /// Every player.
    case global
    /// The caller and the players they are friends with.
    case friends
}

/// A player's place on a leaderboard. Ties share a rank and the next rank skips past them (1, 1, 3).
public struct Standing: Sendable, Equatable {
    public var rank: Int
    public var userID: UserID
    public var firstName: String
    public var lastName: String
    public var points: Int

    public init(rank: Int, userID: UserID, firstName: String, lastName: String, points: Int) {
        self.rank = rank
        self.userID = userID
        self.firstName = firstName
        self.lastName = lastName
        self.points = points
    }
}

/// The top of a leaderboard, most points first (ties by player identifier), and the caller's own place.
public struct Leaderboard: Sendable, Equatable {
    /// How many players the top of a leaderboard lists.
    public static let topCount = 50

    public var top: [Standing]
    public var me: Standing

    public init(top: [Standing], me: Standing) {
        self.top = top
        self.me = me
    }

    /// Ranks the way every store must: `top` is the head of the scope's players ordered by points, highest
    /// first, ties by identifier; equal points share a rank; the caller's rank is one more than the number
    /// of players in the scope with more points than them.
    public init(top: [User], caller: User, playersAhead: Int) {
        var standings: [Standing] = []
        var rank = 0
        for (index, player) in top.enumerated() {
            if index == 0 || player.points != top[index - 1].points { rank = index + 1 }
            standings.append(Standing(player, rank: rank))
        }
        self.init(top: standings, me: Standing(caller, rank: playersAhead + 1))
    }

    /// The leaderboard of `players` (the whole scope, caller included), in the order of ``init(top:caller:playersAhead:)``.
    public static func ranking(_ players: [User], for caller: User, limit: Int = topCount) -> Leaderboard {
        let ordered = players.sorted { ($0.points, $1.id) > ($1.points, $0.id) }
        let ahead = players.reduce(0) { $0 + ($1.points > caller.points ? 1 : 0) }
        return Leaderboard(top: Array(ordered.prefix(limit)), caller: caller, playersAhead: ahead)
    }
}

extension Standing {
    public init(_ player: User, rank: Int) {
        self.init(rank: rank, userID: player.id, firstName: player.firstName, lastName: player.lastName, points: player.points)
    }
}
