import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Sign-in routes")
struct AuthRouteTests {
    @Test func loginAnswersLikeRegistration() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let response = try await client.send(.post, "/auth/login/", ["email": "ann@example.com", "password": TestServer.password])
            #expect(response.status == .ok)
            let body = try response.object()
            #expect(body["message"] as? String == "Login successful")
            #expect((body["user"] as? [String: Any])?["user_id"] as? String == ann.id)
        }
    }

    @Test func wrongPasswordsAndUnknownEmailsGetTheSame401() async throws {
        try await TestServer().test { client in
            try await client.register("ann")
            let wrong = try await client.send(.post, "/auth/login/", ["email": "ann@example.com", "password": "nope-nope-nope"])
            let unknown = try await client.send(.post, "/auth/login/", ["email": "zed@example.com", "password": "nope-nope-nope"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text == unknown.text)
            #expect(try wrong.object()["error"] as? String == "Invalid credentials")
            let missing = try await client.send(.post, "/auth/login/", [:])
            #expect(missing.status == .badRequest)
            #expect(try missing.object()["email"] as? [String] == ["This field is required."])
        }
    }

    @Test func refreshRotatesAndAReplayRevokesTheLogin() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let rotated = try await client.send(.post, "/auth/token/refresh/", ["refresh": ann.refresh])
            #expect(rotated.status == .ok)
            let pair = try rotated.object()
            #expect(Set(pair.keys) == ["access", "refresh"])
            let replay = try await client.send(.post, "/auth/token/refresh/", ["refresh": ann.refresh])
            #expect(replay.status == .unauthorized)
            #expect(try replay.object()["code"] as? String == "token_not_valid")
            #expect(try replay.object()["detail"] as? String == "Token is invalid or expired")
            let revoked = try await client.send(.get, "/api/users/me/", headers: [.authorization: "Bearer \(pair["access"] as! String)"])
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test func theAuthorizationHeaderIsReadAsDjangoRestFrameworkReadsIt() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            for accepted in ["Bearer \(ann.access)", "bearer \(ann.access)", "  BEARER   \(ann.access)  "] {
                let me = try await client.send(.get, "/api/users/me/", headers: [.authorization: accepted])
                #expect(me.status == .ok, "\(accepted.prefix(12))")
            }
            for malformed in ["Bearer", "Bearer   ", "Bearer \(ann.access) extra", "Bearer a b c"] {
                let me = try await client.send(.get, "/api/users/me/", headers: [.authorization: malformed])
                #expect(me.status == .unauthorized)
                #expect(try me.object()["detail"] as? String == "Authorization header must contain two space-delimited values", "\(malformed.prefix(12))")
            }
            for otherScheme in ["Token \(ann.access)", "", "   ", "Basic abc"] {
                let me = try await client.send(.get, "/api/users/me/", headers: [.authorization: otherScheme])
                #expect(me.status == .unauthorized)
                #expect(try me.object()["detail"] as? String == "Authentication credentials were not provided.", "\(otherScheme.prefix(12))")
            }
        }
    }

    @Test func theProfileCanBeReadAndEditedWithPutOrPatch() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann", phone: "4165550100")
            let put = try await client.send(.put, "/auth/profile/", ["last_name": "Lee", "points": 9999, "user_id": "hacker"], as: ann)
            #expect(put.status == .ok)
            let profile = try put.object()
            #expect(profile["last_name"] as? String == "Lee")
            #expect(profile["points"] as? Int == 0)
            #expect(profile["user_id"] as? String == ann.id)
            let patch = try await client.send(.patch, "/auth/profile", ["phone_no": NSNull()], as: ann).object()
            #expect(patch["phone_no"] is NSNull)
            let bad = try await client.send(.patch, "/auth/profile/", ["profile_pic_url": "javascript:alert(1)", "phone_no": "12345678901"], as: ann)
            #expect(bad.status == .badRequest)
            #expect(try bad.object()["profile_pic_url"] as? [String] == ["Enter a valid URL."])
        }
    }
}
