import MQDomain

/// `Achievement`.
struct AchievementJSON: Encodable {
    let achievementID: String
    let description: String
    let points: Int

    enum CodingKeys: String, CodingKey {
        case achievementID = "achievement_id", description, points
    }

    init(_ achievement: Achievement) {
        achievementID = achievement.id
        description = achievement.description
        points = achievement.points
    }
}
