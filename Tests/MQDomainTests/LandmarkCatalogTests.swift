import Foundation
import MQDomain
import MQTestSupport
import Synchronization
import Testing

@Suite("The landmark catalog answers map reads from memory and never serves a write's old state")
struct LandmarkCatalogTests {
    /// Forwards to the in-memory store, its whole-list reads through a gate that counts, holds or fails them,
    /// and counts its reads of several landmarks by identifier.
    final class WatchedLandmarks: LocationRepository {
        let store: any LocationRepository
        let gate = ReadGate()
        let readsByIDs = Mutex<[Set<LocationID>]>([])

        init(_ store: any LocationRepository) { self.store = store }

        func list(_ page: PageRequest) async throws -> Page<Location> {
            _ = try await gate.pass()
            return try await store.list(page)
        }
        func nearby(_ origin: Coordinate, _ page: PageRequest) async throws -> Page<NearbyLocation> { try await store.nearby(origin, page) }
        func find(id: LocationID) async throws -> Location? { try await store.find(id: id) }
        func find(ids: Set<LocationID>) async throws -> [Location] {
            readsByIDs.withLock { $0.append(ids) }
            return try await store.find(ids: ids)
        }
        func find(name: String) async throws -> Location? { try await store.find(name: name) }
        func create(_ location: Location) async throws -> Location { try await store.create(location) }
        func update(_ location: Location) async throws -> Location? { try await store.update(location) }
        func delete(id: LocationID) async throws -> Bool { try await store.delete(id: id) }
    }

    struct Fixture {
        let store = InMemoryStore()
        let clock = TestClock()
        let landmarks: WatchedLandmarks
        let game: MapleQuest
        let staff: User

        init() async throws {
            landmarks = WatchedLandmarks(store.locations)
            var dependencies = store.dependencies(clock: clock, passwords: FakePasswordHasher(), tokens: FakeTokenSigner(), uploads: FakeUploadSigner())
            dependencies.locations = landmarks
            dependencies.landmarkCacheLifetime = .seconds(10)
            game = MapleQuest(dependencies)
            var signedIn = try await game.auth.register(Registration(email: "staff@example.com", password: "correct-horse-battery", firstName: "S"))
            signedIn.user = try await game.profiles.grantStaff(email: signedIn.user.email)
            staff = signedIn.user
        }

        /// A landmark written straight to the store, as another task or an operator command would.
        @discardableResult
        func storedElsewhere(_ name: String, latitude: String = "43.6", longitude: String = "-79.3") async throws -> Location {
            try await store.locations.create(
                Location(
                    id: String(UUID().uuidString.lowercased().prefix(10)), name: name, province: "Ontario", latitude: latitude,
                    longitude: longitude, description: "", points: 10, defaultImageURL: nil))
        }

        func names(_ page: PageRequest = PageRequest(size: 100)) async throws -> [String] {
            try await game.locations.list(page).items.map(\.name)
        }
    }

    @Test func repeatedReadsWithinTheLifetimeLoadTheLandmarksOnce() async throws {
        let test = try await Fixture()
        let tower = try await test.storedElsewhere("CN Tower")
        try await test.storedElsewhere("Banff", latitude: "51.17", longitude: "-115.57")
        #expect(try await test.names() == ["CN Tower", "Banff"])
        #expect(try await test.names(PageRequest(number: 2, size: 1)) == ["Banff"])
        #expect(try await test.game.locations.location(tower.id).name == "CN Tower")
        #expect(try await test.game.locations.nearby(PageRequest(), near: "51.17,-115.57").items.map(\.location.name) == ["Banff", "CN Tower"])
        #expect(test.landmarks.gate.reads == 1)
        #expect(await caught { try await test.game.locations.list(PageRequest(number: 2)) } == .notFound(.page))
        #expect(await caught { try await test.game.locations.location("nope") } == .notFound(.location))
    }

