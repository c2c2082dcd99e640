import MQDomain

/// Visits in `core_visit`, whose unique (`user_id`, `location_id`) constraint makes a first visit — and
/// so its points — happen once however many check-ins race.
public struct PostgresVisitRepository: VisitRepository {
    let database: Database
    /// The global board's shared head, forgotten after each change here that it may show.
    let boardHead: ExpiringSnapshot<BoardHead>?

    /// Locks the player's row for a check-in that was not a first visit, and says in the same round trip
    /// whether the landmark exists. A first visit needs no such statement: its credit locks the row.
    static let lockPlayer = Statement(
        "visit_lock_player",
        """
        SELECT u.points, EXISTS (SELECT 1 FROM core_location l WHERE l."locationId" = $2) AS location_exists
        FROM core_user u WHERE u."userId" = $1 FOR UPDATE OF u
        """)
    /// A player's points plus the amount in `parameter`, held at the column's largest value instead of
    /// overflowing it.
    private static func pointsPlus(_ parameter: String) -> String {
        "LEAST(points::bigint + \(parameter)::bigint, 2147483647)"
    }

    /// A first visit and its points: the points are credited only when the visit row was inserted, so a
    /// repeat visit (the unique constraint) returns no row and changes nothing. Nothing is inserted for a
    /// player or landmark that does not exist, so it can go first in the check-in's round trip. Its credit
    /// is what locks the player's row.
    static let insertAndCredit = Statement(
        "visit_insert_and_credit",
        """
        WITH inserted AS (
            INSERT INTO core_visit (visited_at, note, location_id, user_id)
            SELECT $1::timestamptz, $2::text, $3::text, $4::text
            WHERE EXISTS (SELECT 1 FROM core_location l WHERE l."locationId" = $3::text)
            AND EXISTS (SELECT 1 FROM core_user u WHERE u."userId" = $4::text)
            ON CONFLICT (user_id, location_id) DO NOTHING RETURNING *
        ), credited AS (
            UPDATE core_user SET points = \(pointsPlus("$5"))
            WHERE "userId" = $4::text AND EXISTS (SELECT 1 FROM inserted) RETURNING points
        )
        SELECT \(Columns.visit), (SELECT points FROM credited) AS user_points FROM inserted v
        """)
    static let existing = Statement("visit_existing", "SELECT \(Columns.visit) FROM core_visit v WHERE v.user_id = $1 AND v.location_id = $2")
    /// The photos of a player's visit to a landmark, newest first.
    static let existingImages = Statement(
        "visit_existing_images",
        """
        SELECT \(Columns.image) FROM core_image i JOIN core_visit v ON v.id = i.visit_id
        WHERE v.user_id = $1 AND v.location_id = $2 ORDER BY i.id DESC
        """)
    static let unearned = Statement(
        "visit_unearned_achievements",
        """
        SELECT \(Columns.achievement) FROM \(Columns.achievementSource) WHERE r.kind IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM mq_earned_achievement e WHERE e.user_id = $1 AND e.achievement_id = a."achievementId")
        """)
    static let progress = Statement(
        "visit_progress",
        """
        SELECT v.location_id, l.province FROM core_visit v JOIN core_location l ON l."locationId" = v.location_id WHERE v.user_id = $1
        """)
    /// An achievement and its points, in one statement: the points are credited only when the award row
    /// was inserted, so an achievement already held (the primary key) returns no row and changes nothing.
    static let awardAndCredit = Statement(
        "visit_award_and_credit",
        """
        WITH awarded AS (
            INSERT INTO mq_earned_achievement (user_id, achievement_id, earned_at) VALUES ($1, $2, $3::timestamptz)
            ON CONFLICT DO NOTHING RETURNING 1
        )
        UPDATE core_user SET points = \(pointsPlus("$4"))
        WHERE "userId" = $1 AND EXISTS (SELECT 1 FROM awarded) RETURNING points
        """)
    static let byID = Statement(
        "visit_by_id",
        """
        SELECT \(Columns.visit), \(Columns.image) FROM core_visit v \(VisitsWithPhotos.join)
        WHERE v.id = $1 ORDER BY \(VisitsWithPhotos.photosOrder)
        """)
    /// The page is chosen from the player's visits alone; only its rows are joined with their photos.
    static let ofPlayer = Statement(
        "visit_of_player",
        """
        WITH page AS (
            SELECT v.id, v.visited_at, count(*) OVER () AS total FROM core_visit v WHERE v.user_id COLLATE "C" = $1
            ORDER BY v.visited_at DESC, v.id DESC LIMIT $2 OFFSET $3
        )
        SELECT \(Columns.visit), page.total, \(Columns.image)
        FROM page JOIN core_visit v ON v.id = page.id \(VisitsWithPhotos.join)
        ORDER BY page.visited_at DESC, page.id DESC, \(VisitsWithPhotos.photosOrder)
        """)
    static let addImage = Statement(
        "visit_add_image",
        """
        INSERT INTO core_image AS i (description, image_url, likes, visit_id) VALUES ($1, $2, 0, $3) RETURNING \(Columns.image)
        """)
    /// The visit as changed, with its photos, in one statement (so in one snapshot).
    static let updateNote = Statement(
        "visit_update_note",
        """
        WITH changed AS (UPDATE core_visit SET note = $3 WHERE id = $1 AND user_id = $2 RETURNING *)
        SELECT \(Columns.visit), \(Columns.image) FROM changed v \(VisitsWithPhotos.join) ORDER BY \(VisitsWithPhotos.photosOrder)
        """)
    static let lockOwner = Statement("visit_lock_owner", "SELECT 1 FROM core_user WHERE \"userId\" = $1 FOR UPDATE")
    static let lockOwned = Statement("visit_lock_owned", "SELECT location_id FROM core_visit WHERE id = $1 AND user_id = $2 FOR UPDATE")
    static let deleteImages = Statement("visit_delete_images", "DELETE FROM core_image WHERE visit_id = $1")
    static let delete = Statement("visit_delete", "DELETE FROM core_visit WHERE id = $1")
    static let takeBack = Statement(
        "visit_take_back_points",
        """
        UPDATE core_user SET points = GREATEST(0, points - COALESCE((SELECT points FROM core_location WHERE "locationId" = $2), 0))
        WHERE "userId" = $1
        """)

