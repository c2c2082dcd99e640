import MQDomain
import MQTestSupport
import Testing

@Suite("Photo uploads")
struct PhotoServiceTests {
    @Test(arguments: [
        ("Me.JPG", "jpg", "image/jpeg"), ("a.jpeg", "jpeg", "image/jpeg"), ("x.png", "png", "image/png"),
        ("IMG_1.heic", "heic", "image/heic"), ("w.webp", "webp", "image/webp"),
    ])
    func anUploadGoesUnderTheCallersPrefixWithTheMatchingType(filename: String, ext: String, type: String) async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let ticket = try await test.game.photos.prepareUpload(filename: filename, for: ann.user)
        #expect(ticket.key.hasPrefix("images/\(ann.user.id)/"))
        #expect(ticket.key.hasSuffix(".\(ext)"))
        #expect(ticket.key.count == "images/\(ann.user.id)/".count + 8 + 1 + ext.count)
        #expect(ticket.contentType == type)
        #expect(ticket.expiresIn == 3600)
        #expect(ticket.publicURL == "https://photos.test/" + ticket.key)
    }

    @Test(arguments: ["../../etc/passwd", "photo.gif", "photo", "photo.jpg.exe", ".jpg/../x.sh"])
    func namesThatAreNotPhotosAreRefused(filename: String) async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        #expect(
            await caught { try await test.game.photos.prepareUpload(filename: filename, for: ann.user) }
                == .rejected("Unsupported file type: use one of jpg, jpeg, png, heic, webp"))
    }

    @Test func pathsInANameNeverLeaveThePrefix() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let ticket = try await test.game.photos.prepareUpload(filename: "../../other/evil.png", for: ann.user)
        #expect(ticket.key.hasPrefix("images/\(ann.user.id)/"))
        #expect(!ticket.key.contains(".."))
    }

    @Test func aMissingFilenameIsRequired() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        #expect(await caught { try await test.game.photos.prepareUpload(filename: nil, for: ann.user) } == .rejected("filename is required"))
        #expect(await caught { try await test.game.photos.prepareUpload(filename: "  ", for: ann.user) } == .rejected("filename is required"))
    }

    @Test func storageThatCannotSignIsUnavailable() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        test.uploads.fail(true)
        #expect(
            await caught { try await test.game.photos.prepareUpload(filename: "a.jpg", for: ann.user) } == .storageUnavailable("Failed to generate upload URL"))
    }
}
