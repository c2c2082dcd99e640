import FoundationEssentials
import Synchronization

struct InMemoryStaffReports: StaffReports {
    let store: InMemoryStore

    func dailyActivity(since: Date, through: Date) async throws -> [DailyActivity] {
        let days = DailyActivity.days(since: since, through: through)
        return store.tables.withLock { tables in
            var players: [String: Int] = [:]
            var checkIns: [String: Int] = [:]
            var photos: [String: Int] = [:]
            for user in tables.users.values {
                if let joined = user.createdAt { players[Self.day(joined), default: 0] += 1 }
            }
            for visit in tables.visits.values {
                checkIns[Self.day(visit.visitedAt), default: 0] += 1
                photos[Self.day(visit.visitedAt), default: 0] += tables.images.values.filter { $0.visitID == visit.id }.count
            }
            return days.map { DailyActivity(day: $0, players: players[$0] ?? 0, checkIns: checkIns[$0] ?? 0, photos: photos[$0] ?? 0) }
        }
    }

    func photos(_ page: PageRequest) async throws -> Page<PhotoListing> {
        store.tables.withLock { tables in
            tables.images.values.sorted { $0.id > $1.id }.compactMap { image -> PhotoListing? in
                guard let visit = tables.visits[image.visitID] else { return nil }
                return PhotoListing(
                    image: image, ownerID: visit.userID, ownerEmail: tables.users[visit.userID]?.email ?? "",
                    locationID: visit.locationID, locationName: tables.locations[visit.locationID]?.name ?? "")
            }.page(page)
        }
    }

    func friendRequests(status: FriendRequest.Status?, _ page: PageRequest) async throws -> Page<FriendRequest> {
        store.tables.withLock { tables in
            tables.friendRequests.values
                .filter { status == nil || $0.status == status }
                .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
                .page(page)
        }
    }

    private static func day(_ date: Date) -> String {
        DailyActivity.days(since: date, through: date).first ?? ""
    }
}
