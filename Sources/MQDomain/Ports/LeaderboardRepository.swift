/// Where players' points are compared.
public protocol LeaderboardRepository: Sendable {
    /// The top `limit` players of the scope and the caller's own standing, ranked as
    /// ``Leaderboard/ranking(_:for:limit:)`` ranks them. A store may count a caller far down the board
    /// (below the top thousand or so) against a snapshot of everyone's points a few seconds old, and show
    /// the rest of a global board as it was up to a second ago for changes made elsewhere (another server
    /// task), with the caller's own points always current. `nil` when the caller no longer exists.
    func leaderboard(_ scope: LeaderboardScope, for userID: UserID, limit: Int) async throws -> Leaderboard?

    /// The same board for a caller whose account was read for the request being answered: a store may
    /// rank `caller` as given instead of reading their row again. Without an implementation of its own, a
    /// store reads the caller as ``leaderboard(_:for:limit:)`` does.
    func leaderboard(_ scope: LeaderboardScope, forJustRead caller: Contender, limit: Int) async throws -> Leaderboard?
}

extension LeaderboardRepository {
    public func leaderboard(_ scope: LeaderboardScope, forJustRead caller: Contender, limit: Int) async throws -> Leaderboard? {
        try await leaderboard(scope, for: caller.userID, limit: limit)
    }
}
