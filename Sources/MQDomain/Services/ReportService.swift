import FoundationEssentials

/// What the staff console's dashboard and lists show: read-only, staff only.
public struct ReportService: Sendable {
    private let reports: any StaffReports
    private let clock: any WallClock

    public init(_ dependencies: GameDependencies) {
        reports = dependencies.reports
        clock = dependencies.clock
    }

    /// Sign-ups, check-ins and photos per day for the last `days` days, today included, oldest first.
    public func dailyActivity(days: Int = 30, requestedBy caller: User) async throws -> [DailyActivity] {
        try StaffPolicy.requireStaff(caller)
        let today = clock.now()
        let since = today.addingTimeInterval(-Double(max(1, days) - 1) * 86_400)
        return try await reports.dailyActivity(since: since, through: today)
    }

    public func photos(_ page: PageRequest, requestedBy caller: User) async throws -> Page<PhotoListing> {
        try StaffPolicy.requireStaff(caller)
        try page.requireValid()
        return try await reports.photos(page)
    }

    public func friendRequests(status: FriendRequest.Status?, _ page: PageRequest, requestedBy caller: User) async throws -> Page<FriendRequest> {
        try StaffPolicy.requireStaff(caller)
        try page.requireValid()
        return try await reports.friendRequests(status: status, page)
    }
}

extension DailyActivity {
    /// The UTC calendar days from `since` through `through`, as `YYYY-MM-DD`, oldest first.
    public static func days(since: Date, through: Date) -> [String] {
        let secondsPerDay = 86_400.0
        let first = Int64((since.timeIntervalSince1970 / secondsPerDay).rounded(.down))
        let last = Int64((through.timeIntervalSince1970 / secondsPerDay).rounded(.down))
        guard first <= last else { return [] }
        return (first...min(last, first + 3659)).map { CivilTime(secondsSince1970: $0 * 86_400).dayText }
    }
}
