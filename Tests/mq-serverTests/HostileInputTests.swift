import Foundation
import HTTPTypes
import HummingbirdTesting
import MQDomain
import Testing

@testable import mq_server

@Suite("Hostile input, on both stores: refused with a clear 4xx, and nothing changes")
struct HostileInputTests {
    static let pagedRoutes = [
        "/api/locations/", "/api/achievements/", "/api/visits/", "/api/images/", "/api/friend-requests/", "/api/users/",
        "/api/feed/", "/api/users/me/achievements/", "/api/locations/?near=45.4215,-75.6972",
    ]
    static let impossiblePages = [
        String(Int.max), String(Int.min), "99999999999999999999", "-99999999999999999999", "1e3", "0x10", "-1", "0",
        String(PageRequest.maximumNumber + 1), String(PageRequest.maximumNumber), "1.5", " 2", "%00", "",
    ]

    @Test(arguments: StoreKind.allCases)
    func pageNumbersNoListCanHaveAreInvalidPagesNotCrashes(store: StoreKind) async throws {
        let server = try await store.assembly()
        try await server.test { client in
            let ann = try await client.signUp("ann")
            for route in Self.pagedRoutes {
                for page in Self.impossiblePages {
                    let response = try await client.json(.get, "\(route)\(route.contains("?") ? "&" : "?")page=\(page)", token: ann.access)
                    #expect(response.status == .notFound, "\(route)?page=\(page)")
                    #expect(try response.jsonObject()["detail"] as? String == "Invalid page.", "\(route)?page=\(page)")
                }
                for size in [String(Int.max), String(Int.min), "99999999999999999999", "1e9", "0x10", "-5"] {
                    let response = try await client.json(.get, "\(route)\(route.contains("?") ? "&" : "?")page_size=\(size)", token: ann.access)
                    #expect(response.status == .ok, "\(route)?page_size=\(size)")
                }
            }
            #expect(try await client.json(.get, "/health/").status == .ok, "still serving")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func textTheDatabaseCannotHoldIsRefusedWithTheFieldsError(store: StoreKind) async throws {
        let server = try await store.assembly()
        try await server.test { client in
            let hidden = try await client.json(
                .post, "/auth/register/", ["email": "nul@example.com", "password": "maple-syrup-42", "first_name": "visible\u{0}HIDDEN"])
            #expect(hidden.status == .badRequest)
            #expect(try hidden.jsonObject()["first_name"] as? [String] == ["Null characters are not allowed."])
            let accents = "a" + String(repeating: "\u{0301}", count: 60)
            #expect(accents.count == 1, "one character to Swift, 61 code points to PostgreSQL")
            let long = try await client.json(.post, "/auth/register/", ["email": "accent@example.com", "password": "maple-syrup-42", "first_name": accents])
            #expect(long.status == .badRequest)
            #expect(try long.jsonObject()["first_name"] as? [String] == ["Ensure this field has no more than 50 characters."])
            #expect(
                try await client.json(.post, "/auth/login/", ["email": "nul@example.com", "password": "maple-syrup-42"]).status == .unauthorized,
                "no account was made")
            for lone in [#"\ud800"#, #"x\udc00"#, #"\ud83d\u0041"#] {
                let surrogate = try await client.json(
                    .post, "/auth/register/", #"{"email": "lone@example.com", "password": "maple-syrup-42", "first_name": "\#(lone)"}"#)
                #expect(surrogate.status == .badRequest, "\(lone)")
                #expect(try surrogate.jsonObject()["first_name"] as? [String] == ["Null characters are not allowed."], "\(lone)")
            }
            let paired = try await client.json(
                .post, "/auth/register/", #"{"email": "pair@example.com", "password": "maple-syrup-42", "first_name": "\ud83d\ude00 \\ud800"}"#)
            #expect(paired.status == .created)
            #expect((try paired.jsonObject()["user"] as? [String: Any])?["first_name"] as? String == "😀 \\ud800", "pairs and escaped backslashes are text")

            let ann = try await client.signUp("ann")
            let locations = try await client.json(.get, "/api/locations/").jsonObject()["results"] as! [[String: Any]]
            let tower = locations[0]["location_id"] as! String
            let note = try await client.json(.post, "/api/locations/\(tower)/visit/", ["note": "a\u{0}b"], token: ann.access)
            #expect(note.status == .badRequest)
            #expect(try note.jsonObject()["note"] != nil)
            #expect(try await client.json(.get, "/api/visits/", token: ann.access).jsonObject()["count"] as? Int == 0, "no visit was made")
            #expect(try await client.json(.get, "/api/locations/\(tower)%00/").status == .notFound)

            _ = try await server.game.profiles.grantStaff(email: "ann@example.com")
            let huge = try await client.json(
                .post, "/api/locations/", ["name": "Huge", "latitude": "1", "longitude": "1", "points": 2_147_483_648], token: ann.access)
            #expect(huge.status == .badRequest)
            #expect(try huge.jsonObject()["points"] != nil)
            let enormous = try await client.json(
                .post, "/api/locations/", #"{"name": "Enormous", "latitude": "1", "longitude": "1", "points": 1e40}"#, token: ann.access)
            #expect(enormous.status == .badRequest)
            let named = try await client.json(.post, "/api/locations/", ["name": "Nul\u{0}Place", "latitude": "1", "longitude": "1"], token: ann.access)
            #expect(named.status == .badRequest)
            #expect(try await client.json(.get, "/api/locations/").jsonObject()["count"] as? Int == 9, "no landmark was made")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func staffOnlyWritesRefuseAPlayerWhateverTheBodyHolds(store: StoreKind) async throws {
        let server = try await store.assembly()
        try await server.test { client in
            let bob = try await client.signUp("bob")
            for body in ["{bad", #"{"points": "many"}"#, #"{"name": ""}"#, "[]"] {
                for (method, path) in [
                    (HTTPRequest.Method.post, "/api/locations/"), (.post, "/api/achievements/"),
                    (.put, "/api/locations/anything/"), (.patch, "/api/achievements/anything/"),
                ] {
                    let response = try await client.json(method, path, body, token: bob.access)
                    #expect(response.status == .forbidden, "\(method) \(path) \(body)")
                }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aCheckInCarriesAtMostTenDistinctPhotos(store: StoreKind) async throws {
        let server = try await store.assembly()
        try await server.test { client in
            let ann = try await client.signUp("ann")
            let tower = (try await client.json(.get, "/api/locations/").jsonObject()["results"] as! [[String: Any]])[0]["location_id"] as! String
            let base = "http://localhost:8000/media/images/\(ann.id)"
            let eleven = (0..<11).map { ["image_url": "\(base)/\($0).jpg"] }
            let tooMany = try await client.json(.post, "/api/locations/\(tower)/visit/", ["images": eleven], token: ann.access)
            #expect(tooMany.status == .badRequest)
            #expect(try tooMany.jsonObject()["images"] as? [String] == ["Ensure this field has no more than 10 elements."])
            let twice = try await client.json(
                .post, "/api/locations/\(tower)/visit/", ["images": [["image_url": "\(base)/a.jpg"], ["image_url": "\(base)/a.jpg"]]], token: ann.access)
            #expect(twice.status == .badRequest)
            #expect(try await client.json(.get, "/api/visits/", token: ann.access).jsonObject()["count"] as? Int == 0, "refusals change nothing")
            let ten = (0..<10).map { ["image_url": "\(base)/\($0).jpg"] }
            #expect(try await client.json(.post, "/api/locations/\(tower)/visit/", ["images": ten], token: ann.access).status == .created)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aNewPasswordEndsEveryOtherSessionButTheCallers(store: StoreKind) async throws {
        let server = try await store.assembly()
        try await server.test { client in
            let phone = try await client.signUp("ann")
            let tablet = try SignedInPlayer.from(try await client.json(.post, "/auth/login/", ["email": "ann@example.com", "password": "maple-syrup-42"]))
            let changed = try await client.json(.patch, "/api/users/\(phone.id)/", ["password": "a-brand-new-phrase-7"], token: phone.access)
            #expect(changed.status == .ok)
            #expect(try await client.json(.get, "/api/users/me/", token: phone.access).status == .ok, "the caller's own session goes on")
            #expect(try await client.json(.post, "/auth/token/refresh/", ["refresh": phone.refresh]).status == .ok)
            #expect(try await client.json(.get, "/api/users/me/", token: tablet.access).status == .unauthorized)
            #expect(try await client.json(.post, "/auth/token/refresh/", ["refresh": tablet.refresh]).status == .unauthorized)
            #expect(try await client.json(.post, "/auth/login/", ["email": "ann@example.com", "password": "a-brand-new-phrase-7"]).status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aNewEmailEndsEveryOtherSessionToo(store: StoreKind) async throws {
        let server = try await store.assembly()
        try await server.test { client in
            let phone = try await client.signUp("ann")
            let tablet = try SignedInPlayer.from(try await client.json(.post, "/auth/login/", ["email": "ann@example.com", "password": "maple-syrup-42"]))
            #expect(try await client.json(.patch, "/auth/profile/", ["email": "ann@example.net"], token: phone.access).status == .ok)
            #expect(try await client.json(.get, "/auth/profile/", token: phone.access).status == .ok)
            #expect(try await client.json(.get, "/auth/profile/", token: tablet.access).status == .unauthorized)
            #expect(try await client.json(.patch, "/auth/profile/", ["first_name": "Annie"], token: phone.access).status == .ok)
            #expect(try await client.json(.get, "/auth/profile/", token: phone.access).status == .ok, "other changes end nothing")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aLandmarksPublicPhotoListIsCappedNewestFirst(store: StoreKind) async throws {
        let server = try await store.assembly()
        try await server.test { client in
            let tower = (try await client.json(.get, "/api/locations/").jsonObject()["results"] as! [[String: Any]])[0]["location_id"] as! String
            for name in ["ann", "bob", "cat"] {
                let player = try await client.signUp(name)
                let photos = (0..<10).map { ["image_url": "http://localhost:8000/media/images/\(player.id)/\($0).jpg"] }
                #expect(try await client.json(.post, "/api/locations/\(tower)/visit/", ["images": photos], token: player.access).status == .created)
            }
            let page = try await client.json(.get, "/api/locations/\(tower)/images/").jsonObject()
            let images = try #require(page["images"] as? [[String: Any]])
            #expect(page["total_images"] as? Int == 30)
            #expect(images.count == 30)
            let ids = images.compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted(by: >))
        }
    }
}

extension SignedInPlayer {
    static func from(_ response: TestResponse) throws -> SignedInPlayer {
        let body = try response.jsonObject()
        guard let user = body["user"] as? [String: Any], let tokens = body["tokens"] as? [String: String] else {
            throw StoreTestFailure("sign-in failed: \(response.status)")
        }
        return SignedInPlayer(id: user["user_id"] as! String, access: tokens["access"]!, refresh: tokens["refresh"]!)
    }
}
