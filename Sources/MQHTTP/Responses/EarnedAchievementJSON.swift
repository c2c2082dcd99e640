import MQDomain

/// An achievement the caller holds: the achievement's fields plus `earned_at`.
struct EarnedAchievementJSON: Encodable {
    let earned: EarnedAchievement

    enum CodingKeys: String, CodingKey {
        case earnedAt = "earned_at"
    }

    func encode(to encoder: any Encoder) throws {
        try AchievementJSON(earned.achievement).encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Timestamp.string(earned.earnedAt), forKey: .earnedAt)
    }
}
