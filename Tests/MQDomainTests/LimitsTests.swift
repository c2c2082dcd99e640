import Foundation
import MQDomain
import Testing

@Suite("Ceilings one player cannot push past")
struct LimitsTests {
    @Test func aLandmarkShowsOnlyItsNewestPhotosButCountsThemAll() async throws {
        var limits = GameLimits.standard
        limits.landmarkPhotosShown = 3
        let test = TestGame(limits: limits)
        let tower = try await test.location()
        let ann = try await test.player("ann").user
        let photos = (0..<5).map { PhotoAttachment(imageURL: test.uploadedPhoto(of: ann, "0000000\($0).jpg")) }
        _ = try await test.game.visits.checkIn(at: tower.id, by: ann, note: nil, photos: photos)
        let (_, shown, total) = try await test.game.locations.photos(at: tower.id)
        #expect(total == 5)
        #expect(shown.count == 3)
        #expect(shown.map(\.id) == shown.map(\.id).sorted(by: >), "newest first")
    }

    @Test func aVisitRefusesPhotosPastItsLimitAndKeepsWhatItHad() async throws {
        var limits = GameLimits.standard
        limits.photosPerVisit = 3
        let test = TestGame(limits: limits)
        let tower = try await test.location()
        let ann = try await test.player("ann").user
        let first = try await test.game.visits.checkIn(
            at: tower.id, by: ann, note: nil,
            photos: [
                PhotoAttachment(imageURL: test.uploadedPhoto(of: ann, "00000001.jpg")), PhotoAttachment(imageURL: test.uploadedPhoto(of: ann, "00000002.jpg")),
            ])
        let refused = await caught {
            try await test.game.visits.checkIn(
                at: tower.id, by: ann, note: nil,
                photos: [
                    PhotoAttachment(imageURL: test.uploadedPhoto(of: ann, "00000003.jpg")),
                    PhotoAttachment(imageURL: test.uploadedPhoto(of: ann, "00000004.jpg")),
                ])
        }
        #expect(refused?.fieldMessages["images"] == ["A visit can carry at most 3 photos."])
        _ = try await test.game.photos.attach(PhotoAttachment(imageURL: test.uploadedPhoto(of: ann, "00000005.jpg")), toVisit: first.visit.id, by: ann)
        let full = await caught {
            try await test.game.photos.attach(PhotoAttachment(imageURL: test.uploadedPhoto(of: ann, "00000006.jpg")), toVisit: first.visit.id, by: ann)
        }
        #expect(full?.fieldMessages["visit"] == ["A visit can carry at most 3 photos."])
        #expect(try await test.game.visits.visit(first.visit.id, of: ann).images.count == 3)
    }

    @Test func aPlayerWithAFullCircleCanNeitherAskNorAcceptUntilAFriendIsRemoved() async throws {
        var limits = GameLimits.standard
        limits.friendsPerPlayer = 2
        let test = TestGame(limits: limits)
        let ann = try await test.player("ann").user
        let (bob, cat, dan, eve) = (
            try await test.player("bob").user, try await test.player("cat").user, try await test.player("dan").user, try await test.player("eve").user
        )
        let toEve = try await test.game.friends.send(to: eve.id, from: ann)
        let fromDan = try await test.game.friends.send(to: ann.id, from: dan)
        var friendships: [FriendRequest] = []
        for friend in [bob, cat] {
            let request = try await test.game.friends.send(to: ann.id, from: friend)
            friendships.append(try await test.game.friends.accept(request.request.id, by: ann))
        }

        let full = "You already have 2 friends, the most a player can have; remove one to add another."
        #expect(await caught { try await test.game.friends.accept(fromDan.request.id, by: ann) } == .rejected(full))
        #expect(await caught { try await test.game.friends.send(to: eve.id, from: ann) } == .rejected(full))
        #expect(await caught { try await test.game.friends.addFriend(email: "dan@example.com", phoneNumber: nil, by: ann) } == .rejected(full))
        #expect(
            await caught { try await test.game.friends.accept(toEve.request.id, by: eve) }
                == .rejected("This player already has 2 friends, the most a player can have."))
        #expect(try await test.game.friends.addFriend(email: "ann@example.com", phoneNumber: nil, by: dan).kind == .alreadySent)
        #expect(try await test.game.friends.request(fromDan.request.id, for: ann).request.status == .pending, "a refusal changes nothing")
        #expect(Set(try await test.game.friends.friends(of: ann).map(\.id)) == [bob.id, cat.id])
        #expect(try await test.game.friends.addFriend(email: "ann@example.com", phoneNumber: nil, by: bob).kind == .alreadyFriends)

