/// An achievement as staff submit it. `nil` means the field was not sent.
public struct AchievementDraft: Sendable, Equatable {
    public var id: AchievementID?
    public var description: String?
    public var points: Int?

    public init(id: AchievementID? = nil, description: String? = nil, points: Int? = nil) {
        self.id = id
        self.description = description
        self.points = points
    }
}

/// Badges: public reads, staff-only writes.
public struct AchievementService: Sendable {
    static let identifierLength = 10

    private let achievements: any AchievementRepository
    private let ids: any IdentifierSource

    init(_ dependencies: GameDependencies) {
        achievements = dependencies.achievements
        ids = dependencies.ids
    }

    public func list(_ page: PageRequest) async throws -> Page<Achievement> {
        try page.requireValid()
        return try await achievements.list(page).requireExisting()
    }

    public func achievement(_ id: AchievementID) async throws -> Achievement {
        guard TextLimit.isStorable(id), let achievement = try await achievements.find(id: id) else { throw MapleQuestError.notFound(.achievement) }
        return achievement
    }

    /// Creates an achievement; its identifier is generated unless one is given.
    public func create(_ draft: AchievementDraft, by caller: User) async throws -> Achievement {
        try StaffPolicy.requireStaff(caller)
        var errors = FieldErrors()
        let id = draft.id?.trimmingWhitespace() ?? String(ids.newLocationID().prefix(Self.identifierLength))
        if id.isEmpty { errors.add("achievement_id", FieldMessage.blank) }
        TextLimit.check(id, limit: Self.identifierLength, field: "achievement_id", into: &errors)
        let achievement = Achievement(id: id, description: draft.description ?? "", points: draft.points ?? 0)
        Self.check(achievement, into: &errors)
        try errors.throwIfAny()
        do {
            return try await achievements.create(achievement)
        } catch is DuplicateValue {
            throw MapleQuestError.invalid(FieldErrors("achievement_id", "achievement with this achievement id already exists."))
        }
    }

    /// Replaces (`partial == false`) or patches an achievement's description and points.
    public func update(_ id: AchievementID, with draft: AchievementDraft, partial: Bool, by caller: User) async throws -> Achievement {
        try StaffPolicy.requireStaff(caller)
        var achievement = try await achievement(id)
        achievement.description = draft.description ?? (partial ? achievement.description : "")
        achievement.points = draft.points ?? (partial ? achievement.points : 0)
        var errors = FieldErrors()
        Self.check(achievement, into: &errors)
        try errors.throwIfAny()
        guard let updated = try await achievements.update(achievement) else { throw MapleQuestError.notFound(.achievement) }
        return updated
    }

    public func delete(_ id: AchievementID, by caller: User) async throws {
        try StaffPolicy.requireStaff(caller)
        guard try await achievements.delete(id: id) else { throw MapleQuestError.notFound(.achievement) }
    }

    private static func check(_ achievement: Achievement, into errors: inout FieldErrors) {
        TextLimit.check(achievement.description, limit: TextLimit.freeText, field: "description", into: &errors)
        PointsRule.check(achievement.points, into: &errors)
    }

    /// Refuses anyone but staff before a write's body is even read: a player learns nothing from it.
    public func authorizeChanges(by caller: User) throws(MapleQuestError) {
        try StaffPolicy.requireStaff(caller)
    }
}
