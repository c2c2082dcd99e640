import Foundation
import MQDomain
import MQTestSupport

/// A whole game on the in-memory store with fakes at every edge.
struct TestGame {
    static let password = "correct-horse-battery"

    let store = InMemoryStore()
    let clock = TestClock()
    let passwords = FakePasswordHasher()
    let uploads = FakeUploadSigner()
    let game: MapleQuest

    init(limits: GameLimits = .standard, proximity: ProximityRule = .off, landmarkCacheLifetime: Duration = .zero) {
        var dependencies = store.dependencies(clock: clock, passwords: passwords, tokens: FakeTokenSigner(), uploads: uploads)
        dependencies.limits = limits
        dependencies.proximity = proximity
        dependencies.landmarkCacheLifetime = landmarkCacheLifetime
        game = MapleQuest(dependencies)
    }

    /// Registers `name@example.com`; staff when asked.
    @discardableResult
    func player(_ name: String, phone: String? = nil, staff: Bool = false) async throws -> SignedIn {
        var signedIn = try await game.auth.register(
            Registration(
                email: "\(name)@example.com", password: Self.password, firstName: name.capitalized, phoneNumber: phone))
        if staff {
            signedIn.user = try await game.profiles.grantStaff(email: signedIn.user.email)
        }
        return signedIn
    }

    /// A landmark worth `points`, by default the CN Tower's place.
    func location(
        _ name: String = "CN Tower", points: Int = 90, province: String = "Ontario",
        latitude: String = "43.6427", longitude: String = "-79.3871"
    ) async throws -> Location {
        try await store.locations.create(
            Location(
                id: String(UUID().uuidString.lowercased().prefix(10)), name: name, province: province,
                latitude: latitude, longitude: longitude, description: "", points: points, defaultImageURL: nil))
    }

    /// Makes `first` and `second` friends through an accepted request.
    func befriend(_ first: User, _ second: User) async throws {
        let sent = try await game.friends.send(to: second.id, from: first)
        _ = try await game.friends.accept(sent.request.id, by: second)
    }

    /// The public URL of a photo `user` uploaded.
    func uploadedPhoto(of user: User, _ name: String = "abcd1234.jpg") -> String {
        uploads.publicURL(forKey: "images/\(user.id)/\(name)")
    }

    func current(_ user: User) async throws -> User {
        try await store.users.find(id: user.id)!
    }
}

/// The error a throwing call threw, for `#expect` on its case.
func caught(_ body: () async throws -> some Any) async -> MapleQuestError? {
    do {
        _ = try await body()
        return nil
    } catch let error as MapleQuestError {
        return error
    } catch {
        return nil
    }
}

extension MapleQuestError {
    var fieldMessages: [String: [String]] {
        if case .invalid(let errors) = self { return errors.messages }
        return [:]
    }

    var fieldProblems: [String: [FieldProblem]] {
        if case .invalid(let errors) = self { return errors.problems }
        return [:]
    }
}
