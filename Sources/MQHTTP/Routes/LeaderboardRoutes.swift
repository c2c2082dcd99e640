import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addLeaderboardRoutes(to table: RouteTable) {
        table.get("/api/leaderboard") { request, _ in
            let session = try await callerSession(request)
            let word = request.uri.queryParameters["scope"].map(String.init) ?? LeaderboardScope.global.rawValue
            guard let scope = LeaderboardScope(rawValue: word) else {
                throw MapleQuestError.invalid(FieldErrors("scope", "Choose \"global\" or \"friends\"."))
            }
            return JSONReply.make(.ok, LeaderboardJSON(try await game.leaderboards.leaderboard(scope, for: session), scope: scope))
        }
    }
}
