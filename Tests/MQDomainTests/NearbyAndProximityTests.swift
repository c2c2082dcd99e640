import Foundation
import MQDomain
import Testing

@Suite("Nearby landmarks and check-ins near the landmark")
struct NearbyAndProximityTests {
    /// Banff to Lake Louise is about 50 km; Toronto is about 2,816 km from Banff.
    @Test func distancesFollowTheGreatCircle() throws {
        let banff = try #require(Coordinate(latitude: 51.1784, longitude: -115.5708))
        let lakeLouise = try #require(Coordinate(latitude: 51.4254, longitude: -116.1773))
        let toronto = try #require(Coordinate(latitude: 43.6532, longitude: -79.3832))
        #expect(abs(banff.distance(to: lakeLouise) - 50_320) < 10)
        #expect(abs(banff.distance(to: toronto) - 2_816_158) < 10)
        #expect(banff.distance(to: banff) == 0)
    }

    @Test(arguments: ["91,0", "0,181", "-90.5,10", "abc", "1,2,3", "", ",", "nan,0", "inf,0", "1e3,0", "0x10,0", "43.6"])
    func impossibleCoordinatesAreRefused(near: String) async throws {
        let test = TestGame()
        let error = await caught { try await test.game.locations.nearby(PageRequest(), near: near) }
        #expect(error?.fieldMessages["near"] != nil)
    }

    @Test func nearbyOrdersByDistanceAndAddsIt() async throws {
        let test = TestGame()
        let tower = try await test.location("CN Tower")
        let banff = try await test.location("Banff", province: "Alberta", latitude: "51.1784", longitude: "-115.5708")
        let louise = try await test.location("Lake Louise", province: "Alberta", latitude: "51.4254", longitude: "-116.1773")
        let page = try await test.game.locations.nearby(PageRequest(), near: "51.18,-115.57")
        #expect(page.items.map(\.location.id) == [banff.id, louise.id, tower.id])
        #expect(page.totalCount == 3)
        #expect((page.items[0].distanceMeters ?? .infinity) < 1_000)
        let plain = try await test.game.locations.list(PageRequest())
        #expect(plain.items.map(\.id) == [tower.id, banff.id, louise.id], "without near, creation order as before")
    }

    @Test func landmarksWithUnreadableCoordinatesComeLastWithoutADistance() async throws {
        let test = TestGame()
        let odd = try await test.location("Odd", latitude: "north", longitude: "west")
        let tower = try await test.location("CN Tower")
        let page = try await test.game.locations.nearby(PageRequest(), near: "0,0")
        #expect(page.items.map(\.location.id) == [tower.id, odd.id])
        #expect(page.items[1].distanceMeters == nil)
    }

    @Test func nearbyPagesLikeEveryList() async throws {
        let test = TestGame()
        for index in 0..<3 { _ = try await test.location("L\(index)", latitude: "\(40 + index)", longitude: "-79") }
        let second = try await test.game.locations.nearby(PageRequest(number: 2, size: 2), near: "40,-79")
        #expect(second.items.map(\.location.name) == ["L2"])
        let beyond = await caught { try await test.game.locations.nearby(PageRequest(number: 3, size: 2), near: "40,-79") }
        #expect(beyond == .notFound(.page))
    }

