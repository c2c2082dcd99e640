/// An achievement as staff submit it. `nil` means the field was not sent.
public struct AchievementDraft: Sendable, Equatable {
    public var id: AchievementID?
    public var description: String?
    public var points: Int?
    /// `.some(nil)` removes the rule, so only staff can hand the achievement out.
    public var rule: AchievementRuleDraft??

    public init(id: AchievementID? = nil, description: String? = nil, points: Int? = nil, rule: AchievementRuleDraft?? = nil) {
        self.id = id
        self.description = description
        self.points = points
        self.rule = rule
    }
}

/// Badges: public reads, staff-only writes, and the ones each player earned by checking in.
public struct AchievementService: Sendable {
    static let identifierLength = 10

    private let achievements: any AchievementRepository
    private let locations: any LocationRepository
    private let ids: any IdentifierSource

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    public init(locations: any LocationRepository, achievements: any AchievementRepository, ids: any IdentifierSource = RandomIdentifierSource()) {
        self.achievements = achievements
        self.locations = locations
        self.ids = ids
    }

    init(_ dependencies: GameDependencies) {
        self.init(locations: dependencies.locations, achievements: dependencies.achievements, ids: dependencies.ids)
    }

    /// What the caller earned, newest first, each with when.
    public func earned(by caller: User, _ page: PageRequest) async throws -> Page<EarnedAchievement> {
        try page.requireValid()
        return try await achievements.earned(by: caller.id, page).requireExisting()
    }

    /// Creates the ``StarterAchievements`` that do not exist yet; ones staff changed are left alone.
    /// Returns how many it created.
    @discardableResult
    public func seedStarterSet() async throws -> Int {
        var created = 0
        for starter in StarterAchievements.all {
            do {
                _ = try await achievements.create(starter)
                created += 1
            } catch is DuplicateValue {
                continue
            }
        }
        return created
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
        let rule = try await checkedRule(draft.rule ?? nil, into: &errors)
        let achievement = Achievement(id: id, description: draft.description ?? "", points: draft.points ?? 0, rule: rule)
        Self.check(achievement, into: &errors)
        try errors.throwIfAny()
        do {
            return try await achievements.create(achievement)
        } catch is DuplicateValue {
            throw MapleQuestError.invalid(FieldErrors("achievement_id", "achievement with this achievement id already exists."))
        }
    }

    /// Replaces (`partial == false`) or patches an achievement's description, points and rule.
    public func update(_ id: AchievementID, with draft: AchievementDraft, partial: Bool, by caller: User) async throws -> Achievement {
        try StaffPolicy.requireStaff(caller)
        var achievement = try await achievement(id)
        achievement.description = draft.description ?? (partial ? achievement.description : "")
        achievement.points = draft.points ?? (partial ? achievement.points : 0)
        var errors = FieldErrors()
        if let ruleChange = draft.rule {
            achievement.rule = try await checkedRule(ruleChange, into: &errors)
        } else if !partial {
            achievement.rule = nil
        }
        Self.check(achievement, into: &errors)
        try errors.throwIfAny()
        guard let updated = try await achievements.update(achievement) else { throw MapleQuestError.notFound(.achievement) }
        return updated
    }

    public func delete(_ id: AchievementID, by caller: User) async throws {
        try StaffPolicy.requireStaff(caller)
        guard try await achievements.delete(id: id) else { throw MapleQuestError.notFound(.achievement) }
    }

    /// Checks a submitted rule: a count within bounds for the counting kinds, existing landmarks for a set.
    private func checkedRule(_ draft: AchievementRuleDraft?, into errors: inout FieldErrors) async throws -> AchievementRule? {
        guard let draft else { return nil }
        switch draft.kind {
        case nil:
            errors.add("rule", "kind: \(FieldMessage.required)")
            return nil
        case .distinctLandmarks?, .distinctProvinces?:
            guard let count = draft.count else {
                errors.add("rule", "count: \(FieldMessage.required)")
                return nil
            }
            guard (1...AchievementRule.largestCount).contains(count) else {
                errors.add("rule", "count: Ensure this value is between 1 and \(AchievementRule.largestCount).")
                return nil
            }
            return draft.kind == .distinctLandmarks ? .distinctLandmarks(count) : .distinctProvinces(count)
        case .landmarks?:
            let wanted = Set(draft.landmarks ?? [])
            guard !wanted.isEmpty else {
                errors.add("rule", "landmarks: Name at least one landmark.")
                return nil
            }
            guard wanted.count <= AchievementRule.largestSet else {
                errors.add("rule", "landmarks: \(FieldMessage.tooManyItems(AchievementRule.largestSet))")
                return nil
            }
            for id in wanted.sorted() {
                let exists = TextLimit.isStorable(id) && TextLimit.length(id) <= 10 ? try await locations.find(id: id) != nil : false
                if !exists { errors.add("rule", "landmarks: No landmark has the identifier \"\(id.prefix(10))\".") }
            }
            return .landmarks(wanted)
        }
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
