import Foundation
import HTTPTypes
import HummingbirdTesting
import MQDomain
import NIOCore
import Testing

@Suite("Sharing a photo through the local photo store")
struct PhotoFlowTests {
    /// The path and query of an absolute URL on the test server.
    func local(_ url: String) -> String {
        String(url.dropFirst(TestServer.baseURL.count))
    }

    @Test func uploadAttachAndReadAPhoto() async throws {
        let server = TestServer()
        let tower = try await server.location()
        try await server.test { client in
            let ann = try await client.register("ann")
            let ticketResponse = try await client.send(.post, "/api/users/generate_upload_url/", ["filename": "IMG_0001.JPG"], as: ann)
            #expect(ticketResponse.status == .ok)
            let ticket = try ticketResponse.object()
            #expect(Set(ticket.keys) == ["upload_url", "public_url", "file_key", "expires_in"])
            #expect(ticket["expires_in"] as? Int == 3600)
            let key = try #require(ticket["file_key"] as? String)
            #expect(key.range(of: "^images/\(ann.id)/[0-9a-f]{8}\\.jpg$", options: .regularExpression) != nil)

            let upload = try await client.execute(
                uri: local(ticket["upload_url"] as! String), method: .put,
                headers: [.contentType: "image/jpeg"], body: ByteBuffer(string: "JPEG BYTES"))
            #expect(upload.status == .ok)
            let publicURL = try #require(ticket["public_url"] as? String)
            let read = try await client.execute(uri: local(publicURL), method: .get)
            #expect(read.status == .ok)
            #expect(read.text == "JPEG BYTES")
            #expect(read.headers[.contentType] == "image/jpeg")

            let visit = try await client.send(.post, "/api/visits/", ["location": tower.id, "note": "sunny"], as: ann)
            #expect(visit.status == .created)
            let visitID = try #require(try visit.object()["id"] as? Int)
            let image = try await client.send(.post, "/api/images/", ["visit": visitID, "image_url": publicURL, "description": ""], as: ann)
            #expect(image.status == .created)
            let gallery = try await client.send(.get, "/api/locations/\(tower.id)/images/").object()
            #expect((gallery["images"] as? [[String: Any]])?.first?["image_url"] as? String == publicURL)
            let profile = try await client.send(.patch, "/auth/profile/", ["profile_pic_url": publicURL], as: ann).object()
            #expect(profile["profile_pic_url"] as? String == publicURL)
        }
    }

    @Test func anUploadURLAcceptsOnlyTheSignedContentTypeAndKey() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let ticket = try await client.send(.post, "/api/users/generate_upload_url/", ["filename": "a.png"], as: ann).object()
            let url = local(ticket["upload_url"] as! String)
            let wrongType = try await client.execute(uri: url, method: .put, headers: [.contentType: "text/html"], body: ByteBuffer(string: "<html>"))
            #expect(wrongType.status == .forbidden)
            let otherKey = url.replacingOccurrences(of: ".png", with: ".jpg")
            #expect(
                try await client.execute(uri: otherKey, method: .put, headers: [.contentType: "image/png"], body: ByteBuffer(string: "x")).status == .forbidden)
            let forged = url.replacingOccurrences(of: "signature=", with: "signature=0")
            #expect(
                try await client.execute(uri: forged, method: .put, headers: [.contentType: "image/png"], body: ByteBuffer(string: "x")).status == .forbidden)
            let unsigned = "/uploads/" + (ticket["file_key"] as! String)
            #expect(
                try await client.execute(uri: unsigned, method: .put, headers: [.contentType: "image/png"], body: ByteBuffer(string: "x")).status == .forbidden)
            let tooBig = try await client.execute(
                uri: url, method: .put, headers: [.contentType: "image/png"], body: ByteBuffer(repeating: 0, count: 65 * 1024))
            #expect(tooBig.status == .contentTooLarge)
            #expect(try await client.execute(uri: local(ticket["public_url"] as! String), method: .get).status == .notFound)
        }
    }

    @Test func mediaPathsCannotEscapeTheStore() async throws {
        try await TestServer().test { client in
            for path in ["/media/../../etc/passwd", "/media/%2e%2e/%2e%2e/etc/passwd", "/media/images/..%2f..%2fetc/passwd", "/media/"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
            }
        }
    }

    @Test func filenamesThatAreNotPhotosAreRefused() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let missing = try await client.send(.post, "/api/users/generate_upload_url/", [:], as: ann)
            #expect(missing.status == .badRequest)
            #expect(try missing.object()["error"] as? String == "filename is required")
            let gif = try await client.send(.post, "/api/users/generate_upload_url/", ["filename": "cat.gif"], as: ann)
            #expect(gif.status == .badRequest)
        }
    }

    @Test func somebodyElsesUploadCannotBeAttached() async throws {
        let server = TestServer()
        let tower = try await server.location()
        try await server.test { client in
            let ann = try await client.register("ann")
            let bob = try await client.register("bob")
            let bobs = try await client.send(.post, "/api/users/generate_upload_url/", ["filename": "b.jpg"], as: bob).object()
            let visit = try await client.send(.post, "/api/visits/", ["location": tower.id], as: ann).object()
            let attempt = try await client.send(.post, "/api/images/", ["visit": visit["id"]!, "image_url": bobs["public_url"]!], as: ann)
            #expect(attempt.status == .badRequest)
            #expect(try attempt.object()["image_url"] as? [String] == ["Image URL must point to one of your own uploads."])
            let intoAnnsVisit = try await client.send(.post, "/api/images/", ["visit": visit["id"]!, "image_url": bobs["public_url"]!], as: bob)
            #expect(intoAnnsVisit.status == .forbidden)
            #expect(try intoAnnsVisit.object()["detail"] as? String == "You can only add images to your own visits")
        }
    }
}
