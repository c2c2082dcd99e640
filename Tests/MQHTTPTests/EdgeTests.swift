import Foundation
import HTTPTypes
import HummingbirdTesting
import MQDomain
import MQHTTP
import Testing

@Suite("Status, hosts and browsers")
struct EdgeTests {
    struct UnreachableDatabase: StoreHealth {
        struct Down: Error {}
        func ping() async throws { throw Down() }
    }

    struct HangingDatabase: StoreHealth {
        func ping() async throws { try await Task.sleep(for: .seconds(60)) }
    }

    @Test func theRootSaysItIsRunning() async throws {
        try await TestServer().test { client in
            let response = try await client.send(.get, "/")
            #expect(response.status == .ok)
            #expect(response.text == "OK — MapleQuest is running!")
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test func healthReportsAConnectedStore() async throws {
        try await TestServer().test { client in
            let body = try await client.send(.get, "/health/").object()
            #expect(body["status"] as? String == "healthy")
            #expect(body["database"] as? String == "connected")
            #expect(isContractTimestamp(body["timestamp"]))
        }
    }

    @Test(arguments: [true, false])
    func healthIs503WhenTheStoreIsDownOrSilent(hangs: Bool) async throws {
        let health: any StoreHealth = hangs ? HangingDatabase() : UnreachableDatabase()
        try await TestServer(health: health).test { client in
            let response = try await client.send(.get, "/health/")
            #expect(response.status == .serviceUnavailable)
            let body = try response.object()
            #expect(body["status"] as? String == "unhealthy")
            #expect(body["database"] as? String == "disconnected")
            #expect(body["error"] as? String == "database unavailable")
        }
    }

    @Test func hostsOutsideAllowedHostsAreRefusedButHealthChecksAreNot() async throws {
        let forwardedHost = HTTPField.Name("X-Forwarded-Host")!
        let settings = HTTPSettings(allowedHosts: HostAllowList(["localhost", "api.maplequest.ca", ".maplequest.dev"]))
        try await TestServer(settings: settings).test { client in
            #expect(try await client.send(.get, "/api/locations/").status == .ok)
            #expect(try await client.send(.get, "/api/locations/", headers: [forwardedHost: "api.maplequest.ca"]).status == .ok)
            #expect(try await client.send(.get, "/api/locations/", headers: [forwardedHost: "staging.maplequest.dev:8000"]).status == .ok)
            let evil = try await client.send(.get, "/api/locations/", headers: [forwardedHost: "evil.example"])
            #expect(evil.status == .badRequest)
            #expect(try evil.object()["error"] as? String == "Invalid Host header")
        }
        try await TestServer(settings: HTTPSettings(allowedHosts: HostAllowList(["api.maplequest.ca"]))).test { client in
            let refused = try await client.send(.get, "/api/locations/")
            #expect(refused.status == .badRequest, "the test client says Host: localhost")
            let health = try await client.send(.get, "/health/")
            #expect(health.status == .ok, "the load balancer checks health by IP")
            let liveness = try await client.send(.get, "/health/live/")
            #expect(liveness.status == .ok, "the container's health check asks 127.0.0.1")
            #expect(try await client.send(.get, "/health/live").status == .ok)
            #expect(try await client.send(.get, "/health/elsewhere/").status == .badRequest, "only the two checks are let through")
        }
    }

    @Test func hostPatternsFollowDjango() {
        let list = HostAllowList(["Example.com", ".maple.ca", "[::1]"])
        #expect(list.allows("example.com:443"))
        #expect(list.allows("maple.ca"))
        #expect(list.allows("a.b.maple.ca"))
        #expect(list.allows("[::1]:8000"))
        #expect(!list.allows("notmaple.ca"))
        #expect(!list.allows("example.com.evil.org"))
        #expect(!list.allows("exa mple.com"))
        #expect(HostAllowList.anyHost.allows("anything"))
    }

    @Test func allowedOriginsGetCORSHeadersAndOthersDoNot() async throws {
        let settings = HTTPSettings(cors: CORSPolicy(allowedOrigins: ["https://admin.maplequest.ca"]))
        try await TestServer(settings: settings).test { client in
            let preflight = try await client.execute(
                uri: "/api/locations/", method: .options,
                headers: [
                    .origin: "https://admin.maplequest.ca", .accessControlRequestMethod: "POST",
                ])
            #expect(preflight.status == .ok)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://admin.maplequest.ca")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("authorization") == true)
            let simple = try await client.send(.get, "/api/locations/", headers: [.origin: "https://admin.maplequest.ca"])
            #expect(simple.headers[.accessControlAllowOrigin] == "https://admin.maplequest.ca")
            let stranger = try await client.send(.get, "/api/locations/", headers: [.origin: "https://evil.example"])
            #expect(stranger.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func errorAnswersToAnAllowedOriginCarryCORSHeadersSoTheBrowserCanReadWhy() async throws {
        let settings = HTTPSettings(cors: CORSPolicy(allowedOrigins: ["https://admin.maplequest.ca"]))
        try await TestServer(settings: settings).test { client in
            let refused = try await client.send(.get, "/api/users/me/", headers: [.origin: "https://admin.maplequest.ca"])
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.wwwAuthenticate] != nil)
            #expect(refused.headers[.accessControlAllowOrigin] == "https://admin.maplequest.ca")
            #expect(refused.headers[.vary] == "Origin")
            #expect(refused.headers[HTTPField.Name("X-Request-ID")!]?.count == 32)
            let stranger = try await client.send(.get, "/api/users/me/", headers: [.origin: "https://evil.example"])
            #expect(stranger.status == .unauthorized)
            #expect(stranger.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func aStrangersPreflightIsAnsweredWithoutPermission() async throws {
        let settings = HTTPSettings(cors: CORSPolicy(allowedOrigins: ["https://admin.maplequest.ca"]))
        try await TestServer(settings: settings).test { client in
            let preflight = try await client.execute(
                uri: "/api/locations/", method: .options, headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .ok)
            #expect(preflight.headers[.accessControlAllowOrigin] == nil)
            #expect(preflight.headers[.accessControlAllowMethods] == nil)
            #expect(preflight.headers[.vary] == "Origin")
        }
    }

    @Test func theHostIsCheckedBeforeAPreflightIsAnswered() async throws {
        let settings = HTTPSettings(
            allowedHosts: HostAllowList(["api.maplequest.ca"]), cors: CORSPolicy(allowedOrigins: ["https://admin.maplequest.ca"]))
        try await TestServer(settings: settings).test { client in
            let preflight = try await client.send(
                .options, "/api/locations/", headers: [.origin: "https://admin.maplequest.ca", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .badRequest, "the test client says Host: localhost")
            #expect(preflight.headers[.accessControlAllowMethods] == nil, "no preflight answer for a refused host")
            #expect(try preflight.object()["error"] as? String == "Invalid Host header")
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await TestServer().test { client in
            let given = try await client.send(.get, "/", headers: [HTTPField.Name("X-Request-ID")!: "abc-123"])
            #expect(given.headers[HTTPField.Name("X-Request-ID")!] == "abc-123")
            let hostile = try await client.send(.get, "/", headers: [HTTPField.Name("X-Request-ID")!: "a b\"c"])
            #expect(hostile.headers[HTTPField.Name("X-Request-ID")!]?.count == 32)
        }
    }
}
