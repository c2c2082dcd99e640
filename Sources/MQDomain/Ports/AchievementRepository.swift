/// Where achievements, their rules and the achievements players earned are kept. Lists of achievements
/// are in identifier order.
public protocol AchievementRepository: Sendable {
    /// What the player earned, newest first (ties in identifier order).
    func earned(by userID: UserID, _ page: PageRequest) async throws -> Page<EarnedAchievement>
    func list(_ page: PageRequest) async throws -> Page<Achievement>
    func find(id: AchievementID) async throws -> Achievement?
    /// Throws ``DuplicateValue`` when the identifier is taken.
    func create(_ achievement: Achievement) async throws -> Achievement
    /// Stores the description, points and rule.
    func update(_ achievement: Achievement) async throws -> Achievement?
    func delete(id: AchievementID) async throws -> Bool
}
