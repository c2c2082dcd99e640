import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import MQAuth
import MQDomain
import MQHTTP
import NIOCore
import NIOHTTP1
import Testing

@Suite("Real concurrent requests over a socket", .serialized)
struct ConcurrencyTests {
    func post(_ client: HTTPClient, _ url: String, _ body: [String: Any], token: String? = nil) async throws -> (Int, [String: Any]) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await client.execute(request, timeout: .seconds(300))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
        return (Int(response.status.code), object)
    }

    @Test func fiftyConcurrentCheckInsAwardPointsOnce() async throws {
        let server = TestServer()
        let tower = try await server.location(points: 90)
        try await server.test(.live) { testClient in
            let base = "http://127.0.0.1:\(testClient.port!)"
            let ann = try await testClient.register("ann")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await post(HTTPClient.shared, "\(base)/api/locations/\(tower.id)/visit/", ["note": "race"], token: ann.access).0 }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 200 }.count == 49)
            let me = try await testClient.send(.get, "/api/users/me/", as: ann).object()
            #expect(me["points"] as? Int == 90)
        }
    }

    @Test func concurrentRegistrationsOfOneEmailCreateOneAccount() async throws {
        try await TestServer().test(.live) { testClient in
            let base = "http://127.0.0.1:\(testClient.port!)"
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await post(HTTPClient.shared, "\(base)/auth/register/", ["email": "ann@example.com", "password": TestServer.password]).0
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 400 || $0 == 429 }.count == 19, "the rest are refused: taken, or throttled once the address was probed")
        }
    }

    @Test func aBurstOfLoginsDoesNotStallOtherRoutes() async throws {
        let hasher = DjangoPasswordHasher(iterations: 50_000, concurrency: 1)
        let server = TestServer(passwords: hasher)
        _ = try await server.location()
        try await server.test(.live) { testClient in
            let base = "http://127.0.0.1:\(testClient.port!)"
            try await testClient.register("ann")
            async let logins: [Int] = withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await post(HTTPClient.shared, "\(base)/auth/login/", ["email": "ann@example.com", "password": TestServer.password]).0 }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            while hasher.queueLength < 3 { try await Task.sleep(for: .milliseconds(5)) }
            let read = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(base)/api/locations/"), timeout: .seconds(120))
            let stillQueued = hasher.queueLength
            #expect(read.status == .ok)
            #expect(stillQueued > 0, "the read was answered while hashes were still queued, not after them")
            #expect(try await logins == Array(repeating: 200, count: 6))
        }
    }
}
