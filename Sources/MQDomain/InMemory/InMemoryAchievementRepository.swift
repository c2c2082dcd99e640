import Synchronization

struct InMemoryAchievementRepository: AchievementRepository {
    let store: InMemoryStore

    func list(_ page: PageRequest) async throws -> Page<Achievement> {
        store.tables.withLock { $0.achievements.values.sorted { $0.id < $1.id }.page(page) }
    }

    func earned(by userID: UserID, _ page: PageRequest) async throws -> Page<EarnedAchievement> {
        store.tables.withLock { tables in
            (tables.earned[userID] ?? [:])
                .compactMap { id, at in tables.achievements[id].map { EarnedAchievement(achievement: $0, earnedAt: at) } }
                .sorted { ($0.earnedAt, $1.achievement.id) > ($1.earnedAt, $0.achievement.id) }
                .page(page)
        }
    }

    func find(id: AchievementID) async throws -> Achievement? {
        store.tables.withLock { $0.achievements[id] }
    }

    func create(_ achievement: Achievement) async throws -> Achievement {
        try store.tables.withLock { tables in
            guard tables.achievements[achievement.id] == nil else { throw DuplicateValue(.achievementID) }
            tables.achievements[achievement.id] = achievement
            return achievement
        }
    }

    func update(_ achievement: Achievement) async throws -> Achievement? {
        store.tables.withLock { tables in
            guard tables.achievements[achievement.id] != nil else { return nil }
            tables.achievements[achievement.id] = achievement
            return achievement
        }
    }

    func delete(id: AchievementID) async throws -> Bool {
        store.tables.withLock { tables in
            guard tables.achievements.removeValue(forKey: id) != nil else { return false }
            for player in tables.earned.keys { tables.earned[player]?[id] = nil }
            return true
        }
    }
}
