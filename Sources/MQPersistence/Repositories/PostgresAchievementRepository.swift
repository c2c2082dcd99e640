import MQDomain

/// Achievements in `core_achievement`.
public struct PostgresAchievementRepository: AchievementRepository {
    let database: Database

    static let list = Statement("achievement_list", """
        SELECT \(Columns.achievement), count(*) OVER () FROM core_achievement a ORDER BY a."achievementId" LIMIT $1 OFFSET $2
        """)
    static let byID = Statement("achievement_by_id", "SELECT \(Columns.achievement) FROM core_achievement a WHERE a.\"achievementId\" = $1")
    static let insert = Statement("achievement_insert", "INSERT INTO core_achievement (\"achievementId\", description, points) VALUES ($1, $2, $3)")
    static let update = Statement("achievement_update", """
        UPDATE core_achievement a SET description = $2, points = $3 WHERE a."achievementId" = $1 RETURNING \(Columns.achievement)
        """)
    static let delete = Statement("achievement_delete", "DELETE FROM core_achievement WHERE \"achievementId\" = $1 RETURNING 1")

    public func list(_ request: PageRequest) async throws -> Page<Achievement> {
        try await database.run { page(try $0.query(Self.list, request.sqlParameters), request, Columns.achievement) }
    }

    public func find(id: AchievementID) async throws -> Achievement? {
        try await database.run { try $0.query(Self.byID, [id]).first.map(Columns.achievement) }
    }

    public func create(_ achievement: Achievement) async throws -> Achievement {
        try await database.run { session in
            try session.uniquely({ _ in .achievementID }) {
                try session.query(Self.insert, [achievement.id, achievement.description, String(achievement.points)])
            }
            return achievement
        }
    }

    public func update(_ achievement: Achievement) async throws -> Achievement? {
        try await database.run {
            try $0.query(Self.update, [achievement.id, achievement.description, String(achievement.points)]).first.map(Columns.achievement)
        }
    }

    public func delete(id: AchievementID) async throws -> Bool {
        try await database.run { !(try $0.query(Self.delete, [id]).isEmpty) }
    }
}