    /// One round trip does most of a first visit: the visit with its points, whose credit locks the
    /// player's row (so a concurrent check-in by the same player waits here), then what the achievement
    /// rules need, read after the credit and so after any such check-in committed, within the same
    /// transaction. Locking the row with the credit instead of a `SELECT … FOR UPDATE` before it spares
    /// PostgreSQL a tuple lock per first visit. A check-in that inserted nothing (a repeat visit, or a
    /// player or landmark that does not exist) then locks the row, reading the visit and its photos in the
    /// same round trip. Its photos go out together, and a repeat visit reads them all back with them.
    /// Achievements earned go out with the `COMMIT`, so a check-in takes two round trips, or three for a
    /// repeat visit, and one more when it adds photos.
    public func checkIn(_ checkIn: CheckIn) async throws -> CheckInOutcome? {
        let outcome = try await BoardHead.forgetting(boardHead) { () async throws -> CheckInOutcome? in
            do {
                return try await database.transaction { session in try Self.checkIn(checkIn, in: session) }
            } catch is PlayerVanished {
                return nil
            }
        }
        // A check-in only adds points, so the total after it is the most the player held.
        if let outcome { boardHead?.forget(changeOf: checkIn.userID, holding: outcome.totalPoints) }
        return outcome
    }

    /// The player's row was deleted between the visit's insert and its credit; the visit is rolled back.
    private struct PlayerVanished: Error {}

