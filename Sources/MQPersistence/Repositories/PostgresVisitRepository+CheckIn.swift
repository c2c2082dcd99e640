import MQDomain

extension PostgresVisitRepository {
    /// A check-in without photos goes through the pipeline, holding no pooled session: its visit and
    /// points, with what the achievement rules need, as one transaction in one round trip; then, for a
    /// repeat visit, the visit and its photos in one more; then any achievements earned, with their
    /// points, in one more. Each of those is a transaction of its own, so a first visit is credited once
    /// (the unique visit) and an achievement once (its primary key) however many check-ins race, and a
    /// failure after the visit went in (the database restarting) leaves the achievement for the player's
    /// next check-in at any landmark, which reads the rules again.
    ///
    /// A check-in with photos, or one whose statements waited too long for a row lock (a staff change or
    /// a repeat check-in with photos holding the player's row), takes a pooled session's transaction:
    /// ``checkIn(_:in:)``.
    public func checkIn(_ checkIn: CheckIn) async throws -> CheckInOutcome? {
        do {
            if checkIn.images.isEmpty {
                do {
                    return try await checkInTogether(checkIn)
                } catch is Database.LockWaitExceeded {
                    // Nothing was written; the transaction below waits for the lock.
                }
            }
            return try await database.transaction { session in try Self.checkIn(checkIn, in: session) }
        } catch is PlayerVanished {
            return nil
        } catch let error as PostgresError where error.isForeignKeyViolation {
            // The player or the landmark went away while the visit went in (Django's keys are checked at
            // the commit), and the visit was rolled back.
            return nil
        }
    }

    private func checkInTogether(_ checkIn: CheckIn) async throws -> CheckInOutcome? {
        let answers = try await database.together(Self.visitAndRules(checkIn))
        var outcome: CheckInOutcome
        if let inserted = answers[0].first {
            // A player deleted meanwhile fails the visit's foreign key at its commit, so the credit is there.
            guard let credited = try inserted.optionalInt("user_points") else { return nil }
            outcome = Self.firstVisit(try Columns.visit(inserted), checkIn, total: credited, added: [])
        } else {
            let place: [String?] = [checkIn.userID, checkIn.locationID]
            let found = try await database.together([(Self.standing, place), (Self.existing, place), (Self.existingImages, place)])
            guard let player = found[0].first, try player.bool("location_exists"), var visit = try found[1].first.map(Columns.visit) else {
                return nil
            }
            visit.images = try found[2].map(Columns.image)
            outcome = Self.repeatVisit(visit, total: try player.int("points"), added: [])
        }
        let met = try Self.metAchievements(answers)
        guard !met.isEmpty else { return outcome }
        let awards = Self.awards(met, to: checkIn)
        let credited: [[Row]]
        do {
            do {
                credited = try await database.together(awards)
            } catch is Database.LockWaitExceeded {
                credited = try await database.transaction { session in try session.queries(awards) }
            }
        } catch let error as PostgresError where error.isForeignKeyViolation {
            // The player or an achievement was deleted since the visit went in: the visit stands, and
            // nothing is awarded.
            return outcome
        }
        try Self.record(credited, of: met, in: &outcome)
        return outcome
    }

    /// The player's row was deleted between the visit's insert and its credit; the visit is rolled back.
    private struct PlayerVanished: Error {}

