/// Where players' points are compared.
public protocol LeaderboardRepository: Sendable {
    /// The top `limit` players of the scope and the caller's own standing, ranked as
    /// ``Leaderboard/ranking(_:for:limit:)`` ranks them. A store may count a caller far down the board
    /// (below the top thousand or so) against a snapshot of everyone's points a few seconds old, with the
    /// caller's own points always current. `nil` when the caller no longer exists.
    func leaderboard(_ scope: LeaderboardScope, for userID: UserID, limit: Int) async throws -> Leaderboard?
}
