import MQDomain
import Testing

@Suite("Landmarks")
struct LocationServiceTests {
    static let landmarks = [
        Landmark(
            name: "Niagara Falls", province: "Ontario", latitude: "43.09", longitude: "-79.03", points: 100, defaultImage: "niagara-falls.jpg",
            description: "Falls"),
        Landmark(
            name: "Peggy’s Cove Lighthouse", province: "Nova Scotia", latitude: "44.49", longitude: "-63.91", points: 70, defaultImage: "peggys-cove.jpg",
            description: "Lighthouse"),
    ]

    @Test func seedingCreatesThenChangesNothingTheSecondTime() async throws {
        let test = TestGame()
        #expect(try await test.game.locations.seed(Self.landmarks) == SeedReport(created: 2, updated: 0, unchanged: 0))
        #expect(try await test.game.locations.seed(Self.landmarks) == SeedReport(created: 0, updated: 0, unchanged: 2))
        let page = try await test.game.locations.list(PageRequest())
        #expect(page.items.map(\.name) == ["Niagara Falls", "Peggy’s Cove Lighthouse"])
        #expect(page.items.first?.defaultImageURL == "https://photos.test/locations/niagara-falls.jpg")
    }

    @Test func seedingUpdatesALandmarkFoundByName() async throws {
        let test = TestGame()
        _ = try await test.game.locations.seed(Self.landmarks)
        var changed = Self.landmarks
        changed[0].points = 150
        #expect(try await test.game.locations.seed(changed) == SeedReport(created: 0, updated: 1, unchanged: 1))
        #expect(try await test.game.locations.list(PageRequest()).items.first?.points == 150)
    }

    @Test func locationFieldsAreValidated() async throws {
        let test = TestGame()
        let admin = try await test.player("admin", staff: true)
        let error = await caught {
            try await test.game.locations.create(
                LocationDraft(
                    name: String(repeating: "n", count: 101), latitude: "91", longitude: "east", points: -1,
                    defaultImageURL: "ftp://nope"), by: admin.user)
        }
        let fields = try #require(error?.fieldMessages)
        #expect(fields["name"] == ["Ensure this field has no more than 100 characters."])
        #expect(fields["latitude"] == ["Ensure this value is less than or equal to 90."])
        #expect(fields["longitude"] == ["A valid number is required."])
        #expect(fields["points"] == ["Ensure this value is greater than or equal to 0."])
        #expect(fields["default_image_url"] == ["Enter a valid URL."])
        #expect(
            await caught { try await test.game.locations.create(LocationDraft(), by: admin.user) }?.fieldMessages.keys.sorted() == [
                "latitude", "longitude", "name",
            ])
    }

    @Test func aPagePastTheEndIsInvalidButAnEmptyFirstPageIsNot() async throws {
        let test = TestGame()
        #expect(try await test.game.locations.list(PageRequest()).items.isEmpty)
        _ = try await test.game.locations.seed(Self.landmarks)
        #expect(try await test.game.locations.list(PageRequest(number: 2, size: 1)).items.map(\.name) == ["Peggy’s Cove Lighthouse"])
        #expect(await caught { try await test.game.locations.list(PageRequest(number: 3, size: 1)) } == .notFound(.page))
        #expect(await caught { try await test.game.locations.list(PageRequest(number: 0)) } == .notFound(.page))
    }

    @Test func photosAtALocationComeNewestFirstFromEveryone() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let tower = try await test.location()
        _ = try await test.game.visits.checkIn(
            at: tower.id, by: ann.user, note: nil, photos: [PhotoAttachment(imageURL: test.uploadedPhoto(of: ann.user), description: "ann")])
        _ = try await test.game.visits.checkIn(
            at: tower.id, by: bob.user, note: nil, photos: [PhotoAttachment(imageURL: test.uploadedPhoto(of: bob.user), description: "bob")])
        #expect(try await test.game.locations.photos(at: tower.id).images.map(\.description) == ["bob", "ann"])
    }
}
