import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQAuth
import MQDomain
import MQHTTP
import MQPersistence
import MQStorage
import Testing

@testable import mq_server

/// Property: whatever JSON a client sends to whatever field of whatever route, the answer is a 2xx or a
/// 4xx with a JSON body — never a 5xx, never a trap — and the server keeps serving.
@Suite("Arbitrary JSON at every field of every route, on both stores")
struct ArbitraryInputTests {
    /// Every route that reads a body, with the fields it reads; `{…}` stands for an id filled in per request.
    static let routes: [(HTTPRequest.Method, String, [String])] = [
        (.post, "/auth/register/", ["email", "password", "first_name", "last_name", "phone_no"]),
        (.post, "/auth/login/", ["email", "password"]),
        (.post, "/auth/token/refresh/", ["refresh"]),
        (.put, "/auth/profile/", ["first_name", "last_name", "phone_no", "profile_pic_url", "email", "points"]),
        (.patch, "/auth/profile/", ["first_name", "last_name", "phone_no", "profile_pic_url", "email"]),
        (.put, "/api/users/{user}/", ["first_name", "last_name", "phone_no", "profile_pic_url", "email", "password"]),
        (.patch, "/api/users/{user}/", ["first_name", "phone_no", "password", "user_id", "points"]),
        (.post, "/api/users/update_points/", ["points"]),
        (.post, "/api/users/generate_upload_url/", ["filename"]),
        (.post, "/api/locations/", ["name", "province", "latitude", "longitude", "description", "points", "default_image_url"]),
        (.put, "/api/locations/{location}/", ["name", "province", "latitude", "longitude", "description", "points", "default_image_url"]),
        (.patch, "/api/locations/{location}/", ["name", "latitude", "points", "default_image_url"]),
        (.post, "/api/locations/{location}/visit/", ["note", "images", "latitude", "longitude", "accuracy_m"]),
        (.post, "/api/visits/", ["location", "note", "latitude", "longitude", "accuracy_m"]),
        (.patch, "/api/visits/{visit}/", ["note", "location", "user"]),
        (.post, "/api/images/", ["visit", "image_url", "description"]),
        (.patch, "/api/images/{image}/", ["description", "likes"]),
        (.post, "/api/friend-requests/", ["to_user", "from_user", "status"]),
        (.post, "/api/friend-requests/add_friend/", ["email", "phone_no"]),
        (.post, "/api/friend-requests/{request}/accept/", ["status"]),
        (.post, "/api/achievements/", ["achievement_id", "description", "points", "rule"]),
        (.put, "/api/achievements/{achievement}/", ["description", "points", "rule"]),
        (.patch, "/api/achievements/{achievement}/", ["rule"]),
        (.post, "/api/images/{image}/like/", []),
        (.delete, "/api/images/{image}/like/", []),
        (.get, "/api/locations/?page={page}&page_size={page}", []),
        (.get, "/api/locations/?near={near}&page={page}", []),
        (.get, "/api/feed/?page={page}&page_size={page}", []),
        (.get, "/api/leaderboard/?scope={scope}", []),
        (.get, "/api/users/me/achievements/?page={page}", []),
    ]

    /// The game on `store`, with hashing cheap enough to run hundreds of sign-ins.
    func api(on store: StoreKind) async throws -> MapleQuestAPI {
        let media = LocalDiskPhotoStore(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("mq-fuzz-\(UUID().uuidString)"),
            baseURL: "http://localhost:8000", secret: "fuzz")
        let passwords = DjangoPasswordHasher(iterations: 1000, concurrency: 1)
        let tokens = HS256TokenSigner(secret: "fuzz")
        let dependencies: GameDependencies
        switch store {
        case .memory:
            dependencies = InMemoryStore().dependencies(passwords: passwords, tokens: tokens, uploads: media)
        case .postgres:
            let variables = try await StoreKind.freshDatabase()
            let database = PostgresStore(
                settings: DatabaseSettings(
                    host: variables["DB_HOST"]!, port: Int(variables["DB_PORT"]!)!, name: variables["DB_NAME"]!,
                    user: variables["DB_USER"]!, sslMode: "disable"))
            _ = try await database.migrate()
            dependencies = database.dependencies(passwords: passwords, tokens: tokens, uploads: media)
        }
        let game = MapleQuest(dependencies)
        _ = try await game.locations.seed(try Landmarks.load())
        return MapleQuestAPI(game: game, media: media)
    }

