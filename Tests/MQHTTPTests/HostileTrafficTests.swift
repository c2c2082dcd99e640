import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQDomain
import MQHTTP
import MQStorage
import MQTestSupport
import NIOCore
import Testing

extension HTTPField.Name {
    static let forwardedFor = Self("X-Forwarded-For")!
}

@Suite("Hostile traffic: answered at once, bounded, and never at other players' expense")
struct HostileTrafficTests {
    @Test func anOversizedBodyIsRefusedAndTheConnectionEnds() async throws {
        try await TestServer().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            let head = "POST /auth/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n"
            connection.send(Array(head.utf8) + [UInt8](repeating: 0x20, count: 1_500_000))
            let (answer, ended) = try await connection.readToEnd()
            #expect(answer.hasPrefix("HTTP/1.1 413"))
            #expect(answer.contains("Request body is too large"))
            #expect(ended, "the client is not left waiting on an open connection")
        }
    }

    @Test func loginsFromOneAddressAreThrottledWithRetryAfter() async throws {
        let throttle = AddressThrottle(limit: RateLimit(attempts: 3, per: .seconds(60)), trustedProxyHops: 1)
        try await TestServer(settings: HTTPSettings(throttle: throttle)).test { client in
            let body = ["email": "nobody@example.com", "password": "wrong-password-1"]
            func login(from address: String) async throws -> TestResponse {
                try await client.send(.post, "/auth/login/", body, headers: [.forwardedFor: address])
            }
            for _ in 0..<3 { #expect(try await login(from: "198.51.100.7").status == .unauthorized) }
            let throttled = try await login(from: "198.51.100.7")
            #expect(throttled.status == .tooManyRequests)
            #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try throttled.object()["error"] != nil)
            #expect(
                try await login(from: "1.2.3.4, 198.51.100.7").status == .tooManyRequests,
                "entries the client wrote before the trusted proxy's are ignored")
            #expect(try await login(from: "203.0.113.9").status == .unauthorized, "another address has its own allowance")
            #expect(
                try await client.send(
                    .post, "/auth/register/", ["email": "new@example.com", "password": TestServer.password],
                    headers: [.forwardedFor: "198.51.100.7"]
                ).status == .created,
                "each route has its own allowance")
        }
    }

    @Test func anAccountIsLockedAfterTenFailedLoginsAndOthersAreNot() async throws {
        try await TestServer().test { client in
            try await client.register("ann")
            try await client.register("bob")
            for _ in 0..<10 {
                #expect(try await client.send(.post, "/auth/login/", ["email": "ann@example.com", "password": "not-her-password"]).status == .unauthorized)
            }
            let locked = try await client.send(.post, "/auth/login/", ["email": "ann@example.com", "password": TestServer.password])
            #expect(locked.status == .tooManyRequests, "even the right password waits until the window refills")
            #expect(locked.headers[.retryAfter] != nil)
            #expect(try await client.send(.post, "/auth/login/", ["email": "bob@example.com", "password": TestServer.password]).status == .ok)
        }
    }

    @Test func livenessNeedsNoDatabase() async throws {
        try await TestServer(health: EdgeTests.HangingDatabase()).test { client in
            let live = try await client.send(.get, "/health/live/")
            #expect(live.status == .ok)
            #expect(try live.object()["status"] as? String == "alive")
            #expect(try await client.send(.get, "/health/").status == .serviceUnavailable, "readiness still says the database is gone")
        }
    }

    @Test func aDrainingServerAnswersTheContractsUnhealthyShape() async throws {
        let server = TestServer()
        server.api.serving.beginDraining()
        try await server.test { client in
            let ready = try await client.send(.get, "/health/")
            #expect(ready.status == .serviceUnavailable)
            let body = try ready.object()
            #expect(Set(body.keys) == ["status", "timestamp", "database", "error"])
            #expect(body["status"] as? String == "unhealthy")
            #expect(body["database"] as? String == "disconnected")
            #expect(try await client.send(.get, "/health/live/").status == .ok)
        }
    }

    @Test func uploadTicketsPerPlayerAreBounded() async throws {
        var limits = GameLimits.standard
        limits.uploadTickets = RateLimit(attempts: 2, per: .seconds(3600))
        try await TestServer(limits: limits).test { client in
            let ann = try await client.register("ann")
            for _ in 0..<2 {
                #expect(try await client.send(.post, "/api/users/generate_upload_url/", ["filename": "a.jpg"], as: ann).status == .ok)
            }
            let refused = try await client.send(.post, "/api/users/generate_upload_url/", ["filename": "a.jpg"], as: ann)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] != nil)
            let bob = try await client.register("bob")
            #expect(try await client.send(.post, "/api/users/generate_upload_url/", ["filename": "a.jpg"], as: bob).status == .ok)
        }
    }

    @Test func aFullFriendCircleRefusesMoreFriendsWithAClearAnswer() async throws {
        var limits = GameLimits.standard
        limits.friendsPerPlayer = 2
        try await TestServer(limits: limits).test { client in
            let ann = try await client.register("ann")
            for name in ["bob", "cat"] {
                let friend = try await client.register(name)
                #expect(try await client.send(.post, "/api/friend-requests/add_friend/", ["email": "ann@example.com"], as: friend).status == .created)
                #expect(try await client.send(.post, "/api/friend-requests/add_friend/", ["email": "\(name)@example.com"], as: ann).status == .ok)
            }
            let dan = try await client.register("dan")
            let asked = try await client.send(.post, "/api/friend-requests/", ["to_user": ann.id], as: dan)
            #expect(asked.status == .created)
            let requestID = try #require(try asked.object()["id"] as? Int)

            let refusals = [
                try await client.send(.post, "/api/friend-requests/\(requestID)/accept/", as: ann),
                try await client.send(.post, "/api/friend-requests/add_friend/", ["email": "dan@example.com"], as: ann),
                try await client.send(.post, "/api/friend-requests/", ["to_user": dan.id], as: ann),
            ]
            for refused in refusals {
                #expect(refused.status == .badRequest)
                #expect(try refused.object()["error"] as? String == "You already have 2 friends, the most a player can have; remove one to add another.")
            }
            let friends = try await client.send(.get, "/api/users/friends/", as: ann).object()
            #expect(friends["count"] as? Int == 2)
            #expect(try await client.send(.get, "/api/friend-requests/\(requestID)/", as: dan).object()["status"] as? String == "pending")
        }
    }

    @Test func aPlayerCannotAskMorePlayersThanTheWaitingLimitWithoutAnAnswer() async throws {
        var limits = GameLimits.standard
        limits.waitingRequestsPerPlayer = 3
        try await TestServer(limits: limits).test { client in
            let ann = try await client.register("ann")
            var others: [String] = []
            for name in ["bob", "cat", "dan", "eve", "fay", "gus"] { others.append(try await client.register(name).id) }
            let answers = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for other in others {
                    group.addTask { try await client.send(.post, "/api/friend-requests/", ["to_user": other], as: ann).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(answers.filter { $0 == .created }.count == 3)
            #expect(answers.filter { $0 == .badRequest }.count == 3)
            _ = try await client.register("hal")
            let refused = try await client.send(.post, "/api/friend-requests/add_friend/", ["email": "hal@example.com"], as: ann)
            #expect(refused.status == .badRequest)
            #expect(
                try refused.object()["error"] as? String
                    == "You have 3 friend requests waiting for an answer, the most a player can have; cancel one to send another.")
            #expect(try await client.send(.get, "/api/friend-requests/", as: ann).object()["count"] as? Int == 3)
        }
    }

    @Test func mediaIsServedAsWhatItIsAndUploadsRespectSizeAndQuota() async throws {
        let server = TestServer(quota: DiskQuota(bytesPerPlayer: 100_000, totalBytes: 1 << 30))
        try await server.test { client in
            let ann = try await client.register("ann")
            func ticket() async throws -> (upload: String, media: String) {
                let body = try await client.send(.post, "/api/users/generate_upload_url/", ["filename": "view.jpg"], as: ann).object()
                let upload = URLComponents(string: body["upload_url"] as! String)!
                let media = URLComponents(string: body["public_url"] as! String)!
                return (upload.path + "?" + upload.percentEncodedQuery!, media.path)
            }
            let photo = try await ticket()
            let stored = try await client.execute(
                uri: photo.upload, method: .put, headers: [.contentType: "image/jpeg"], body: ByteBuffer(repeating: 0xFF, count: 60_000))
            #expect(stored.status == .ok)
            let served = try await client.execute(uri: photo.media, method: .get)
            #expect(served.status == .ok)
            #expect(served.body.readableBytes == 60_000)
            #expect(served.headers[.xContentTypeOptions] == "nosniff")
            #expect(served.headers[.contentType] == "image/jpeg")

            let tooLarge = try await ticket()
            let large = try await client.execute(
                uri: tooLarge.upload, method: .put, headers: [.contentType: "image/jpeg"], body: ByteBuffer(repeating: 0, count: 70_000))
            #expect(large.status == .contentTooLarge, "the test store accepts 64 KiB at most")
            #expect(try await client.execute(uri: tooLarge.media, method: .get).status == .notFound, "nothing of it is kept")

            let overQuota = try await ticket()
            let refused = try await client.execute(
                uri: overQuota.upload, method: .put, headers: [.contentType: "image/jpeg"], body: ByteBuffer(repeating: 0, count: 50_000))
            #expect(refused.status == .forbidden)
            #expect(try refused.object()["error"] as? String == "Photo storage quota reached: delete some photos first")
            #expect(try await client.execute(uri: overQuota.media, method: .get).status == .notFound)
            #expect(server.media.bytesHeld(by: ann.id) == 60_000)
        }
    }
}
