import FoundationEssentials
import MQDomain

/// The staff console's read-only views, each one query.
public struct PostgresStaffReports: StaffReports {
    let database: Database

    /// Days as UTC dates, so the chart matches `DailyActivity.days` whatever the session's time zone.
    static let daily = Statement(
        "report_daily",
        """
        WITH days AS (
            SELECT generate_series(($1::timestamptz AT TIME ZONE 'UTC')::date, ($2::timestamptz AT TIME ZONE 'UTC')::date, interval '1 day')::date AS day
        ),
        players AS (
            SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM core_user
            WHERE created_at >= ($1::timestamptz AT TIME ZONE 'UTC')::date AT TIME ZONE 'UTC' GROUP BY 1
        ),
        visits AS (
            SELECT (v.visited_at AT TIME ZONE 'UTC')::date AS day, count(DISTINCT v.id) AS checkins, count(i.id) AS photos
            FROM core_visit v LEFT JOIN core_image i ON i.visit_id = v.id
            WHERE v.visited_at >= ($1::timestamptz AT TIME ZONE 'UTC')::date AT TIME ZONE 'UTC' GROUP BY 1
        )
        SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(p.n, 0) AS players, coalesce(v.checkins, 0) AS checkins,
        coalesce(v.photos, 0) AS photos
        FROM days d LEFT JOIN players p ON p.day = d.day LEFT JOIN visits v ON v.day = d.day ORDER BY d.day
        """)
    static let photos = Statement(
        "report_photos",
        """
        SELECT \(Columns.image), v.user_id AS owner_id, u.email AS owner_email, v.location_id, coalesce(l.name, '') AS location_name,
        count(*) OVER () AS total
        FROM core_image i JOIN core_visit v ON v.id = i.visit_id JOIN core_user u ON u."userId" = v.user_id
        LEFT JOIN core_location l ON l."locationId" = v.location_id
        ORDER BY i.id DESC LIMIT $1 OFFSET $2
        """)
    static let friendRequests = Statement(
        "report_friend_requests",
        """
        SELECT \(Columns.friendRequest), count(*) OVER () AS total FROM core_friendrequest f
        WHERE $1::text IS NULL OR f.status = $1 ORDER BY f.created_at DESC, f.id DESC LIMIT $2 OFFSET $3
        """)

    public func dailyActivity(since: Date, through: Date) async throws -> [DailyActivity] {
        try await database.query(Self.daily, [SQLTime.parameter(since), SQLTime.parameter(through)]).map { row in
            DailyActivity(
                day: try row.string("day"), players: try row.int("players"), checkIns: try row.int("checkins"),
                photos: try row.int("photos"))
        }
    }

    public func photos(_ request: PageRequest) async throws -> Page<PhotoListing> {
        try page(try await database.query(Self.photos, request.sqlParameters), request) { row in
            PhotoListing(
                image: try Columns.image(row), ownerID: try row.string("owner_id"), ownerEmail: try row.string("owner_email"),
                locationID: try row.string("location_id"), locationName: try row.string("location_name"))
        }
    }

    public func friendRequests(status: FriendRequest.Status?, _ request: PageRequest) async throws -> Page<FriendRequest> {
        try page(try await database.query(Self.friendRequests, [status?.rawValue] + request.sqlParameters), request, Columns.friendRequest)
    }
}
