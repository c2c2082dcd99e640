import Foundation
import MQDomain
import MQPersistence
import MQTestSupport
import Testing

/// A write reads rows and then writes rows that refer to them (a check-in: the player, the landmark and
/// the achievements it may earn; a friend request: both players; a sign-in, a refresh or a like: its
/// account), so any of them can be deleted in between. These make those races happen on purpose: a
/// deleter removes the row and waits, its row lock held, until the test lets it commit; the write meets
/// that lock, and the test lets the deletion commit under it. The last case queues a check-in and a
/// deletion that lock the same rows, to show they take them in one order.
@Suite("A write racing a deletion answers as if the deletion came first")
struct DeletionRaceTests {
    @Test(.timeLimit(.minutes(2)))
    func aPlayerDeletedBetweenTheVisitAndItsCreditLeavesNoVisitAndIsAnsweredAsMissing() async throws {
        let race = try await Race.ready()
        let deletion = try await race.runAndHold(#"DELETE FROM core_user WHERE "userId" = 'racer'"#)

        // The check-in sees the player, inserts the visit, and waits at the credit for the deleter.
        let checkIn = race.checkIn()
        try await race.commit(deletion, onceWaiting: "INSERT INTO core_visit")

        #expect(try await checkIn.value == nil)
        #expect(try await race.store.users.find(id: "racer") == nil)
        #expect(try await race.store.visits.visits(of: "racer", PageRequest()).totalCount == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func anAchievementDeletedWhileAPlayerEarnsItIsNotAwardedAndTheVisitStands() async throws {
        let race = try await Race.ready()
        _ = try await race.store.achievements.create(
            Achievement(id: "race-badge", description: "One landmark", points: 50, rule: .distinctLandmarks(1)))
        let deletion = try await race.runAndHold(#"DELETE FROM core_achievement WHERE "achievementId" = 'race-badge'"#)

        // The check-in reads the badge as unearned (its deletion has not committed), awards it, and the
        // award's reference to it waits for the deleter.
        let checkIn = race.checkIn()
        try await race.commit(deletion, onceWaiting: "INSERT INTO mq_earned_achievement")

        let outcome = try #require(try await checkIn.value)
        #expect(outcome.isFirstVisit)
        #expect(outcome.achievementsEarned.isEmpty)
        #expect(outcome.totalPoints == race.landmark.points)
        #expect(try await race.store.users.find(id: "racer")?.points == race.landmark.points)
        #expect(try await race.store.visits.visits(of: "racer", PageRequest()).totalCount == 1)
        #expect(try await race.store.achievements.earned(by: "racer", PageRequest()).totalCount == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aLandmarkDeletedWhileAPlayerChecksInThereIsAnsweredAsMissingAndCreditsNothing() async throws {
        let race = try await Race.ready()
        let deletion = try await race.runAndHold(#"DELETE FROM core_location WHERE "locationId" = 'race-spot'"#)

        // The check-in sees the landmark, inserts the visit with its points, and its commit, where the
        // visit's reference to the landmark is checked, waits for the deleter.
        let checkIn = race.checkIn()
        try await race.commit(deletion, onceWaiting: "COMMIT")

        #expect(try await checkIn.value == nil)
        #expect(try await race.store.users.find(id: "racer")?.points == 0)
        #expect(try await race.store.visits.visits(of: "racer", PageRequest()).totalCount == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aFriendRequestToAnAccountClosedMeanwhileIsAnsweredAsAMissingPlayer() async throws {
        let race = try await Race.ready()
        try await TestDatabase.insertPlayers([(id: "closing", points: 0)], in: race.settings.name)
        let deletion = try await race.runAndHold(#"DELETE FROM core_user WHERE "userId" = 'closing'"#)

        // The request sees both players, and its commit, where it refers to the closing account, waits.
        let request = Task { try await race.store.friendRequests.create(from: "racer", to: "closing", at: Date(), waitingLimit: .max) }
        try await race.commit(deletion, onceWaiting: "COMMIT")

        await #expect(throws: MapleQuestError.notFound(.user)) { try await request.value }
        #expect(try await race.store.friendRequests.requests(involving: "racer", PageRequest()).totalCount == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aSignInRecordedAsItsAccountClosesRecordsNothingAndIsNoError() async throws {
        let race = try await Race.ready()
        let deletion = try await race.runAndHold(#"DELETE FROM core_user WHERE "userId" = 'racer'"#)

        // The sign-in's record sees the account, and its reference to it waits for the deleter.
        let signIn = Task {
            try await race.store.sessions.begin(
                family: "closing-family", userID: "racer", refreshTokenID: "closing-family-r1", expiresAt: Date().addingTimeInterval(3600))
        }
        try await race.commit(deletion, onceWaiting: "INSERT INTO mq_session_family")

        try await signIn.value
        #expect(try await race.store.sessions.familyCount(of: "racer") == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aFamilyAdoptedAsItsAccountClosesIsRevokedAndRecordsNothing() async throws {
        let race = try await Race.ready()
        let deletion = try await race.runAndHold(#"DELETE FROM core_user WHERE "userId" = 'racer'"#)

        // A refresh token of a family the store never saw (the old backend's) is adopted: the adoption sees
        // the account, and its reference to it waits for the deleter.
        let refresh = Task {
            try await race.store.sessions.rotate(
                family: "legacy-family", presented: "legacy-family-r1", next: "legacy-family-r2", userID: "racer", issuedAt: Date(),
                expiresAt: Date().addingTimeInterval(3600))
        }
        try await race.commit(deletion, onceWaiting: "INSERT INTO mq_session_family")

        #expect(try await refresh.value == .revoked)
        #expect(try await race.store.sessions.familyCount(of: "racer") == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aLikeByAnAccountClosedMeanwhileIsNotCountedAndIsNoError() async throws {
        let race = try await Race.ready()
        try await TestDatabase.insertPlayers([(id: "owner", points: 0)], in: race.settings.name)
        let photo = NewImage(imageURL: "https://example.com/tower.jpg", description: "")
        let outcome = try await race.store.visits.checkIn(
            CheckIn(userID: "owner", locationID: race.landmark.id, note: "", at: Date(), points: race.landmark.points, images: [photo]))
        let image = try #require(outcome?.addedImages.first)
        let deletion = try await race.runAndHold(#"DELETE FROM core_user WHERE "userId" = 'racer'"#)

        // The like locks the photo, and its reference to the liking account waits for the deleter.
        let like = Task { try await race.store.images.like(id: image.id, by: "racer") }
        try await race.commit(deletion, onceWaiting: "INSERT INTO mq_image_like")

        #expect(try await like.value?.likes == 0)
        #expect(try await race.store.images.find(id: image.id, ownedBy: "owner")?.likes == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aVisitDeletedWhileARepeatCheckInAddsAPhotoToItTakesThePhotoWithItAndNeitherFails() async throws {
        let race = try await Race.ready()
        let first = try #require(try await race.checkIn().value)
        // Another session holds the player's row, so both writes below queue for it, the check-in first.
        let hold = try await race.runAndHold(#"SELECT 1 FROM core_user WHERE "userId" = 'racer' FOR UPDATE"#)

        let photo = NewImage(imageURL: "https://example.com/late.jpg", description: "late")
        let checkIn = race.checkIn(images: [photo])
        try await TestDatabase.waitUntilWaitingForALock("core_user", in: race.settings.name)
        let deletion = Task { try await race.store.visits.delete(id: first.visit.id, ownedBy: "racer") }
        try await TestDatabase.waitUntilWaitingForALock("core_user", count: 2, in: race.settings.name)
        try await race.commit(hold, onceWaiting: "core_user")

        // The check-in adds its photo and commits; the deletion then takes the visit, the photo and the points.
        #expect(try await checkIn.value?.addedImages.count == 1)
        #expect(try await deletion.value)
        #expect(try await race.store.visits.visits(of: "racer", PageRequest()).totalCount == 0)
        #expect(try await race.store.images.images(ownedBy: "racer", PageRequest()).totalCount == 0)
        #expect(try await race.store.users.find(id: "racer")?.points == 0)
    }
}