    @Test func aChangeMadeElsewhereShowsOnceTheSnapshotHasLivedItsLifetime() async throws {
        let test = try await Fixture()
        try await test.storedElsewhere("CN Tower")
        #expect(try await test.names() == ["CN Tower"])
        let banff = try await test.storedElsewhere("Banff")
        test.clock.advance(by: 9)
        #expect(try await test.names() == ["CN Tower"])
        #expect(await caught { try await test.game.locations.location(banff.id) } == .notFound(.location))
        test.clock.advance(by: 1)
        #expect(try await test.names() == ["CN Tower", "Banff"])
        #expect(try await test.game.locations.location(banff.id).name == "Banff")
    }

    @Test func theVersionNamesOneSnapshotAndMovesOnWithEveryReload() async throws {
        let test = try await Fixture()
        try await test.storedElsewhere("CN Tower")
        let first = try #require(try await test.game.locations.catalogVersion())
        #expect(try await test.game.locations.catalogVersion() == first)
        _ = try await test.game.locations.create(LocationDraft(name: "Banff", latitude: "51.17", longitude: "-115.57"), by: test.staff)
        let afterWrite = try #require(try await test.game.locations.catalogVersion())
        #expect(afterWrite != first)
        test.clock.advance(by: 10)
        #expect(try await test.game.locations.catalogVersion() != afterWrite)
        #expect(try await TestGame().game.locations.catalogVersion() == nil, "no catalog, no version")
    }

    @Test func aClockThatWentBackwardsReloads() async throws {
        let test = try await Fixture()
        try await test.storedElsewhere("CN Tower")
        _ = try await test.names()
        test.clock.advance(by: -1)
        _ = try await test.names()
        #expect(test.landmarks.gate.reads == 2)
    }

    @Test func staffChangesThroughTheServiceShowAtOnce() async throws {
        let test = try await Fixture()
        #expect(try await test.names().isEmpty)
        let created = try await test.game.locations.create(LocationDraft(name: "CN Tower", latitude: "43.6", longitude: "-79.3"), by: test.staff)
        #expect(try await test.names() == ["CN Tower"])
        _ = try await test.game.locations.update(created.id, with: LocationDraft(points: 70), partial: true, by: test.staff)
        #expect(try await test.game.locations.location(created.id).points == 70)
        _ = try await test.game.locations.seed([
            Landmark(name: "Banff", province: "Alberta", latitude: "51.17", longitude: "-115.57", points: 80, defaultImage: "banff.jpg", description: "")
        ])
        #expect(try await test.names() == ["CN Tower", "Banff"])
        try await test.game.locations.delete(created.id, by: test.staff)
        #expect(try await test.names() == ["Banff"])
        #expect(await caught { try await test.game.locations.location(created.id) } == .notFound(.location))
    }

    @Test func aFeedPageReadsTheLandmarksItsSnapshotLacksInOneStoreRead() async throws {
        let test = try await Fixture()
        let known = try await test.storedElsewhere("CN Tower")
        _ = try await test.names()
        let newer = [try await test.storedElsewhere("Lake Louise"), try await test.storedElsewhere("Banff")]
        let ann = try await test.game.auth.register(Registration(email: "ann@example.com", password: "correct-horse-battery", firstName: "Ann")).user
        let bob = try await test.game.auth.register(Registration(email: "bob@example.com", password: "correct-horse-battery", firstName: "Bob")).user
        let request = try await test.game.friends.send(to: bob.id, from: ann)
        _ = try await test.game.friends.accept(request.request.id, by: bob)
        for landmark in [known] + newer {
            _ = try await test.game.visits.checkIn(at: landmark.id, by: bob, note: nil, photos: [])
        }
        let feed = try await test.game.feed.feed(of: ann, PageRequest())
        #expect(Set(feed.items.map(\.location.name)) == ["CN Tower", "Lake Louise", "Banff"])
        #expect(test.landmarks.readsByIDs.withLock { $0 } == [Set(newer.map(\.id))], "one read, for the two it lacks")
    }

