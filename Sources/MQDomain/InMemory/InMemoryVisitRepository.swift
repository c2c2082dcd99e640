import FoundationEssentials
import Synchronization

struct InMemoryVisitRepository: VisitRepository {
    let store: InMemoryStore

    func checkIn(_ checkIn: CheckIn) async throws -> CheckInOutcome? {
        try store.tables.withLock { tables in
            guard var user = tables.users[checkIn.userID], tables.locations[checkIn.locationID] != nil else { return nil }
            let existing = tables.visits.values.first { $0.userID == checkIn.userID && $0.locationID == checkIn.locationID }
            let carried = existing.map { tables.imageCount(of: $0.id) } ?? 0
            guard carried + checkIn.images.count <= checkIn.photoLimit else { throw PhotoLimitReached(limit: checkIn.photoLimit) }
            var visit: Visit
            let isFirstVisit: Bool
            if let existing {
                visit = existing
                isFirstVisit = false
            } else {
                tables.lastVisitID += 1
                visit = Visit(
                    id: tables.lastVisitID, userID: checkIn.userID, locationID: checkIn.locationID,
                    visitedAt: checkIn.at, note: checkIn.note)
                tables.visits[visit.id] = visit
                user.points = user.points.addingAsStored(checkIn.points)
                tables.users[user.id] = user
                isFirstVisit = true
            }
            var added: [Image] = []
            for image in checkIn.images {
                tables.lastImageID += 1
                let stored = Image(id: tables.lastImageID, visitID: visit.id, description: image.description, imageURL: image.imageURL)
                tables.images[stored.id] = stored
                added.append(stored)
            }
            let awarded = Self.award(to: &user, at: checkIn.at, in: &tables)
            tables.users[user.id] = user
            visit = tables.withImages(visit)
            return CheckInOutcome(
                visit: visit, isFirstVisit: isFirstVisit, addedImages: added,
                pointsEarned: isFirstVisit ? checkIn.points : 0, totalPoints: user.points,
                achievementsEarned: awarded)
        }
    }

    /// Awards the achievements the player's visits now meet and they do not hold, crediting their points.
    private static func award(to user: inout User, at time: Date, in tables: inout InMemoryStore.Tables) -> [Achievement] {
        let held = tables.earned[user.id] ?? [:]
        let candidates = tables.achievements.values.filter { $0.rule != nil && held[$0.id] == nil }
        guard !candidates.isEmpty else { return [] }
        let visited = tables.visits.values.filter { $0.userID == user.id }
            .compactMap { visit in tables.locations[visit.locationID].map { (visit.locationID, $0.province) } }
        let awarded = PlayerProgress(visited: visited).metAchievements(candidates)
        for achievement in awarded {
            tables.earned[user.id, default: [:]][achievement.id] = time
            user.points = user.points.addingAsStored(achievement.points)
        }
        return awarded
    }

    func visits(of userID: UserID, _ page: PageRequest) async throws -> Page<Visit> {
        store.tables.withLock { tables in
            tables.visits.values
                .filter { $0.userID == userID }
                .sorted { ($0.visitedAt, $0.id) > ($1.visitedAt, $1.id) }
                .page(page)
                .map { tables.withImages($0) }
        }
    }

    func find(id: VisitID) async throws -> Visit? {
        store.tables.withLock { tables in tables.visits[id].map { tables.withImages($0) } }
    }

    func updateNote(id: VisitID, ownedBy userID: UserID, note: String) async throws -> Visit? {
        store.tables.withLock { tables in
            guard var visit = tables.visits[id], visit.userID == userID else { return nil }
            visit.note = note
            tables.visits[id] = visit
            return tables.withImages(visit)
        }
    }

    func delete(id: VisitID, ownedBy userID: UserID) async throws -> Bool {
        store.tables.withLock { tables in
            guard let visit = tables.visits[id], visit.userID == userID else { return false }
            tables.removeVisits { $0.id == id }
            if var user = tables.users[userID], let location = tables.locations[visit.locationID] {
                user.points = max(0, user.points - location.points)
                tables.users[userID] = user
            }
            return true
        }
    }
}
