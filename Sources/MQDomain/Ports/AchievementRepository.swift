/// Where achievements are kept, in identifier order.
public protocol AchievementRepository: Sendable {
    func list(_ page: PageRequest) async throws -> Page<Achievement>
    func find(id: AchievementID) async throws -> Achievement?
    /// Throws ``DuplicateValue`` when the identifier is taken.
    func create(_ achievement: Achievement) async throws -> Achievement
    func update(_ achievement: Achievement) async throws -> Achievement?
    func delete(id: AchievementID) async throws -> Bool
}
