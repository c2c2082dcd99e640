import FoundationEssentials

/// An achievement's identifier: up to 10 characters.
public typealias AchievementID = String

/// A badge players can earn.
public struct Achievement: Sendable, Equatable, Hashable {
    public var id: AchievementID
    public var description: String
    public var points: Int
    /// How the game awards it on a check-in; `nil` for a badge only staff hand out.
    public var rule: AchievementRule?

    public init(id: AchievementID, description: String, points: Int, rule: AchievementRule? = nil) {
        self.id = id
        self.description = description
        self.points = points
        self.rule = rule
    }
}

/// An achievement a player holds, and when the game awarded it.
public struct EarnedAchievement: Sendable, Equatable {
    public var achievement: Achievement
    public var earnedAt: Date

    public init(achievement: Achievement, earnedAt: Date) {
        self.achievement = achievement
        self.earnedAt = earnedAt
    }
}
