/// Who has the most points, among everyone or among a player's friends.
public struct LeaderboardService: Sendable {
    private let leaderboards: any LeaderboardRepository

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    public init(leaderboards: any LeaderboardRepository) {
        self.leaderboards = leaderboards
    }

    init(_ dependencies: GameDependencies) {
        self.init(leaderboards: dependencies.leaderboards)
    }

    /// The top ``Leaderboard/topCount`` players of the scope and the caller's own standing.
    public func leaderboard(_ scope: LeaderboardScope, for caller: User) async throws -> Leaderboard {
        guard let board = try await leaderboards.leaderboard(scope, for: caller.id, limit: Leaderboard.topCount) else {
            throw MapleQuestError.notFound(.user)
        }
        return board
    }

    /// The signed-in caller's board, with their account as `session` read it for this request, which
    /// spares the store reading it again.
    public func leaderboard(_ scope: LeaderboardScope, for session: PlayerSession) async throws -> Leaderboard {
        guard let board = try await leaderboards.leaderboard(scope, forJustRead: Contender(session.user), limit: Leaderboard.topCount) else {
            throw MapleQuestError.notFound(.user)
        }
        return board
    }
}
