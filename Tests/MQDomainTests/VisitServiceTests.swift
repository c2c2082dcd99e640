import Foundation
import MQDomain
import MQTestSupport
import Testing

@Suite("Check-ins and points")
struct VisitServiceTests {
    @Test func theFirstCheckInAwardsTheLocationsPoints() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location(points: 90)
        let outcome = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: "windy", photos: [])
        #expect(outcome.isFirstVisit)
        #expect(outcome.pointsEarned == 90)
        #expect(outcome.totalPoints == 90)
        #expect(outcome.visit.note == "windy")
        #expect(try await test.current(ann.user).points == 90)
    }

    @Test func checkInsTakeTheirLandmarkFromTheCatalogYetMissNoChange() async throws {
        let test = TestGame(landmarkCacheLifetime: .seconds(3600))
        let staff = try await test.player("sam", staff: true)
        let ann = try await test.player("ann")
        let tower = try await test.location(points: 90)
        _ = try await test.game.locations.list(PageRequest())
        _ = try await test.game.locations.update(tower.id, with: LocationDraft(points: 40), partial: true, by: staff.user)
        #expect(try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: []).pointsEarned == 40)

        let addedElsewhere = try await test.location("Niagara Falls", points: 70)
        #expect(try await test.game.visits.checkIn(at: addedElsewhere.id, by: ann.user, note: nil, photos: []).pointsEarned == 70)

        let cove = try await test.location("Peggy's Cove", points: 50)
        _ = try await test.game.locations.update(tower.id, with: LocationDraft(points: 45), partial: true, by: staff.user)
        #expect(try await test.game.locations.list(PageRequest()).items.contains { $0.id == cove.id })
        _ = try await test.store.locations.delete(id: cove.id)
        #expect(await caught { try await test.game.visits.checkIn(at: cove.id, by: ann.user, note: nil, photos: []) } == .notFound(.location))
        #expect(try await test.current(ann.user).points == 40 + 70)
    }

    @Test func laterCheckInsAwardNothingAndOnlyAddPhotos() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location(points: 90)
        _ = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: "first", photos: [])
        let again = try await test.game.visits.checkIn(
            at: tower.id, by: ann.user, note: "second",
            photos: [PhotoAttachment(imageURL: test.uploadedPhoto(of: ann.user), description: "top")])
        #expect(!again.isFirstVisit)
        #expect(again.pointsEarned == 0)
        #expect(again.visit.note == "first")
        #expect(again.addedImages.map(\.description) == ["top"])
        #expect(try await test.current(ann.user).points == 90)
    }

    @Test func fiftyConcurrentCheckInsAwardThePointsExactlyOnce() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location(points: 90)
        let firsts = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 {
                group.addTask { try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: []).isFirstVisit }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(firsts == 1)
        #expect(try await test.current(ann.user).points == 90)
        #expect(try await test.game.visits.visits(of: ann.user, PageRequest()).totalCount == 1)
    }

    @Test func somebodyElsesPhotoIsRefusedAndNothingIsWritten() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let tower = try await test.location()
        let error = await caught {
            try await test.game.visits.checkIn(
                at: tower.id, by: ann.user, note: nil,
                photos: [PhotoAttachment(imageURL: test.uploadedPhoto(of: bob.user))])
        }
        #expect(error?.fieldMessages["images"] == ["Image URL must point to one of your own uploads."])
        #expect(try await test.current(ann.user).points == 0)
        #expect(try await test.game.visits.visits(of: ann.user, PageRequest()).totalCount == 0)
    }

    @Test(arguments: [
        "https://evil.example/images/ID/a.jpg",
        "https://photos.test/images/ID/../OTHER/a.jpg",
        "https://photos.test/images/ID/",
        "https://photos.test/images/ID/nested/a.jpg",
        "https://photos.test/locations/banff.jpg",
    ])
    func photoURLsOutsideTheCallersOwnPrefixAreRefused(template: String) async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location()
        let url = template.replacingOccurrences(of: "ID", with: ann.user.id)
        let error = await caught {
            try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [PhotoAttachment(imageURL: url)])
        }
        #expect(error != nil)
    }

    @Test func checkingInAtAnUnknownLocationIsNotFound() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        #expect(await caught { try await test.game.visits.checkIn(at: "nowhere", by: ann.user, note: nil, photos: []) } == .notFound(.location))
    }

    @Test func recordingASecondVisitToTheSameLocationIsRefused() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location(points: 90)
        _ = try await test.game.visits.recordVisit(to: tower.id, by: ann.user, note: "hi")
        let error = await caught { try await test.game.visits.recordVisit(to: tower.id, by: ann.user, note: "again") }
        #expect(error?.fieldMessages["location"] == ["You have already visited this location."])
        #expect(try await test.current(ann.user).points == 90)
    }

    @Test func deletingAVisitTakesItsPointsAndPhotosBack() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location(points: 90)
        let outcome = try await test.game.visits.checkIn(
            at: tower.id, by: ann.user, note: nil, photos: [PhotoAttachment(imageURL: test.uploadedPhoto(of: ann.user))])
        try await test.game.visits.delete(outcome.visit.id, by: ann.user)
        #expect(try await test.current(ann.user).points == 0)
        #expect(try await test.game.photos.images(of: ann.user, PageRequest()).totalCount == 0)
        let again = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [])
        #expect(again.isFirstVisit, "a deleted visit can be earned again")
    }

    @Test func onlyTheNoteOfAVisitChangesAndOnlyByItsOwner() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let tower = try await test.location()
        let visit = try await test.game.visits.recordVisit(to: tower.id, by: ann.user, note: "a")
        #expect(try await test.game.visits.updateNote(visit.id, to: "b", by: ann.user).note == "b")
        #expect(await caught { try await test.game.visits.updateNote(visit.id, to: "c", by: bob.user) } == .notFound(.visit))
        #expect(await caught { try await test.game.visits.visit(visit.id, of: bob.user) } == .notFound(.visit))
        #expect(await caught { try await test.game.visits.delete(visit.id, by: bob.user) } == .notFound(.visit))
    }

    @Test func visitsComeNewestFirst() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let first = try await test.location("A")
        let second = try await test.location("B")
        _ = try await test.game.visits.recordVisit(to: first.id, by: ann.user, note: nil)
        test.clock.advance(by: 60)
        _ = try await test.game.visits.recordVisit(to: second.id, by: ann.user, note: nil)
        let page = try await test.game.visits.visits(of: ann.user, PageRequest())
        #expect(page.items.map(\.locationID) == [second.id, first.id])
    }
}