    /// A check-in in one transaction on a pooled session: two round trips for a first visit, three for a
    /// repeat visit (whose photos need the player's row locked for the photo limit), and one more when it
    /// adds photos. The visit with its points, whose credit locks the player's row (so a concurrent
    /// check-in by the same player waits here), goes with what the achievement rules need, read after the
    /// credit and so after any such check-in committed. A check-in that inserted nothing (a repeat visit,
    /// or a player or landmark that does not exist) then locks the row, reading the visit and its photos in
    /// the same round trip. Its photos go out together, and a repeat visit reads them all back with them.
    /// Achievements earned go out with the `COMMIT`.
    private static func checkIn(_ checkIn: CheckIn, in session: PostgresSession) throws -> CheckInOutcome? {
        let answers = try session.queries(visitAndRules(checkIn))
        var outcome: CheckInOutcome
        if let inserted = answers[0].first {
            guard let credited = try inserted.optionalInt("user_points") else { throw PlayerVanished() }
            let visit = try Columns.visit(inserted)
            guard checkIn.images.count <= checkIn.photoLimit else { throw PhotoLimitReached(limit: checkIn.photoLimit) }
            let added = try session.queries(photos(checkIn.images, on: visit.id)).map { try Columns.image($0[0]) }
            outcome = firstVisit(visit, checkIn, total: credited, added: added)
        } else {
            let place: [String?] = [checkIn.userID, checkIn.locationID]
            let found = try session.queries([(lockPlayer, place), (existing, place), (existingImages, place)])
            guard let player = found[0].first, try player.bool("location_exists"), var visit = try found[1].first.map(Columns.visit) else {
                return nil
            }
            guard found[2].count + checkIn.images.count <= checkIn.photoLimit else { throw PhotoLimitReached(limit: checkIn.photoLimit) }
            let added: [Image]
            if checkIn.images.isEmpty {
                added = []
                visit.images = try found[2].map(Columns.image)
            } else {
                // The new photos, then every photo the visit now has, in one round trip.
                let answers = try session.queries(photos(checkIn.images, on: visit.id) + [(existingImages, place)])
                added = try answers.dropLast().map { try Columns.image($0[0]) }
                visit.images = try answers[answers.count - 1].map(Columns.image)
            }
            outcome = repeatVisit(visit, total: try player.int("points"), added: added)
        }
        let met = try metAchievements(answers)
        guard !met.isEmpty else { return outcome }
        try record(try session.queries(awards(met, to: checkIn), committing: true), of: met, in: &outcome)
        return outcome
    }

    /// The visit with its points, then the achievements the player does not hold, then the landmarks they
    /// have visited: answered in that order.
    private static func visitAndRules(_ checkIn: CheckIn) -> [(Statement, [String?])] {
        let parameters = [SQLTime.parameter(checkIn.at), checkIn.note, checkIn.locationID, checkIn.userID, String(checkIn.points)]
        return [(insertAndCredit, parameters), (unearned, [checkIn.userID]), (progress, [checkIn.userID])]
    }

    private static func firstVisit(_ visit: Visit, _ checkIn: CheckIn, total: Int, added: [Image]) -> CheckInOutcome {
        var visit = visit
        visit.images = added.sorted { $0.id > $1.id }
        return CheckInOutcome(
            visit: visit, isFirstVisit: true, addedImages: added, pointsEarned: checkIn.points, totalPoints: total, achievementsEarned: [])
    }

    private static func repeatVisit(_ visit: Visit, total: Int, added: [Image]) -> CheckInOutcome {
        CheckInOutcome(visit: visit, isFirstVisit: false, addedImages: added, pointsEarned: 0, totalPoints: total, achievementsEarned: [])
    }

    /// The achievements the player does not hold that their visits now meet, from ``visitAndRules(_:)``'s answers.
    private static func metAchievements(_ answers: [[Row]]) throws -> [Achievement] {
        let candidates = try answers[1].map(Columns.achievement)
        let visited = try answers[2].map { (try $0.string("location_id"), try $0.string("province")) }
        return PlayerProgress(visited: visited).metAchievements(candidates)
    }

    /// A check-in's photos as statements, one insert each, to go out together in one round trip.
    private static func photos(_ images: [NewImage], on visitID: VisitID) -> [(Statement, [String?])] {
        images.map { (addImage, [$0.description, $0.imageURL, String(visitID)]) }
    }

    /// Each achievement with its points, to go out together. The primary key of `mq_earned_achievement`
    /// makes each award, and so its points, happen once.
    private static func awards(_ met: [Achievement], to checkIn: CheckIn) -> [(Statement, [String?])] {
        let earnedAt = SQLTime.parameter(checkIn.at)
        return met.map { (awardAndCredit, [checkIn.userID, $0.id, earnedAt, String($0.points)]) }
    }

    /// Adds to the outcome the achievements ``awards(_:to:)`` granted (an award already held returns no
    /// row) and the player's points after them.
    private static func record(_ credited: [[Row]], of met: [Achievement], in outcome: inout CheckInOutcome) throws {
        for (achievement, rows) in zip(met, credited) {
            guard let row = rows.first else { continue }
            outcome.achievementsEarned.append(achievement)
            outcome.totalPoints = max(outcome.totalPoints, try row.int("points"))
        }
    }
}
