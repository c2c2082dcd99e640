/// Where players' points are compared.
public protocol LeaderboardRepository: Sendable {
    /// The top `limit` players of the scope and the caller's own standing, ranked as
    /// ``Leaderboard/ranking(_:for:limit:)`` ranks them. `nil` when the caller no longer exists.
    func leaderboard(_ scope: LeaderboardScope, for userID: UserID, limit: Int) async throws -> Leaderboard?
}
