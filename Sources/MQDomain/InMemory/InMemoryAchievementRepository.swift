struct InMemoryAchievementRepository: AchievementRepository {
    let store: InMemoryStore

    func list(_ page: PageRequest) async throws -> Page<Achievement> {
        store.tables.withLock { $0.achievements.values.sorted { $0.id < $1.id }.page(page) }
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
        store.tables.withLock { $0.achievements.removeValue(forKey: id) != nil }
    }
}