        try await test.game.friends.remove(friendships[0].id, by: ann)
        #expect(try await test.game.friends.accept(fromDan.request.id, by: ann).status == .accepted)
        #expect(Set(try await test.game.friends.friends(of: ann).map(\.id)) == [cat.id, dan.id])
    }

    @Test func aPlayerWithTooManyUnansweredRequestsMustWaitForAnAnswerBeforeAskingAgain() async throws {
        var limits = GameLimits.standard
        limits.waitingRequestsPerPlayer = 2
        let test = TestGame(limits: limits)
        let ann = try await test.player("ann").user
        let (bob, cat, dan, eve) = (
            try await test.player("bob").user, try await test.player("cat").user, try await test.player("dan").user, try await test.player("eve").user
        )
        let toBob = try await test.game.friends.send(to: bob.id, from: ann)
        #expect(try await test.game.friends.addFriend(email: "cat@example.com", phoneNumber: nil, by: ann).request.to.id == cat.id)

        let waiting = "You have 2 friend requests waiting for an answer, the most a player can have; cancel one to send another."
        #expect(await caught { try await test.game.friends.send(to: dan.id, from: ann) } == .rejected(waiting))
        #expect(await caught { try await test.game.friends.addFriend(email: "dan@example.com", phoneNumber: nil, by: ann) } == .rejected(waiting))
        #expect(try await test.game.friends.requests(involving: ann, PageRequest()).totalCount == 2, "a refusal adds nothing")
        #expect(try await test.game.friends.addFriend(email: "bob@example.com", phoneNumber: nil, by: ann).kind == .alreadySent)

        let fromEve = try await test.game.friends.send(to: ann.id, from: eve)
        #expect(try await test.game.friends.addFriend(email: "eve@example.com", phoneNumber: nil, by: ann).kind == .accepted, "answering is never refused")
        #expect(fromEve.request.fromUserID == eve.id)

        _ = try await test.game.friends.reject(toBob.request.id, by: bob)
        #expect(try await test.game.friends.send(to: dan.id, from: ann).request.status == .pending, "an answer makes room")
        #expect(await caught { try await test.game.friends.addFriend(email: "bob@example.com", phoneNumber: nil, by: ann) } == .rejected(waiting))
        #expect(try await test.game.friends.request(toBob.request.id, for: ann).request.status == .rejected, "a refused reopening changes nothing")
    }

    @Test func aRateLimiterRefillsOverItsWindowAndSaysHowLongToWait() {
        let limiter = RateLimiter(RateLimit(attempts: 2, per: .seconds(60)))
        let start = ContinuousClock.now
        #expect(limiter.spend("ann", now: start) == .allowed)
        #expect(limiter.spend("ann", now: start) == .allowed)
        #expect(limiter.spend("ann", now: start) == .refused(retryAfter: 30))
        #expect(limiter.spend("bob", now: start) == .allowed, "keys are counted apart")
        #expect(limiter.check("ann", now: start + .seconds(31)) == .allowed, "one attempt back after half the window")
        limiter.reset("ann")
        #expect(limiter.spend("ann", now: start) == .allowed)
    }

    @Test func aRateLimiterForgetsKeysRatherThanGrowWithoutBound() {
        let limiter = RateLimiter(RateLimit(attempts: 5, per: .seconds(60)), capacity: 100)
        let start = ContinuousClock.now
        for key in 0..<10_000 { limiter.spend("address-\(key)", now: start) }
        #expect(limiter.trackedKeys <= 100)
    }
}