    @Test func aStaffEditStartsFromTheStoredLandmarkNotTheSnapshot() async throws {
        let test = try await Fixture()
        var tower = try await test.storedElsewhere("CN Tower")
        _ = try await test.names()
        tower.description = "Written by another task"
        _ = try await test.store.locations.update(tower)
        let edited = try await test.game.locations.update(tower.id, with: LocationDraft(points: 70), partial: true, by: test.staff)
        #expect(edited.description == "Written by another task")
        #expect(try await test.game.locations.location(tower.id).description == "Written by another task")
    }

    @Test func concurrentReadersOfAStaleSnapshotShareOneReload() async throws {
        let test = try await Fixture()
        try await test.storedElsewhere("CN Tower")
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<32 { group.addTask { try await test.names() } }
            for try await names in group { #expect(names == ["CN Tower"]) }
        }
        #expect(test.landmarks.gate.reads == 1)
    }

    @Test func aReloadBegunBeforeAWriteIsNotKept() async throws {
        let test = try await Fixture()
        try await test.storedElsewhere("CN Tower")
        test.landmarks.gate.hold()
        let early = Task { try await test.names() }
        while !test.landmarks.gate.isHolding { await Task.yield() }
        _ = try await test.game.locations.create(LocationDraft(name: "Banff", latitude: "51.17", longitude: "-115.57"), by: test.staff)
        test.landmarks.gate.release()
        _ = try await early.value
        #expect(try await test.names() == ["CN Tower", "Banff"])
    }

    @Test func aFailedLoadIsReportedAndTheNextReadTriesAgain() async throws {
        let test = try await Fixture()
        try await test.storedElsewhere("CN Tower")
        test.landmarks.gate.fail(true)
        await #expect(throws: ReadGate.Unavailable.self) { try await test.names() }
        test.landmarks.gate.fail(false)
        #expect(try await test.names() == ["CN Tower"])
    }

    @Test func pastItsCapacityTheCatalogReadsTheStoreInstead() async throws {
        let test = try await Fixture()
        for index in 0...LandmarkCatalog.capacity { try await test.storedElsewhere("Landmark \(index)") }
        #expect(try await test.names(PageRequest(number: 2, size: 2)) == ["Landmark 2", "Landmark 3"])
        let reads = test.landmarks.gate.reads
        #expect(try await test.names(PageRequest(number: 3, size: 1)) == ["Landmark 2"])
        #expect(test.landmarks.gate.reads == reads + 1, "the list is read from the store, not loaded again")
        let nearest = try await test.game.locations.nearby(PageRequest(size: 1), near: "43.6,-79.3")
        #expect(nearest.totalCount == LandmarkCatalog.capacity + 1)
        #expect(try await test.game.locations.catalogVersion() == nil, "nothing derived from the store's answers may be kept")
    }

    @Test func theCatalogOrdersNearbyLandmarksAsTheStoreDoes() async throws {
        let test = try await Fixture()
        try await test.storedElsewhere("Toronto", latitude: "43.65", longitude: "-79.38")
        try await test.storedElsewhere("Unreadable", latitude: "north", longitude: "west")
        try await test.storedElsewhere("Ottawa", latitude: "45.42", longitude: "-75.70")
        try await test.storedElsewhere("Toronto again", latitude: "43.65", longitude: "-79.38")
        let origin = try #require(Coordinate(pair: "45.0,-76.0"))
        let fromStore = try await test.store.locations.nearby(origin, PageRequest(size: 100))
        let fromCatalog = try await test.game.locations.nearby(PageRequest(size: 100), near: "45.0,-76.0")
        #expect(fromCatalog.items == fromStore.items)
        #expect(fromCatalog.items.map(\.location.name) == ["Ottawa", "Toronto", "Toronto again", "Unreadable"])
    }
}