    @Test(arguments: StoreKind.allCases)
    func noBodyMakesTheServerFail(store: StoreKind) async throws {
        let api = try await api(on: store)
        try await Application(router: api.router(), server: MapleQuestAPI.server).test(.router) { client in
            let ann = try await client.signUp("ann")
            let bob = try await client.signUp("bob")
            _ = try await api.game.profiles.grantStaff(email: "ann@example.com")
            let locations = try await client.json(.get, "/api/locations/").jsonObject()["results"] as! [[String: Any]]
            let tower = locations[0]["location_id"] as! String
            let photo = "http://localhost:8000/media/images/\(ann.id)/a.jpg"
            let visit = try await client.json(.post, "/api/locations/\(tower)/visit/", ["images": [["image_url": photo]]], token: ann.access).jsonObject()
            let visitID = (visit["visit"] as! [String: Any])["id"] as! Int
            let imageID = (visit["images"] as! [[String: Any]])[0]["id"] as! Int
            let request = try await client.json(.post, "/api/friend-requests/", ["to_user": ann.id], token: bob.access).jsonObject()
            let requestID = request["id"] as! Int
            let achievement = try await client.json(
                .post, "/api/achievements/", ["achievement_id": "first", "description": "", "points": 5], token: ann.access)
            #expect(achievement.status == .created)

            var arbitrary = ArbitraryJSON(seed: store == .memory ? 0x4D41_504C_4521 : 0x5155_4553_5421)
            var failures: [String] = []
            var statuses: [Int: Int] = [:]
            for example in 0..<1_000 {
                let (method, template, fields) = arbitrary.pick(Self.routes)
                let ids: [String: [String]] = [
                    "{user}": [ann.id, bob.id, "nobody", "%00", "x%20y"],
                    "{location}": [tower, "nowhere", "%00", String(repeating: "9", count: 40)],
                    "{visit}": [String(visitID), "0", "-1", "99999999999999999999", "abc"],
                    "{image}": [String(imageID), String(Int.max), "1e3"],
                    "{request}": [String(requestID), "18446744073709551616"],
                    "{achievement}": ["first", "none", "%ff"],
                    "{page}": ["1", "2", String(Int.max), "-0", "0x1", "%00"],
                    "{near}": ["51.18,-115.57", "91,0", "0,0", "nan,nan", "1e308,1", "%00,1", ",", "-0,-0", "43.6"],
                    "{scope}": ["global", "friends", "", "GLOBAL", "%00"],
                ]
                var path = template
                for (placeholder, choices) in ids where path.contains(placeholder) {
                    path = path.replacingOccurrences(of: placeholder, with: arbitrary.pick(choices))
                }
                let token = arbitrary.pick([ann.access, ann.access, ann.access, bob.access, nil, "garbage"])
                let body = method == .get ? nil : arbitrary.body(keys: fields)
                let response = try await client.json(method, path, body, token: token)
                let answer = String(buffer: response.body)
                statuses[Int(response.status.code), default: 0] += 1
                if response.status.code >= 500 {
                    failures.append("#\(example) \(method) \(path) \(body ?? "") → \(response.status.code) \(answer)")
                } else if response.status != .noContent,
                    (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] == nil
                {
                    failures.append("#\(example) \(method) \(path) → \(response.status.code) not a JSON object: \(answer.prefix(200))")
                }
            }
            #expect(
                statuses.keys.contains { (200..<300).contains($0) } && statuses[400] != nil && statuses[401] != nil,
                "the examples reach past authentication and validation: \(statuses.sorted { $0.key < $1.key })")
            #expect(failures.isEmpty, "\(failures.count) answers broke the contract:\n\(failures.prefix(20).joined(separator: "\n"))")
            #expect(try await client.json(.get, "/health/").status == .ok)
        }
    }
}
