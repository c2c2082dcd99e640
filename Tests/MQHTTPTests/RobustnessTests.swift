import Foundation
import HTTPTypes
import HummingbirdTesting
import MQDomain
import Testing

@Suite("Bad input gets a clear JSON 4xx and changes nothing")
struct RobustnessTests {
    @Test func unknownRoutesAreJSON404s() async throws {
        try await TestServer().test { client in
            let response = try await client.send(.get, "/api/nothing-here/")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/json")
            #expect(try response.object()["detail"] as? String == "Not found.")
        }
    }

    @Test func unsupportedMethodsAreJSON405sWithAllow() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            for (method, path) in [
                (HTTPRequest.Method.put, "/api/friend-requests/1/"), (.patch, "/api/friend-requests/1"),
                (.delete, "/api/locations/"), (.get, "/auth/login/"), (.get, "/api/users/update_points/"),
            ] {
                let response = try await client.send(method, path, as: ann)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(try response.object()["detail"] as? String == "Method \"\(method.rawValue)\" not allowed.")
                #expect(response.headers[.allow] != nil)
            }
        }
    }

    @Test func everyRouteAnswersWithAndWithoutTheTrailingSlash() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            for path in [
                "/api/users/me", "/auth/profile", "/api/visits", "/api/images", "/api/friend-requests", "/api/users/friends", "/health", "/api/locations",
                "/api/achievements",
            ] {
                #expect(try await client.send(.get, path, as: ann).status == .ok, "\(path)")
                #expect(try await client.send(.get, path + "/", as: ann).status == .ok, "\(path)/")
            }
            #expect(try await client.send(.post, "/auth/login", ["email": "ann@example.com", "password": TestServer.password]).status == .ok)
        }
    }

    @Test func malformedJSONIsA400() async throws {
        try await TestServer().test { client in
            for text in ["{bad", "[1,2]", "\"text\"", "42", "{\"email\": }", String(repeating: "[", count: 10_000)] {
                let response = try await client.raw(.post, "/auth/register/", text)
                #expect(response.status == .badRequest, "\(text.prefix(20))")
                #expect(try response.object()["error"] != nil)
            }
        }
    }

    @Test func wrongTypesAreNamedPerField() async throws {
        try await TestServer().test { client in
            let response = try await client.send(.post, "/auth/register/", ["email": ["a"], "password": true, "first_name": ["x": 1]])
            #expect(response.status == .badRequest)
            let body = try response.object()
            #expect(body["email"] as? [String] == ["Not a valid string."])
            #expect(body["password"] as? [String] == ["Not a valid string."])
            #expect(body["first_name"] as? [String] == ["Not a valid string."])
            #expect(body["error"] is String)
            let ann = try await client.register("ann")
            let visit = try await client.send(.post, "/api/images/", ["visit": "one", "image_url": 3], as: ann)
            #expect(visit.status == .badRequest)
            #expect(try visit.object()["visit"] as? [String] == ["A valid integer is required."])
        }
    }

    @Test func bodiesOverOneMebibyteAre413() async throws {
        try await TestServer().test { client in
            let huge = "{\"email\": \"" + String(repeating: "a", count: (1 << 20) + 10) + "\"}"
            let response = try await client.raw(.post, "/auth/register/", huge)
            #expect(response.status == .contentTooLarge)
            #expect(try response.object()["error"] as? String == "Request body is too large")
        }
    }

    @Test func protectedRoutesWithoutATokenAre401WithAChallenge() async throws {
        try await TestServer().test { client in
            let response = try await client.send(.get, "/api/users/me/")
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"api\"")
            #expect(try response.object()["detail"] as? String == "Authentication credentials were not provided.")
            for header in ["Bearer", "Bearer a b", "Bearer not.a.token", "Basic abc"] {
                let bad = try await client.send(.get, "/api/visits/", headers: [.authorization: header])
                #expect(bad.status == .unauthorized, "\(header)")
            }
        }
    }

    @Test func idsThatAreNotNumbersNameNothing() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            for path in ["/api/visits/abc/", "/api/images/-1/", "/api/friend-requests/99999999999999999999999/"] {
                let response = try await client.send(.get, path, as: ann)
                #expect(response.status == .notFound, "\(path)")
            }
        }
    }

    @Test func aRefusedCheckInChangesNothing() async throws {
        let server = TestServer()
        let tower = try await server.location(points: 90)
        try await server.test { client in
            let ann = try await client.register("ann")
            let response = try await client.send(.post, "/api/locations/\(tower.id)/visit/", ["images": [["image_url": "https://evil.example/x.jpg"]]], as: ann)
            #expect(response.status == .badRequest)
            #expect(try await client.send(.get, "/api/users/me/", as: ann).object()["points"] as? Int == 0)
            #expect(try await client.send(.get, "/api/visits/", as: ann).object()["count"] as? Int == 0)
            let notAList = try await client.send(.post, "/api/locations/\(tower.id)/visit/", ["images": "x"], as: ann)
            #expect(notAList.status == .badRequest)
        }
    }

    @Test func noRouteAnswers500OrHTMLToGarbage() async throws {
        let server = TestServer()
        let tower = try await server.location()
        try await server.test { client in
            let ann = try await client.register("ann")
            let paths = [
                "/auth/register/", "/auth/login/", "/auth/token/refresh/", "/auth/profile/", "/api/users/update_points/",
                "/api/users/generate_upload_url/", "/api/locations/", "/api/locations/\(tower.id)/visit/", "/api/visits/",
                "/api/images/", "/api/friend-requests/", "/api/friend-requests/add_friend/", "/api/achievements/",
                "/api/users/\(ann.id)/", "/api/visits/1/", "/api/images/1/",
            ]
            let bodies = [
                "", "null", "{}", "{\"email\": null, \"password\": null, \"note\": 1, \"images\": [1, null, {}]}",
                "{\"visit\": 1e400, \"points\": \"x\", \"to_user\": {}, \"phone_no\": [], \"filename\": {}}", "\u{0}\u{1}",
            ]
            for path in paths {
                for method in [HTTPRequest.Method.post, .put, .patch] {
                    for body in bodies {
                        let response = try await client.raw(method, path, body, as: ann)
                        #expect(response.status.code < 500, "\(method) \(path) \(body)")
                        #expect(response.headers[.contentType]?.contains("html") != true)
                    }
                }
            }
        }
    }
}