    private static func checkIn(_ checkIn: CheckIn, in session: PostgresSession) throws -> CheckInOutcome? {
        let parameters = [SQLTime.parameter(checkIn.at), checkIn.note, checkIn.locationID, checkIn.userID, String(checkIn.points)]
        let answers = try session.queries([(insertAndCredit, parameters), (unearned, [checkIn.userID]), (progress, [checkIn.userID])])
        var total: Int
        var visit: Visit
        let isFirstVisit: Bool
        let added: [Image]
        if let inserted = answers[0].first {
            guard let credited = try inserted.optionalInt("user_points") else { throw PlayerVanished() }
            visit = try Columns.visit(inserted)
            isFirstVisit = true
            total = credited
            guard checkIn.images.count <= checkIn.photoLimit else { throw PhotoLimitReached(limit: checkIn.photoLimit) }
            added = try session.queries(photos(checkIn.images, on: visit.id)).map { try Columns.image($0[0]) }
            visit.images = added.sorted { $0.id > $1.id }
        } else {
            let place: [String?] = [checkIn.userID, checkIn.locationID]
            let found = try session.queries([(lockPlayer, place), (existing, place), (existingImages, place)])
            guard let player = found[0].first, try player.bool("location_exists"), let existing = found[1].first else { return nil }
            visit = try Columns.visit(existing)
            isFirstVisit = false
            total = try player.int("points")
            guard found[2].count + checkIn.images.count <= checkIn.photoLimit else { throw PhotoLimitReached(limit: checkIn.photoLimit) }
            if checkIn.images.isEmpty {
                added = []
                visit.images = try found[2].map(Columns.image)
            } else {
                // The new photos, then every photo the visit now has, in one round trip.
                let answers = try session.queries(photos(checkIn.images, on: visit.id) + [(existingImages, place)])
                added = try answers.dropLast().map { try Columns.image($0[0]) }
                visit.images = try answers[answers.count - 1].map(Columns.image)
            }
        }
        let candidates = try answers[1].map(Columns.achievement)
        let visited = try answers[2].map { (try $0.string("location_id"), try $0.string("province")) }
        let awarded = try award(candidates, meeting: visited, to: checkIn.userID, at: checkIn, total: &total, in: session)
        return CheckInOutcome(
            visit: visit, isFirstVisit: isFirstVisit, addedImages: added,
            pointsEarned: isFirstVisit ? checkIn.points : 0, totalPoints: total, achievementsEarned: awarded)
    }

    /// A check-in's photos as statements, one insert each, to go out together in one round trip.
    private static func photos(_ images: [NewImage], on visitID: VisitID) -> [(Statement, [String?])] {
        images.map { (addImage, [$0.description, $0.imageURL, String(visitID)]) }
    }

    /// Within the check-in's transaction, with the player's row locked, as its last statements: awards the
    /// `candidates` (achievements the player does not hold) that the visits now meet, all in one round trip
    /// with the transaction's `COMMIT`. The primary key of `mq_earned_achievement` makes each award, and so
    /// its points, happen once.
    private static func award(
        _ candidates: [Achievement], meeting visited: [(String, String)], to userID: UserID, at checkIn: CheckIn, total: inout Int,
        in session: PostgresSession
    ) throws -> [Achievement] {
        let met = PlayerProgress(visited: visited).metAchievements(candidates)
        guard !met.isEmpty else { return [] }
        let earnedAt = SQLTime.parameter(checkIn.at)
        let answers = try session.queries(met.map { (awardAndCredit, [userID, $0.id, earnedAt, String($0.points)]) }, committing: true)
        var awarded: [Achievement] = []
        for (achievement, rows) in zip(met, answers) {
            guard let credited = rows.first else { continue }
            awarded.append(achievement)
            total = max(total, try credited.int("points"))
        }
        return awarded
    }

    public func visits(of userID: UserID, _ request: PageRequest) async throws -> Page<Visit> {
        let rows = try await database.query(Self.ofPlayer, [userID] + request.sqlParameters)
        return Page(items: try VisitsWithPhotos.visits(rows), totalCount: try totalCount(rows), request: request)
    }

    public func find(id: VisitID) async throws -> Visit? {
        try VisitsWithPhotos.visits(try await database.query(Self.byID, [String(id)])).first
    }

    public func updateNote(id: VisitID, ownedBy userID: UserID, note: String) async throws -> Visit? {
        try VisitsWithPhotos.visits(try await database.query(Self.updateNote, [String(id), userID, note])).first
    }

    /// Locks the owner's row before the visit's, in one round trip: the order a check-in takes them (the
    /// player's with its credit or lock, the visit's when its new photos' references are checked at the
    /// commit), so a deletion and a check-in adding photos to the same visit queue instead of deadlocking.
    public func delete(id: VisitID, ownedBy userID: UserID) async throws -> Bool {
        defer { boardHead?.invalidate() }
        return try await database.transaction { session in
            let locked = try session.queries([(Self.lockOwner, [userID]), (Self.lockOwned, [String(id), userID])])
            guard let visit = locked[1].first else { return false }
            try session.query(Self.deleteImages, [String(id)])
            try session.query(Self.delete, [String(id)])
            try session.query(Self.takeBack, [userID, try visit.string("location_id")])
            return true
        }
    }
}