    @Test func withoutARadiusAnyPositionOrNoneIsAccepted() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location()
        let far = PositionReport(latitude: 51.18, longitude: -115.57)
        #expect(try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [], position: far).isFirstVisit)
    }

    @Test func aCheckInFartherThanTheRadiusIsRefusedAndChangesNothing() async throws {
        let test = TestGame(proximity: ProximityRule(radiusMeters: 200))
        let ann = try await test.player("ann")
        let tower = try await test.location(points: 90)
        let error = await caught {
            try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [], position: PositionReport(latitude: 43.66, longitude: -79.39))
        }
        #expect(error?.fieldMessages["position"] != nil)
        #expect(try await test.current(ann.user).points == 0)
        #expect(try await test.game.visits.visits(of: ann.user, PageRequest()).totalCount == 0)
        let refusedRecord = await caught {
            try await test.game.visits.recordVisit(to: tower.id, by: ann.user, note: nil, position: PositionReport(latitude: 0, longitude: 0))
        }
        #expect(refusedRecord?.fieldMessages["position"] != nil, "the visits collection follows the same rule")
    }

    @Test func aCheckInWithinTheRadiusOrWithoutAPositionIsAccepted() async throws {
        let test = TestGame(proximity: ProximityRule(radiusMeters: 200))
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let tower = try await test.location()
        let near = PositionReport(latitude: 43.6430, longitude: -79.3875, accuracyMeters: 15)
        #expect(try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [], position: near).isFirstVisit)
        #expect(
            try await test.game.visits.checkIn(at: tower.id, by: bob.user, note: nil, photos: []).isFirstVisit,
            "the shipped app sends no position")
    }

    @Test func repeatVisitsFollowTheSameRule() async throws {
        let test = TestGame(proximity: ProximityRule(radiusMeters: 200))
        let ann = try await test.player("ann")
        let tower = try await test.location()
        _ = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [])
        let error = await caught {
            try await test.game.visits.checkIn(
                at: tower.id, by: ann.user, note: nil, photos: [PhotoAttachment(imageURL: test.uploadedPhoto(of: ann.user))],
                position: PositionReport(latitude: 45, longitude: -75))
        }
        #expect(error?.fieldMessages["position"] != nil)
        #expect(try await test.game.photos.images(of: ann.user, PageRequest()).totalCount == 0)
    }

    @Test func accuracyWidensTheRadiusByAtMostTheRadiusItself() async throws {
        let test = TestGame(proximity: ProximityRule(radiusMeters: 100))
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let tower = try await test.location()
        let origin = try #require(tower.coordinate)
        // About 150 m north of the tower.
        let north = origin.latitude + 150 / 111_195.0
        let widened = PositionReport(latitude: north, longitude: origin.longitude, accuracyMeters: 60)
        #expect(try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [], position: widened).isFirstVisit)
        // About 250 m away: even a claimed 5 km of uncertainty widens the radius only to 200 m.
        let far = PositionReport(latitude: origin.latitude + 250 / 111_195.0, longitude: origin.longitude, accuracyMeters: 5_000)
        let error = await caught { try await test.game.visits.checkIn(at: tower.id, by: bob.user, note: nil, photos: [], position: far) }
        #expect(error?.fieldMessages["position"] != nil)
    }

    @Test func requiringAPositionRefusesCheckInsWithoutOne() async throws {
        let test = TestGame(proximity: ProximityRule(radiusMeters: 200, requiresPosition: true))
        let ann = try await test.player("ann")
        let tower = try await test.location()
        let error = await caught { try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: []) }
        #expect(error?.fieldMessages["latitude"] == [FieldMessage.required])
        #expect(error?.fieldMessages["longitude"] == [FieldMessage.required])
        #expect(try await test.current(ann.user).points == 0)
    }

    @Test(arguments: [
        PositionReport(latitude: 43.64), PositionReport(longitude: -79.38), PositionReport(accuracyMeters: 5),
        PositionReport(latitude: 91, longitude: 0), PositionReport(latitude: 0, longitude: -181),
        PositionReport(latitude: .nan, longitude: 0), PositionReport(latitude: 43.64, longitude: -79.38, accuracyMeters: -1),
        PositionReport(latitude: 43.64, longitude: -79.38, accuracyMeters: .infinity),
    ])
    func incompleteOrImpossiblePositionsAreRefusedEvenWithoutARadius(position: PositionReport) async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location()
        let error = await caught { try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [], position: position) }
        #expect(error?.fieldMessages.isEmpty == false)
        #expect(try await test.current(ann.user).points == 0)
    }
}
