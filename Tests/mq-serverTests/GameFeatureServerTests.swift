import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQDomain
import MQHTTP
import NIOCore
import NIOHTTP1
import Testing

@testable import mq_server

/// The new game routes over HTTP on both stores, configured the way a deployment configures them.
@Suite("Nearby, proximity, achievements, likes, feed and leaderboards over HTTP")
struct GameFeatureServerTests {
    /// Runs `body` against the server on a real socket, with its base URL. Requests go through
    /// ``send(_:_:_:token:)``, which waits as long as a loaded machine needs (sign-ups hash passwords).
    func live(_ assembly: GameAssembly, _ body: @Sendable @escaping (String) async throws -> Void) async throws {
        let app = Application(router: assembly.api.router(), server: MapleQuestAPI.server, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)") }
    }

    func signUp(_ base: String, _ name: String) async throws -> SignedInPlayer {
        let answer = try await send(.POST, "\(base)/auth/register/", ["email": "\(name)@example.com", "password": "maple-syrup-42"], token: nil)
        let tokens = answer.object["tokens"] as? [String: String]
        guard let user = answer.object["user"] as? [String: Any], let id = user["user_id"] as? String,
            let access = tokens?["access"], let refresh = tokens?["refresh"]
        else { throw StoreTestFailure("registration failed: \(answer.status)") }
        return SignedInPlayer(id: id, access: access, refresh: refresh)
    }

    func landmarks(_ base: String) async throws -> [[String: Any]] {
        try await send(.GET, "\(base)/api/locations/?page_size=100", token: nil).object["results"] as! [[String: Any]]
    }

    /// An answer as it came off the socket.
    struct Answer: Sendable {
        let status: Int
        let body: Data
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    func send(_ method: HTTPMethod, _ url: String, _ body: [String: any Sendable]? = nil, token: String?) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body { request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: Int(response.status.code), body: Data(bytes.readableBytesView))
    }

    func landmarks(_ client: any TestClientProtocol) async throws -> [[String: Any]] {
        try await client.json(.get, "/api/locations/?page_size=100").jsonObject()["results"] as! [[String: Any]]
    }

