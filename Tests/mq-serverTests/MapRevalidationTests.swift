import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQDomain
import MQHTTP
import MQPersistence
import Testing

@testable import mq_server

/// The map's reads carry a validator, answer 304 while nothing changed, and never hide a staff change.
@Suite("Map reads revalidate with ETags and follow staff changes")
struct MapRevalidationTests {
    static let mapReads = ["/api/locations/", "/api/locations/?page=2&page_size=3", "/api/locations/?near=45.0,-76.0"]

    func get(_ client: any TestClientProtocol, _ uri: String, ifNoneMatch: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
        return try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
    }

    func firstLandmark(_ client: any TestClientProtocol) async throws -> [String: Any] {
        (try await client.json(.get, "/api/locations/").jsonObject()["results"] as! [[String: Any]])[0]
    }

    @Test(arguments: StoreKind.allCases)
    func anUnchangedReadAnswers304WithNoBody(store: StoreKind) async throws {
        let assembly = try await store.assembly()
        try await assembly.test { client in
            let landmark = try await firstLandmark(client)
            let id = landmark["location_id"] as! String
            for uri in Self.mapReads + ["/api/locations/\(id)/", "/api/locations/\(id)/images/"] {
                let full = try await get(client, uri)
                #expect(full.status == .ok, "\(uri)")
                let tag = try #require(full.headers[.eTag], "\(uri)")
                #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count == 34, "a strong tag: \(tag)")
                #expect(full.headers[.cacheControl] == "no-cache")
                #expect(try await get(client, uri).headers[.eTag] == tag, "the same body has the same tag")
                for matching in [tag, "W/\(tag)", "\"something-else\", \(tag)", " \(tag) ", "*"] {
                    let unchanged = try await get(client, uri, ifNoneMatch: matching)
                    #expect(unchanged.status == .notModified, "\(uri) If-None-Match: \(matching)")
                    #expect(unchanged.body.readableBytes == 0)
                    #expect(unchanged.headers[.eTag] == tag)
                }
                for other in ["\"something-else\"", String(tag.dropFirst().dropLast()), "", ",,,", "W/", String(repeating: "\"", count: 500)] {
                    let changed = try await get(client, uri, ifNoneMatch: other)
                    #expect(changed.status == .ok, "\(uri) If-None-Match: \(other)")
                    #expect(changed.headers[.eTag] == tag)
                }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func keptAnswersKeepEachOriginsOwnLinks(store: StoreKind) async throws {
        let assembly = try await store.assembly()
        try await assembly.test { client in
            for _ in 0..<2 {
                for (scheme, host) in [("https", "maps.example"), ("http", "maps.example"), ("https", "other.example:8443")] {
                    let headers: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: scheme, HTTPField.Name("X-Forwarded-Host")!: host]
                    let page = try await client.execute(uri: "/api/locations/?page_size=2", method: .get, headers: headers, body: nil)
                    let next = try #require(try page.jsonObject()["next"] as? String)
                    #expect(next.hasPrefix("\(scheme)://\(host)/api/locations/?"), "\(next)")
                }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aStaffChangeIsServedAtOnceWithANewTag(store: StoreKind) async throws {
        let assembly = try await store.assembly()
        try await assembly.test { client in
            let staff = try await client.signUp("staff")
            _ = try await assembly.game.profiles.grantStaff(email: "staff@example.com")
            let landmark = try await firstLandmark(client)
            let id = landmark["location_id"] as! String
            let list = try await get(client, "/api/locations/")
            let detail = try await get(client, "/api/locations/\(id)/")
            let points = landmark["points"] as! Int + 5
            #expect(try await client.json(.patch, "/api/locations/\(id)/", ["points": points], token: staff.access).status == .ok)

            let newList = try await get(client, "/api/locations/", ifNoneMatch: list.headers[.eTag])
            #expect(newList.status == .ok)
            #expect(newList.headers[.eTag] != list.headers[.eTag])
            #expect((try newList.jsonObject()["results"] as! [[String: Any]])[0]["points"] as? Int == points)
            let newDetail = try await get(client, "/api/locations/\(id)/", ifNoneMatch: detail.headers[.eTag])
            #expect(newDetail.status == .ok)
            #expect(try newDetail.jsonObject()["points"] as? Int == points)

            #expect(try await client.json(.delete, "/api/locations/\(id)/", token: staff.access).status == .noContent)
            #expect(try await get(client, "/api/locations/\(id)/", ifNoneMatch: "*").status == .notFound)
            #expect(try await firstLandmark(client)["location_id"] as? String != id)
        }
    }

    /// Two tasks on one database: what one changes, the other shows once its snapshot has lived
    /// `LANDMARK_CACHE_SECONDS`, and at once when that is 0.
    @Test(arguments: [("3600", false), ("0", true)])
    func anotherTasksChangeShowsAccordingToTheCacheLifetime(lifetime: String, seenAtOnce: Bool) async throws {
        var environment = [
            "SECRET_KEY": "map-revalidation", "PASSWORD_HASH_CONCURRENCY": "1", "DB_ACQUIRE_TIMEOUT": "120", "DB_CONNECT_TIMEOUT": "60",
            "MEDIA_ROOT": FileManager.default.temporaryDirectory.appendingPathComponent("mq-\(UUID().uuidString)").path,
        ]
        environment.merge(try await StoreKind.freshDatabase()) { $1 }
        let reader = try GameAssembly(try ServerConfiguration.read(from: environment.merging(["LANDMARK_CACHE_SECONDS": lifetime]) { $1 }))
        let writer = try GameAssembly(try ServerConfiguration.read(from: environment))
        _ = try await reader.database!.migrate()
        _ = try await reader.game.locations.seed(try Landmarks.load())
        try await reader.test { client in
            let before = try await firstLandmark(client)
            let id = before["location_id"] as! String
            let staff = try await client.signUp("staff")
            _ = try await reader.game.profiles.grantStaff(email: "staff@example.com")
            try await writer.test { other in
                let renamed = try await other.json(.patch, "/api/locations/\(id)/", ["name": "Renamed elsewhere"], token: staff.access)
                #expect(renamed.status == .ok)
            }
            let after = try await firstLandmark(client)
            #expect((after["name"] as? String == "Renamed elsewhere") == seenAtOnce)
            let detail = try await client.json(.get, "/api/locations/\(id)/").jsonObject()
            #expect((detail["name"] as? String == "Renamed elsewhere") == seenAtOnce)
        }
    }
}
