import MQDomain

/// Achievements in `core_achievement`, their rules in `mq_achievement_rule` and who earned them in
/// `mq_earned_achievement`. Django's table keeps its shape, so the old backend still reads it.
public struct PostgresAchievementRepository: AchievementRepository {
    let database: Database

    static let list = Statement(
        "achievement_list",
        """
        SELECT \(Columns.achievement), count(*) OVER () AS total FROM \(Columns.achievementSource)
        ORDER BY a."achievementId" LIMIT $1 OFFSET $2
        """)
    static let byID = Statement(
        "achievement_by_id",
        """
        SELECT \(Columns.achievement) FROM \(Columns.achievementSource) WHERE a."achievementId" = $1
        """)
    static let earned = Statement(
        "achievement_earned",
        """
        SELECT \(Columns.achievement), \(SQLTime.micros("e.earned_at")) AS earned_at, count(*) OVER () AS total
        FROM mq_earned_achievement e JOIN \(Columns.achievementSource) ON a."achievementId" = e.achievement_id
        WHERE e.user_id = $1 ORDER BY e.earned_at DESC, e.achievement_id LIMIT $2 OFFSET $3
        """)
    static let insert = Statement("achievement_insert", "INSERT INTO core_achievement (\"achievementId\", description, points) VALUES ($1, $2, $3)")
    static let update = Statement(
        "achievement_update",
        """
        UPDATE core_achievement a SET description = $2, points = $3 WHERE a."achievementId" = $1 RETURNING 1
        """)
    static let saveRule = Statement(
        "achievement_save_rule",
        """
        INSERT INTO mq_achievement_rule (achievement_id, kind, threshold, landmarks) VALUES ($1, $2, $3, $4::varchar[])
        ON CONFLICT (achievement_id) DO UPDATE SET kind = excluded.kind, threshold = excluded.threshold, landmarks = excluded.landmarks
        """)
    static let dropRule = Statement("achievement_drop_rule", "DELETE FROM mq_achievement_rule WHERE achievement_id = $1")
    static let delete = Statement("achievement_delete", "DELETE FROM core_achievement WHERE \"achievementId\" = $1 RETURNING 1")

    public func list(_ request: PageRequest) async throws -> Page<Achievement> {
        try page(try await database.query(Self.list, request.sqlParameters), request, Columns.achievement)
    }

    public func earned(by userID: UserID, _ request: PageRequest) async throws -> Page<EarnedAchievement> {
        try page(try await database.query(Self.earned, [userID] + request.sqlParameters), request) { row in
            EarnedAchievement(achievement: try Columns.achievement(row), earnedAt: try row.date("earned_at"))
        }
    }

    public func find(id: AchievementID) async throws -> Achievement? {
        try await database.query(Self.byID, [id]).first.map(Columns.achievement)
    }

    public func create(_ achievement: Achievement) async throws -> Achievement {
        try await database.transaction { session in
            try session.uniquely({ _ in .achievementID }) {
                try session.query(Self.insert, [achievement.id, achievement.description, String(achievement.points)])
            }
            try Self.store(achievement.rule, of: achievement.id, in: session)
            return achievement
        }
    }

    public func update(_ achievement: Achievement) async throws -> Achievement? {
        try await database.transaction { session in
            guard try !session.query(Self.update, [achievement.id, achievement.description, String(achievement.points)]).isEmpty else {
                return nil
            }
            try Self.store(achievement.rule, of: achievement.id, in: session)
            return achievement
        }
    }

    public func delete(id: AchievementID) async throws -> Bool {
        !(try await database.query(Self.delete, [id]).isEmpty)
    }

    private static func store(_ rule: AchievementRule?, of id: AchievementID, in session: PostgresSession) throws {
        if let rule {
            try session.query(saveRule, [id] + AchievementRuleColumns.parameters(rule))
        } else {
            try session.query(dropRule, [id])
        }
    }
}
