import Foundation
import HTTPTypes
import HummingbirdTesting
import MQDomain
import Testing

@Suite("The JSON shapes the shipped app decodes")
struct ContractShapeTests {
    @Test func registrationAnswersWithTheUserProfileAndTokens() async throws {
        try await TestServer().test { client in
            let response = try await client.send(.post, "/auth/register/", ["email": "ann@example.com", "password": TestServer.password])
            #expect(response.status == .created)
            let body = try response.object()
            #expect(Set(body.keys) == ["user", "tokens", "message"])
            #expect(body["message"] as? String == "User registered successfully")
            let user = try #require(body["user"] as? [String: Any])
            #expect(Set(user.keys) == ["user_id", "email", "first_name", "last_name", "phone_no", "points", "profile_pic_url", "created_at"])
            #expect((user["user_id"] as? String)?.count == 15)
            #expect(user["first_name"] as? String == "")
            #expect(user["phone_no"] is NSNull)
            #expect(user["points"] as? Int == 0)
            #expect(user["profile_pic_url"] as? String == "")
            #expect(isContractTimestamp(user["created_at"]))
            let tokens = try #require(body["tokens"] as? [String: Any])
            #expect(Set(tokens.keys) == ["access", "refresh"])
        }
    }

    @Test func locationsArePagedWithCoordinatesAsText() async throws {
        let server = TestServer()
        for index in 0..<12 { _ = try await server.location("Landmark \(index)") }
        try await server.test { client in
            let response = try await client.send(.get, "/api/locations/")
            #expect(response.status == .ok)
            let page = try response.object()
            #expect(Set(page.keys) == ["count", "next", "previous", "results"])
            #expect(page["count"] as? Int == 12)
            #expect(page["previous"] is NSNull)
            let results = try #require(page["results"] as? [[String: Any]])
            #expect(results.count == 10)
            #expect(results.first?["name"] as? String == "Landmark 0", "creation order")
            let location = try #require(results.first)
            #expect(Set(location.keys) == ["location_id", "name", "province", "latitude", "longitude", "description", "points", "default_image_url"])
            #expect(location["latitude"] as? String == "43.64272921522629")
            #expect(location["default_image_url"] is NSNull)
        }
    }

    @Test func pageLinksAreAbsoluteAndFollowTheLoadBalancersHeaders() async throws {
        let server = TestServer()
        for index in 0..<5 { _ = try await server.location("L\(index)") }
        try await server.test { client in
            let headers: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https", HTTPField.Name("X-Forwarded-Host")!: "api.maplequest.ca"]
            let second = try await client.send(.get, "/api/locations/?page=2&page_size=2", headers: headers).object()
            #expect(second["next"] as? String == "https://api.maplequest.ca/api/locations/?page=3&page_size=2")
            #expect(second["previous"] as? String == "https://api.maplequest.ca/api/locations/?page_size=2")
            let last = try await client.send(.get, "/api/locations?page=3&page_size=2").object()
            #expect(last["next"] is NSNull)
            #expect((last["results"] as? [Any])?.count == 1)
            let past = try await client.send(.get, "/api/locations/?page=4&page_size=2")
            #expect(past.status == .notFound)
            #expect(try past.object()["detail"] as? String == "Invalid page.")
            #expect(try await client.send(.get, "/api/locations/?page=zero").status == .notFound)
            let capped = try await client.send(.get, "/api/locations/?page_size=1000").object()
            #expect((capped["results"] as? [Any])?.count == 5)
        }
    }

    @Test func theVisitActionAnswersFirstAndLaterVisitsDifferently() async throws {
        let server = TestServer()
        let tower = try await server.location(points: 90)
        try await server.test { client in
            let ann = try await client.register("ann")
            let photo = "\(TestServer.baseURL)/media/images/\(ann.id)/0badf00d.jpg"
            let first = try await client.send(
                .post, "/api/locations/\(tower.id)/visit/", ["note": "windy", "images": [["image_url": photo, "description": "top"]]], as: ann)
            #expect(first.status == .created)
            let body = try first.object()
            #expect(
                Set(body.keys) == ["message", "visit", "images", "points_earned", "total_points", "achievements_earned"], "the app's keys plus one additive key"
            )
            #expect(body["message"] as? String == "Location visited successfully")
            #expect(body["points_earned"] as? Int == 90)
            #expect(body["total_points"] as? Int == 90)
            let visit = try #require(body["visit"] as? [String: Any])
            #expect(Set(visit.keys) == ["id", "user", "location", "visited_at", "note", "images"])
            #expect(visit["user"] as? String == ann.id)
            #expect(visit["location"] as? String == tower.id)
            #expect(isContractTimestamp(visit["visited_at"]))
            let image = try #require((body["images"] as? [[String: Any]])?.first)
            #expect(Set(image.keys) == ["id", "visit", "description", "image_url", "likes"])
            #expect(image["likes"] as? Int == 0)

            let again = try await client.send(.post, "/api/locations/\(tower.id)/visit", ["note": "again"], as: ann)
            #expect(again.status == .ok)
            let later = try again.object()
            #expect(Set(later.keys) == ["message", "visit", "images_added", "achievements_earned"], "the app's keys plus one additive key")
            #expect(later["message"] as? String == "Location already visited")
            let withPhoto = try await client.send(.post, "/api/locations/\(tower.id)/visit/", ["images": [["image_url": photo]]], as: ann).object()
            #expect(withPhoto["message"] as? String == "Location already visited, images added")

            let points = try await client.send(.post, "/api/users/update_points/", ["points": 5000], as: ann).object()
            #expect(points["message"] as? String == "Points updated successfully")
            #expect(points["total_points"] as? Int == 90)
            let gallery = try await client.send(.get, "/api/locations/\(tower.id)/images/").object()
            #expect(Set(gallery.keys) == ["location_id", "location_name", "total_images", "images"])
            #expect(gallery["total_images"] as? Int == 2)
        }
    }

    @Test func friendRequestsCarryBothProfiles() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let bob = try await client.register("bob")
            let sent = try await client.send(.post, "/api/friend-requests/add_friend/", ["email": "bob@example.com"], as: ann)
            #expect(sent.status == .created)
            let body = try sent.object()
            #expect(body["message"] as? String == "Friend request sent successfully")
            let request = try #require(body["friend_request"] as? [String: Any])
            #expect(Set(request.keys) == ["id", "from_user", "to_user", "from_user_details", "to_user_details", "status", "created_at", "updated_at"])
            #expect(request["from_user"] as? String == ann.id)
            #expect((request["to_user_details"] as? [String: Any])?["user_id"] as? String == bob.id)
            #expect(request["status"] as? String == "pending")
            #expect(isContractTimestamp(request["updated_at"]))
            let list = try await client.send(.get, "/api/friend-requests/", as: bob).object()
            #expect(list["count"] as? Int == 1)
        }
    }

    @Test func achievementsArePublicAndPaged() async throws {
        let server = TestServer()
        _ = try await server.store.achievements.create(Achievement(id: "explorer", description: "Visit five landmarks", points: 50))
        try await server.test { client in
            let page = try await client.send(.get, "/api/achievements/").object()
            let first = try #require((page["results"] as? [[String: Any]])?.first)
            #expect(Set(first.keys) == ["achievement_id", "description", "points", "rule"], "the app's keys plus one additive key")
            #expect(try await client.send(.get, "/api/achievements/explorer/").status == .ok)
            #expect(try await client.send(.get, "/api/achievements/missing/").status == .notFound)
        }
    }
}
