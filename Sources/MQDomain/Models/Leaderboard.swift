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

    /// Ranks the way every store must: `top` is the head of the scope's players (in any order; they are
    /// ordered here by points, highest first, ties by identifier); equal points share a rank; the
    /// caller's rank is one more than the number of players in the scope with more points than them.
    public init(top: [Contender], caller: Contender, playersAhead: Int) {
        self.init(top: Self.standings(Self.inRankOrder(top, limit: top.count)), me: Standing(caller, rank: playersAhead + 1))
    }

    /// The standings of players already in rank order (``Contender/ranksAbove(_:_:)``): equal points share
    /// a rank and the next rank skips past them.
    public static func standings(_ ordered: [Contender]) -> [Standing] {
        var standings: [Standing] = []
        standings.reserveCapacity(ordered.count)
        var rank = 0
        for (index, player) in ordered.enumerated() {
            if index == 0 || player.points != ordered[index - 1].points { rank = index + 1 }
            standings.append(Standing(player, rank: rank))
        }
        return standings
    }

    /// The leaderboard of `players` (the whole scope, caller included).
    public static func ranking(_ players: [Contender], for caller: Contender, limit: Int = topCount) -> Leaderboard {
        let ahead = players.reduce(0) { $0 + ($1.points > caller.points ? 1 : 0) }
        return Leaderboard(top: standings(inRankOrder(players, limit: limit)), me: Standing(caller, rank: ahead + 1))
    }

    /// The first `limit` of `players` in rank order (``Contender/ranksAbove(_:_:)``). Their positions are
    /// sorted, not the players: moving a player copies three strings, and sorting a friends leaderboard's
    /// 51 players in place, then again when the top was made, cost more than reading them from the database.
    private static func inRankOrder(_ players: [Contender], limit: Int) -> [Contender] {
        players.indices.sorted { Contender.ranksAbove(players[$0], players[$1]) }.prefix(limit).map { players[$0] }
    }
}

/// A player as a leaderboard compares them.
public struct Contender: Sendable, Equatable {
    public var userID: UserID
    public var firstName: String
    public var lastName: String
    public var points: Int

    public init(userID: UserID, firstName: String, lastName: String, points: Int) {
        self.userID = userID
        self.firstName = firstName
        self.lastName = lastName
        self.points = points
    }

    public init(_ user: User) {
        self.init(userID: user.id, firstName: user.firstName, lastName: user.lastName, points: user.points)
    }

    /// More points first; equal points by identifier, compared as bytes.
    public static func ranksAbove(_ first: Contender, _ second: Contender) -> Bool {
        first.points != second.points ? first.points > second.points : bytesPrecede(first.userID, second.userID)
    }

    /// Whether this is the player `userID` names: the identifiers' UTF-8 compared byte for byte, in place
    /// (the generic `elementsEqual`, over `UTF8View` or even over the bytes, cost a friends leaderboard more
    /// than its sort).
    public func isPlayer(_ userID: UserID) -> Bool {
        Self.withUTF8(of: self.userID, userID) { left, right in
            guard left.count == right.count else { return false }
            for index in 0..<left.count where left[index] != right[index] { return false }
            return true
        }
    }

    /// Byte order of two identifiers' UTF-8, compared in place: the generic `lexicographicallyPrecedes`
    /// over `UTF8View` cost a quarter of ranking a friends leaderboard, where equal points are common.
    private static func bytesPrecede(_ first: String, _ second: String) -> Bool {
        withUTF8(of: first, second) { left, right in
            for index in 0..<min(left.count, right.count) where left[index] != right[index] {
                return left[index] < right[index]
            }
            return left.count < right.count
        }
    }

    /// Both strings' UTF-8 in place. Reading it without copying the strings first (`String.withUTF8`
    /// needs a mutable copy, and so a retain and a release) works for every native string; any other is
    /// made native first.
    private static func withUTF8<Result>(
        of first: String, _ second: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        let answer = first.utf8.withContiguousStorageIfAvailable { left in
            second.utf8.withContiguousStorageIfAvailable { right in body(left, right) }
        }
        if let answer, let answer { return answer }
        var first = first
        var second = second
        return first.withUTF8 { left in second.withUTF8 { right in body(left, right) } }
    }
}

extension Standing {
    public init(_ player: Contender, rank: Int) {
        self.init(rank: rank, userID: player.userID, firstName: player.firstName, lastName: player.lastName, points: player.points)
    }

    public init(_ player: User, rank: Int) {
        self.init(Contender(player), rank: rank)
    }
}
