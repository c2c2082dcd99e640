/// An achievement's identifier: up to 10 characters.
public typealias AchievementID = String

/// A badge players can earn.
public struct Achievement: Sendable, Equatable, Hashable {
    public var id: AchievementID
    public var description: String
    public var points: Int

    public init(id: AchievementID, description: String, points: Int) {
        self.id = id
        self.description = description
        self.points = points
    }
}