    @Test(arguments: StoreKind.allCases)
    func nearbyAddsDistancesNearestFirstAndKeepsNearInItsLinks(store: StoreKind) async throws {
        let assembly = try await store.assembly()
        try await assembly.test { client in
            let plain = try await client.json(.get, "/api/locations/").jsonObject()
            let first = (plain["results"] as! [[String: Any]])[0]
            #expect(first["distance_m"] == nil, "without near, the shipped answer is unchanged")
            let near = try await client.json(.get, "/api/locations/?near=51.1784,-115.5708&page_size=3").jsonObject()
            let results = near["results"] as! [[String: Any]]
            let distances = results.compactMap { $0["distance_m"] as? Double }
            #expect(distances.count == 3)
            #expect(distances == distances.sorted())
            #expect(results.first?["name"] as? String == "Banff National Park")
            #expect((near["next"] as? String)?.contains("near=51.1784%2C-115.5708") == true)
            #expect((near["next"] as? String)?.contains("page=2") == true)
            for bad in ["91,0", "abc", "1,2,3", "nan,0", "", "0,181"] {
                let refused = try await client.json(.get, "/api/locations/?near=\(bad)")
                #expect(refused.status == .badRequest, "near=\(bad)")
                #expect(try refused.jsonObject()["near"] is [String])
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFarCheckInIsRefusedWithAFieldErrorAndChangesNothing(store: StoreKind) async throws {
        let assembly = try await store.assembly(["CHECKIN_RADIUS_METERS": "500"])
        try await assembly.test { client in
            let ann = try await client.signUp("ann")
            let banff = try await landmarks(client).first { $0["name"] as? String == "Banff National Park" }!
            let id = banff["location_id"] as! String
            let lat = Double(banff["latitude"] as! String)!
            let lon = Double(banff["longitude"] as! String)!
            let far = try await client.json(.post, "/api/locations/\(id)/visit/", ["latitude": 43.64, "longitude": -79.38], token: ann.access)
            #expect(far.status == .badRequest)
            #expect(try far.jsonObject()["position"] is [String])
            let viaVisits = try await client.json(.post, "/api/visits/", ["location": id, "latitude": "43.64", "longitude": "-79.38"], token: ann.access)
            #expect(viaVisits.status == .badRequest)
            let typo = try await client.json(.post, "/api/locations/\(id)/visit/", ["latitude": "north", "longitude": true], token: ann.access)
            #expect(typo.status == .badRequest)
            #expect(Set(try typo.jsonObject().keys).isSuperset(of: ["latitude", "longitude"]))
            let me = try await client.json(.get, "/api/users/me/", token: ann.access).jsonObject()
            #expect(me["points"] as? Int == 0)
            let close = try await client.json(
                .post, "/api/locations/\(id)/visit/", ["latitude": lat + 0.001, "longitude": lon, "accuracy_m": 20], token: ann.access)
            #expect(close.status == .created)
            let unpositioned = try await client.json(.post, "/api/locations/\(id)/visit/", ["note": "again"], token: ann.access)
            #expect(unpositioned.status == .ok, "the shipped app sends no position")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func requiringAPositionRefusesTheShippedAppsCheckIn(store: StoreKind) async throws {
        let assembly = try await store.assembly(["CHECKIN_REQUIRE_POSITION": "true"])
        try await assembly.test { client in
            let ann = try await client.signUp("ann")
            let id = try await landmarks(client)[0]["location_id"] as! String
            let refused = try await client.json(.post, "/api/locations/\(id)/visit/", [:], token: ann.access)
            #expect(refused.status == .badRequest)
            #expect(try refused.jsonObject()["latitude"] as? [String] == ["This field is required."])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func achievementsWithRulesAreEarnedExactlyOnceUnderConcurrentCheckIns(store: StoreKind) async throws {
        let assembly = try await store.assembly()
        _ = try await assembly.game.achievements.seedStarterSet()
        try await live(assembly) { base in
            let staff = try await signUp(base, "staff")
            _ = try await assembly.game.profiles.grantStaff(email: "staff@example.com")
            let rule: [String: any Sendable] = [
                "achievement_id": "three", "description": "Three landmarks", "points": 40,
                "rule": ["kind": "distinct_landmarks", "count": 3] as [String: any Sendable],
            ]
            let created = try await send(.POST, "\(base)/api/achievements/", rule, token: staff.access)
            #expect(created.status == 201)
            #expect((created.object["rule"] as? [String: Any])?["count"] as? Int == 3)
            let badRule = try await send(.POST, "\(base)/api/achievements/", ["achievement_id": "bad", "rule": ["kind": "teleport"]], token: staff.access)
            #expect(badRule.status == 400)

            let ann = try await signUp(base, "ann")
            let ids = try await landmarks(base).prefix(4).map { $0["location_id"] as! String }
            let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
                for id in ids {
                    for _ in 0..<5 { group.addTask { try await send(.POST, "\(base)/api/locations/\(id)/visit/", [:], token: ann.access) } }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.status == 201 }.count == 4)
            #expect(answers.filter { $0.status == 200 }.count == 16)
            #expect(answers.allSatisfy { $0.object["achievements_earned"] is [Any] }, "both answers carry the list")
            let awarded = answers.flatMap { ($0.object["achievements_earned"] as? [[String: Any]] ?? []).map { $0["achievement_id"] as! String } }
            #expect(awarded.count == Set(awarded).count, "each achievement once: \(awarded)")
            #expect(Set(awarded).isSuperset(of: ["first-stop", "three"]))

            let earned = try await send(.GET, "\(base)/api/users/me/achievements/", token: ann.access).object
            #expect(earned["count"] as? Int == awarded.count)
            let items = earned["results"] as? [[String: Any]] ?? []
            let bonus = items.reduce(0) { $0 + ($1["points"] as? Int ?? 0) }
            #expect(items.allSatisfy { ($0["earned_at"] as? String)?.hasSuffix("Z") == true })
            let me = try await send(.GET, "\(base)/api/users/me/", token: ann.access).object
            let landmarkPoints = try await landmarks(base).prefix(4).reduce(0) { $0 + ($1["points"] as! Int) }
            #expect(me["points"] as? Int == landmarkPoints + bonus)
            #expect(try await send(.GET, "\(base)/api/users/me/achievements/", token: nil).status == 401)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentLikesAreCountedOncePerPlayer(store: StoreKind) async throws {
        let assembly = try await store.assembly()
        try await live(assembly) { base in
            let ann = try await signUp(base, "ann")
            let id = try await landmarks(base)[0]["location_id"] as! String
            let photo = "http://localhost:8000/media/images/\(ann.id)/0000beef.jpg"
            let visit = try await send(
                .POST, "\(base)/api/locations/\(id)/visit/", ["images": [["image_url": photo] as [String: any Sendable]]], token: ann.access
            ).object
            let imageID = (visit["images"] as! [[String: Any]])[0]["id"] as! Int
            var fans: [SignedInPlayer] = []
            for index in 0..<6 { fans.append(try await signUp(base, "fan\(index)")) }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for fan in fans {
                    for _ in 0..<4 { group.addTask { try await send(.POST, "\(base)/api/images/\(imageID)/like/", token: fan.access).status } }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 })
            let unliked = try await send(.DELETE, "\(base)/api/images/\(imageID)/like/", token: fans[0].access)
            #expect(unliked.status == 200)
            #expect(unliked.object["likes"] as? Int == 5)
            #expect(unliked.object["liked"] as? Bool == false)
            let image = try await send(.GET, "\(base)/api/images/\(imageID)/", token: ann.access).object
            #expect(image["likes"] as? Int == 5)
            #expect(try await send(.POST, "\(base)/api/images/\(imageID)/like/", token: nil).status == 401)
            #expect(try await send(.POST, "\(base)/api/images/999999/like/", token: ann.access).status == 404)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theFeedAndTheFriendsLeaderboardShowOnlyFriends(store: StoreKind) async throws {
        let assembly = try await store.assembly()
        try await assembly.test { client in
            let ann = try await client.signUp("ann")
            let bob = try await client.signUp("bob")
            let eve = try await client.signUp("eve")
            let request = try await client.json(.post, "/api/friend-requests/", ["to_user": bob.id], token: ann.access).jsonObject()
            _ = try await client.json(.post, "/api/friend-requests/\(request["id"] as! Int)/accept/", token: bob.access)
            let ids = try await landmarks(client).prefix(2).map { $0["location_id"] as! String }
            _ = try await client.json(.post, "/api/locations/\(ids[0])/visit/", ["note": "bob was here"], token: bob.access)
            _ = try await client.json(.post, "/api/locations/\(ids[1])/visit/", ["note": "eve was here"], token: eve.access)
            let feed = try await client.json(.get, "/api/feed/", token: ann.access).jsonObject()
            #expect(feed["count"] as? Int == 1)
            let item = (feed["results"] as! [[String: Any]])[0]
            #expect(Set(item.keys) == ["visit", "user", "location", "images"])
            #expect((item["visit"] as? [String: Any])?["note"] as? String == "bob was here")
            #expect((item["user"] as? [String: Any])?["user_id"] as? String == bob.id)
            #expect((item["user"] as? [String: Any])?["email"] == nil, "a friend's email stays private")
            #expect(try await client.json(.get, "/api/feed/").status == .unauthorized)

            let friends = try await client.json(.get, "/api/leaderboard/?scope=friends", token: ann.access).jsonObject()
            let rows = friends["results"] as! [[String: Any]]
            #expect(rows.map { $0["user_id"] as! String } == [bob.id, ann.id])
            #expect(Set(rows[0].keys) == ["rank", "user_id", "first_name", "last_name", "points"])
            #expect((friends["me"] as? [String: Any])?["rank"] as? Int == 2)
            let global = try await client.json(.get, "/api/leaderboard/", token: ann.access).jsonObject()
            #expect((global["results"] as! [[String: Any]]).count == 3)
            #expect((global["me"] as? [String: Any])?["rank"] as? Int == 3)
            #expect(try await client.json(.get, "/api/leaderboard/?scope=everyone", token: ann.access).status == .badRequest)
            #expect(try await client.json(.get, "/api/leaderboard/").status == .unauthorized)
        }
    }
}
