import MQDomain

/// `{"scope", "results": [{"rank", "user_id", "first_name", "last_name", "points"}…], "me": {"rank", "points"}}`.
struct LeaderboardJSON: WritesOwnJSON {
    /// The global board's top, which a store may share between callers (see ``SharedStandingsJSON``).
    static let sharedTop = SharedStandingsJSON()

    let scope: LeaderboardScope
    let top: [Standing]
    let me: MyStandingJSON

    init(_ board: Leaderboard, scope: LeaderboardScope) {
        self.scope = scope
        top = board.top
        me = MyStandingJSON(rank: board.me.rank, points: board.me.points)
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("me", object: me)
        switch scope {
        case .global: writer.field("results", encoded: Self.sharedTop.json(top, Self.results))
        case .friends: writer.field("results", objects: top.map(StandingJSON.init))
        }
        writer.field("scope", scope.rawValue)
    }

    private static func results(_ top: [Standing]) -> [UInt8] {
        JSONObjectWriter.encodedList(top.map(StandingJSON.init))
    }

    enum CodingKeys: String, CodingKey {
        case me, results, scope
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(me, forKey: .me)
        try container.encode(top.map(StandingJSON.init), forKey: .results)
        try container.encode(scope.rawValue, forKey: .scope)
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
