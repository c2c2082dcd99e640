import Foundation
import HTTPTypes
import HummingbirdTesting
import MQDomain
import Testing

@Suite("Users, visits, images, friends, locations over HTTP")
struct PlayerRouteTests {
    @Test func theUserCollectionHoldsOnlyTheCaller() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let bob = try await client.register("bob")
            let list = try await client.send(.get, "/api/users/", as: ann).object()
            #expect(list["count"] as? Int == 1)
            #expect(((list["results"] as? [[String: Any]])?.first)?["user_id"] as? String == ann.id)
            #expect(try await client.send(.get, "/api/users/?page=2", as: ann).status == .notFound)
            #expect(try await client.send(.get, "/api/users/\(ann.id)/", as: ann).status == .ok)
            #expect(try await client.send(.get, "/api/users/\(bob.id)/", as: ann).status == .notFound)
            #expect(try await client.send(.patch, "/api/users/\(bob.id)/", ["first_name": "X"], as: ann).status == .notFound)
            #expect(try await client.send(.delete, "/api/users/\(bob.id)/", as: ann).status == .notFound)
            let create = try await client.send(.post, "/api/users/", ["email": "x@example.com"], as: ann)
            #expect(create.status == .forbidden)
            #expect(try create.object()["detail"] as? String == "Use /auth/register/ to create new users")
        }
    }

    @Test func aPasswordChangedThroughTheAccountRouteIsRehashed() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let weak = try await client.send(.patch, "/api/users/\(ann.id)/", ["password": "12345678"], as: ann)
            #expect(weak.status == .badRequest)
            #expect(try await client.send(.patch, "/api/users/\(ann.id)/", ["password": "a-brand-new-secret"], as: ann).status == .ok)
            #expect(try await client.send(.post, "/auth/login/", ["email": "ann@example.com", "password": "a-brand-new-secret"]).status == .ok)
        }
    }

    @Test func deletingAnAccountEndsItsTokensAtOnce() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let deleted = try await client.send(.delete, "/api/users/\(ann.id)/", as: ann)
            #expect(deleted.status == .noContent)
            #expect(try await client.send(.get, "/api/users/me/", as: ann).status == .unauthorized)
            #expect(try await client.send(.post, "/auth/token/refresh/", ["refresh": ann.refresh]).status == .unauthorized)
            #expect(try await client.send(.post, "/auth/login/", ["email": "ann@example.com", "password": TestServer.password]).status == .unauthorized)
        }
    }

    @Test func visitsAreTheCallersOwnAndOnlyTheirNoteChanges() async throws {
        let server = TestServer()
        let tower = try await server.location(points: 90)
        let falls = try await server.location("Niagara Falls", points: 100)
        try await server.test { client in
            let ann = try await client.register("ann")
            let bob = try await client.register("bob")
            let visit = try await client.send(.post, "/api/visits/", ["location": tower.id], as: ann).object()
            let id = try #require(visit["id"] as? Int)
            let again = try await client.send(.post, "/api/visits/", ["location": tower.id], as: ann)
            #expect(again.status == .badRequest)
            let unknown = try await client.send(.post, "/api/visits/", ["location": "nowhere"], as: ann)
            #expect(unknown.status == .badRequest)
            #expect(try unknown.object()["location"] as? [String] == ["Invalid pk \"nowhere\" - object does not exist."], "the old backend's words")
            let moved = try await client.send(.patch, "/api/visits/\(id)/", ["note": "mine", "location": falls.id, "user": bob.id], as: ann).object()
            #expect(moved["note"] as? String == "mine")
            #expect(moved["location"] as? String == tower.id)
            #expect(moved["user"] as? String == ann.id)
            #expect(try await client.send(.get, "/api/visits/\(id)/", as: bob).status == .notFound)
            #expect(try await client.send(.delete, "/api/visits/\(id)/", as: bob).status == .notFound)
            #expect(try await client.send(.get, "/api/users/me/", as: ann).object()["points"] as? Int == 90)
            #expect(try await client.send(.delete, "/api/visits/\(id)/", as: ann).status == .noContent)
            #expect(try await client.send(.get, "/api/users/me/", as: ann).object()["points"] as? Int == 0)
        }
    }

    @Test func theFriendshipFlowOfTheApp() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let bob = try await client.register("bob", phone: "6045550111")
            let sent = try await client.send(.post, "/api/friend-requests/add_friend/", ["phone_no": "6045550111"], as: ann)
            #expect(sent.status == .created)
            let id = try #require((try sent.object()["friend_request"] as? [String: Any])?["id"] as? Int)
            let resend = try await client.send(.post, "/api/friend-requests/add_friend/", ["email": "bob@example.com"], as: ann)
            #expect(resend.status == .ok)
            #expect(try resend.object()["message"] as? String == "Friend request already sent")
            let byAnn = try await client.send(.post, "/api/friend-requests/\(id)/accept/", as: ann)
            #expect(byAnn.status == .forbidden)
            #expect(try byAnn.object()["detail"] as? String == "You can only accept friend requests sent to you")
            let accepted = try await client.send(.post, "/api/friend-requests/\(id)/accept/", as: bob)
            #expect(try accepted.object()["status"] as? String == "accepted")
            let friends = try await client.send(.get, "/api/users/friends/", as: ann).object()
            #expect(friends["count"] as? Int == 1)
            #expect(((friends["friends"] as? [[String: Any]])?.first)?["user_id"] as? String == bob.id)
            let already = try await client.send(.post, "/api/friend-requests/add_friend/", ["email": "ann@example.com"], as: bob).object()
            #expect(already["message"] as? String == "You are already friends with this user")
            #expect(already["friend_request"] != nil)
            #expect(try await client.send(.put, "/api/friend-requests/\(id)/", ["status": "rejected"], as: ann).status == .methodNotAllowed)
            #expect(try await client.send(.delete, "/api/friend-requests/\(id)/", as: ann).status == .noContent)
            #expect(try await client.send(.get, "/api/users/friends/", as: bob).object()["count"] as? Int == 0)
        }
    }

    @Test func aFriendRequestIgnoresTheSenderAndStatusItIsGiven() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let bob = try await client.register("bob")
            let cat = try await client.register("cat")
            let created = try await client.send(.post, "/api/friend-requests/", ["to_user": bob.id, "from_user": cat.id, "status": "accepted"], as: ann)
            #expect(created.status == .created)
            let body = try created.object()
            #expect(body["from_user"] as? String == ann.id)
            #expect(body["status"] as? String == "pending")
            let missing = try await client.send(.post, "/api/friend-requests/add_friend/", ["email": "zed@example.com"], as: ann)
            #expect(missing.status == .notFound)
            #expect(try missing.object()["error"] as? String == "User not found with the provided email or phone number")
            let empty = try await client.send(.post, "/api/friend-requests/add_friend/", [:], as: ann)
            #expect(try empty.object()["error"] as? String == "Either email or phone_no is required")
        }
    }

    @Test func onlyStaffWriteLocationsOverHTTP() async throws {
        let server = TestServer()
        try await server.test { client in
            let ann = try await client.register("ann")
            let admin = try await client.register("admin")
            _ = try await server.game.profiles.grantStaff(email: "admin@example.com")
            let location: [String: Any] = [
                "name": "Banff", "province": "Alberta", "latitude": 51.497408, "longitude": "-115.926168", "points": 120, "description": "",
            ]
            #expect(try await client.send(.post, "/api/locations/", location).status == .unauthorized)
            #expect(try await client.send(.post, "/api/locations/", location, as: ann).status == .forbidden)
            let created = try await client.send(.post, "/api/locations/", location, as: admin)
            #expect(created.status == .created)
            let body = try created.object()
            #expect(body["latitude"] as? String == "51.497408")
            let id = try #require(body["location_id"] as? String)
            #expect(id.count == 10)
            #expect(try await client.send(.patch, "/api/locations/\(id)/", ["points": 5], as: ann).status == .forbidden)
            #expect(try await client.send(.patch, "/api/locations/\(id)/", ["points": 5], as: admin).object()["points"] as? Int == 5)
            let invalid = try await client.send(.put, "/api/locations/\(id)/", ["name": "B", "latitude": "100", "longitude": "0"], as: admin)
            #expect(invalid.status == .badRequest)
            #expect(try invalid.object()["latitude"] != nil)
            #expect(try await client.send(.delete, "/api/locations/\(id)/", as: ann).status == .forbidden)
            #expect(try await client.send(.delete, "/api/locations/\(id)/", as: admin).status == .noContent)
            #expect(try await client.send(.get, "/api/locations/\(id)/").status == .notFound)
        }
    }

    @Test func imagesCanOnlyBeRedescribed() async throws {
        let server = TestServer()
        let tower = try await server.location()
        try await server.test { client in
            let ann = try await client.register("ann")
            let bob = try await client.register("bob")
            let photo = "\(TestServer.baseURL)/media/images/\(ann.id)/0badf00d.jpg"
            let first = try await client.send(.post, "/api/locations/\(tower.id)/visit/", ["images": [["image_url": photo]]], as: ann).object()
            let image = try #require((first["images"] as? [[String: Any]])?.first)
            let id = try #require(image["id"] as? Int)
            let changed = try await client.send(
                .put, "/api/images/\(id)/", ["description": "view", "image_url": "https://evil.example/x.jpg", "likes": 99], as: ann
            ).object()
            #expect(changed["description"] as? String == "view")
            #expect(changed["image_url"] as? String == photo)
            #expect(changed["likes"] as? Int == 0)
            #expect(try await client.send(.get, "/api/images/\(id)/", as: bob).status == .notFound)
            #expect(try await client.send(.get, "/api/images/", as: ann).object()["count"] as? Int == 1)
            #expect(try await client.send(.delete, "/api/images/\(id)/", as: ann).status == .noContent)
        }
    }
}
