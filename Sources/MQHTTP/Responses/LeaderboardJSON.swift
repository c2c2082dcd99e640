import MQDomain

/// `{"scope", "results": [{"rank", "user_id", "first_name", "last_name", "points"}…], "me": {"rank", "points"}}`.
struct LeaderboardJSON: WritesOwnJSON {
    let scope: String
    let results: [StandingJSON]
    let me: MyStandingJSON

    init(_ board: Leaderboard, scope: LeaderboardScope) {
        self.scope = scope.rawValue
        results = board.top.map(StandingJSON.init)
        me = MyStandingJSON(rank: board.me.rank, points: board.me.points)
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("me", object: me)
        writer.field("results", objects: results)
        writer.field("scope", scope)
    }

    struct StandingJSON: WritesOwnJSON {
        let rank: Int
        let userID: String
        let firstName: String
        let lastName: String
        let points: Int

        enum CodingKeys: String, CodingKey {
            case rank, userID = "user_id", firstName = "first_name", lastName = "last_name", points
        }

        init(_ standing: Standing) {
            rank = standing.rank
            userID = standing.userID
            firstName = standing.firstName
            lastName = standing.lastName
            points = standing.points
        }

        func writeFields(to writer: inout JSONObjectWriter) {
            writer.field("first_name", firstName)
            writer.field("last_name", lastName)
            writer.field("points", points)
            writer.field("rank", rank)
            writer.field("user_id", userID)
        }
    }

    struct MyStandingJSON: WritesOwnJSON {
        let rank: Int
        let points: Int

        func writeFields(to writer: inout JSONObjectWriter) {
            writer.field("points", points)
            writer.field("rank", rank)
        }
    }
}
