import Foundation
import MQDomain
import MQStorage
import Synchronization
import Testing

@Suite("The local-disk photo store")
struct LocalDiskPhotoStoreTests {
    final class Clock: WallClock {
        let current = Mutex(Date(timeIntervalSince1970: 1_764_000_000))
        func now() -> Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    let clock = Clock()
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("mq-store-\(UUID().uuidString)")
    var store: LocalDiskPhotoStore { LocalDiskPhotoStore(root: root, baseURL: "http://localhost:8000/", secret: "s", clock: clock) }

    /// The `expires` and `signature` of a signed upload URL.
    func parameters(_ url: String) -> (expires: String, signature: String) {
        let items = URLComponents(string: url)!.queryItems!
        return (items.first { $0.name == "expires" }!.value!, items.first { $0.name == "signature" }!.value!)
    }

    @Test func aSignedUploadIsAuthorisedForItsKeyAndTypeOnly() async throws {
        let key = "images/1b9d6bcd-bbfd-4/0badf00d.jpg"
        let signed = try await store.signUpload(key: key, contentType: "image/jpeg", expiresIn: 3600)
        #expect(signed.uploadURL.hasPrefix("http://localhost:8000/uploads/\(key)?expires=1764003600&signature="))
        #expect(signed.publicURL == "http://localhost:8000/media/\(key)")
        let (expires, signature) = parameters(signed.uploadURL)
        #expect(store.isUploadAuthorized(key: key, contentType: "image/jpeg", expires: expires, signature: signature))
        #expect(!store.isUploadAuthorized(key: key, contentType: "image/png", expires: expires, signature: signature))
        #expect(!store.isUploadAuthorized(key: key + "x", contentType: "image/jpeg", expires: expires, signature: signature))
        #expect(!store.isUploadAuthorized(key: key, contentType: "image/jpeg", expires: "1764999999", signature: signature))
        let otherSecret = LocalDiskPhotoStore(root: root, baseURL: "http://localhost:8000", secret: "t", clock: clock)
        #expect(!otherSecret.isUploadAuthorized(key: key, contentType: "image/jpeg", expires: expires, signature: signature))
    }

    @Test func aSignedUploadExpires() async throws {
        let key = "images/u/0badf00d.png"
        let signed = try await store.signUpload(key: key, contentType: "image/png", expiresIn: 60)
        let (expires, signature) = parameters(signed.uploadURL)
        clock.advance(61)
        #expect(!store.isUploadAuthorized(key: key, contentType: "image/png", expires: expires, signature: signature))
    }

    @Test func publicURLsMapBackToTheirKeysAndOthersDoNot() {
        #expect(store.key(forPublicURL: "http://localhost:8000/media/images/u/a.jpg") == "images/u/a.jpg")
        #expect(store.key(forPublicURL: "http://elsewhere/media/images/u/a.jpg") == nil)
        #expect(store.key(forPublicURL: "http://localhost:8000/media/images/u/../v/a.jpg") == nil)
        #expect(store.key(forPublicURL: "http://localhost:8000/media/images/u/a%20b.jpg") == nil)
    }

    @Test func writtenBytesReadBack() async throws {
        try await store.write(key: "images/u/a.jpg", bytes: Data("photo".utf8))
        #expect(try await store.read(key: "images/u/a.jpg") == Data("photo".utf8))
        #expect(try await store.read(key: "images/u/missing.jpg") == nil)
    }

    @Test(arguments: ["../escape.jpg", "images/../../escape.jpg", "/etc/passwd", "images//a.jpg", "images/./a.jpg", "images/a b.jpg", ""])
    func unsafeKeysAreNeverTouched(key: String) async throws {
        await #expect(throws: (any Error).self) { try await store.write(key: key, bytes: Data()) }
        #expect(try await store.read(key: key) == nil)
        await #expect(throws: (any Error).self) { try await store.signUpload(key: key, contentType: "image/jpeg", expiresIn: 60) }
    }
}
