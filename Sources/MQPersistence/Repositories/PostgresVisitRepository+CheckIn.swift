import MQDomain

extension PostgresVisitRepository {
    /// A check-in without photos goes through the pipeline, holding no pooled session, in two round trips.
    /// The first reads what the achievement rules need (the achievements the player does not hold, the
    /// landmarks they have visited, this landmark's province), and the domain's rules decide which
    /// achievements this visit would earn. The second is one transaction: the visit with its points (or,
    /// for a repeat visit, the player's row locked and the visit read), a check that the player has still
    /// visited exactly the landmarks the rules were read for plus this one, and those achievements with
    /// their points. So the visit, its points and its achievements are committed together, a first visit
    /// is credited once (the unique visit) and an achievement once (its primary key) however many
    /// check-ins race.
    ///
    /// A check-in with photos, one whose player's visits changed between the two round trips (another
    /// check-in or a deletion by the same player), and one whose statements waited too long for a row lock
    /// (a staff change or a repeat check-in with photos holding the player's row) take a pooled session's
    /// transaction instead: ``checkIn(_:in:)``, which reads the rules under the lock.
    public func checkIn(_ checkIn: CheckIn) async throws -> CheckInOutcome? {
        do {
            if checkIn.images.isEmpty {
                do {
                    return try await checkInTogether(checkIn)
                } catch is Database.LockWaitExceeded {
                    // Nothing was written; the transaction below waits for the lock.
                } catch is VisitsChanged {
                    // Nothing was written; the transaction below reads the rules again under the lock.
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

    /// The player's visits were not those the achievement rules were read for; the transaction was rolled back.
    private struct VisitsChanged: Error {}

    private func checkInTogether(_ checkIn: CheckIn) async throws -> CheckInOutcome? {
        let player = checkIn.userID
        let landmark = checkIn.locationID
        let read = try await database.together([(Self.unearned, [player]), (Self.progress, [player]), (Self.landmarkProvince, [landmark])])
        guard let province = try read[2].first?.string("province") else { return nil }
        let visited = try read[1].map { (try $0.string("location_id"), try $0.string("province")) }
        let isRepeat = visited.contains { $0.0 == landmark }
        let expected = Set(visited.map(\.0)).union([landmark]).sorted()
        let met = PlayerProgress(visited: visited + [(landmark, province)]).metAchievements(try read[0].map(Columns.achievement))

        let place: [String?] = [player, landmark]
        let visit = isRepeat ? [(Self.lockPlayer, place), (Self.existing, place), (Self.existingImages, place)] : [Self.insertAndCredit(checkIn)]
        let answers: [[Row]]
        do {
            answers = try await database.together(visit + [(Self.visitedExactly, [player, arrayParameter(expected)])] + Self.awards(met, to: checkIn))
        } catch let error as PostgresError where error.isDivisionByZero {
            throw VisitsChanged()
        }
        var outcome: CheckInOutcome
        if isRepeat {
            guard let standing = answers[0].first, try standing.bool("location_exists"), var repeated = try answers[1].first.map(Columns.visit) else {
                return nil
            }
            repeated.images = try answers[2].map(Columns.image)
            outcome = Self.repeatVisit(repeated, total: try standing.int("points"), added: [])
        } else if let inserted = answers[0].first {
            // A player deleted meanwhile fails the visit's foreign key at its commit, so the credit is there.
            guard let credited = try inserted.optionalInt("user_points") else { return nil }
            outcome = Self.firstVisit(try Columns.visit(inserted), checkIn, total: credited, added: [])
        } else {
            // Another check-in by the player made this visit between the two round trips.
            let found = try await database.together([(Self.standing, place), (Self.existing, place), (Self.existingImages, place)])
            guard let standing = found[0].first, var repeated = try found[1].first.map(Columns.visit) else { return nil }
            repeated.images = try found[2].map(Columns.image)
            outcome = Self.repeatVisit(repeated, total: try standing.int("points"), added: [])
        }
        try Self.record(Array(answers.suffix(met.count)), of: met, in: &outcome)
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
        [insertAndCredit(checkIn), (unearned, [checkIn.userID]), (progress, [checkIn.userID])]
    }

    private static func insertAndCredit(_ checkIn: CheckIn) -> (Statement, [String?]) {
        (insertAndCredit, [SQLTime.parameter(checkIn.at), checkIn.note, checkIn.locationID, checkIn.userID, String(checkIn.points)])
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
