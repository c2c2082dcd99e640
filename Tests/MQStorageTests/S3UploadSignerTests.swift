import Foundation
import MQDomain
import MQStorage
import Testing

@Suite("S3 presigned URLs, byte for byte as botocore makes them")
struct S3UploadSignerTests {
    struct Case: Codable, Sendable, CustomTestStringConvertible {
        var name: String
        var bucket: String
        var region: String
        var key: String
        var method: String
        var contentType: String?
        var token: String?
        var endpoint: String?
        var style: String
        var expires: Int = 3600
        var at: String = "2026-11-25T12:00:00Z"

        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, bucket, region, key, method, contentType = "content_type", token, endpoint, style, expires, at
        }
    }

    static let cases: [Case] = [
        Case(
            name: "PUT of a photo, virtual-hosted", bucket: "maple-quest-photos", region: "ca-central-1",
            key: "images/1b9d6bcd-bbfd-4/0badf00d.jpg", method: "put", contentType: "image/jpeg", style: "virtual"),
        Case(
            name: "GET, virtual-hosted", bucket: "maple-quest-photos", region: "us-west-2",
            key: "images/1b9d6bcd-bbfd-4/0badf00d.png", method: "get", style: "virtual"),
        Case(
            name: "PUT with a session token", bucket: "maple-quest-photos", region: "ca-central-1",
            key: "images/1b9d6bcd-bbfd-4/cafe0123.heic", method: "put", contentType: "image/heic",
            token: "IQoJb3JpZ2luX2VjEJr//////////wEaCWNhLWNlbnRyYWwtMSJHMEUCIQD+example/token=", style: "virtual", expires: 900),
        Case(
            name: "path style on a custom endpoint", bucket: "maple-quest", region: "us-east-1",
            key: "images/1b9d6bcd-bbfd-4/0badf00d.webp", method: "put", contentType: "image/webp",
            endpoint: "http://127.0.0.1:5000", style: "path"),
        Case(
            name: "path style for a bucket with dots", bucket: "photos.maplequest.ca", region: "ca-central-1",
            key: "images/1b9d6bcd-bbfd-4/0badf00d.jpg", method: "put", contentType: "image/jpeg", style: "path"),
        Case(
            name: "a key with spaces, plus and unicode", bucket: "maple-quest-photos", region: "ca-central-1",
            key: "locations/Peggy’s Cove a+b (1) é.jpg", method: "get", style: "virtual", expires: 604_800),
        Case(
            name: "GET on a custom endpoint with a path", bucket: "maple-quest", region: "eu-west-1",
            key: "locations/banff.jpg", method: "get", token: "token with spaces", endpoint: "https://minio.internal:9000", style: "path"),
    ]

    static let botocoreURLs: [String] = {
        let input = String(decoding: try! JSONEncoder().encode(cases), as: UTF8.self)
        return (try? JSONDecoder().decode([String].self, from: runVectorScript("botocore_presign", input))) ?? []
    }()

    @Test(arguments: Array(cases.indices))
    func theURLIsByteIdenticalToBotocores(index: Int) async throws {
        let vector = Self.cases[index]
        let expected = try #require(Self.botocoreURLs.count == Self.cases.count ? Self.botocoreURLs[index] : nil, "botocore vectors")
        let signer = S3UploadSigner(
            settings: S3Settings(bucket: vector.bucket, region: vector.region, endpoint: vector.endpoint.flatMap(URL.init(string:))),
            credentials: FixedCredentials(
                value: AWSCredentials(
                    accessKeyID: exampleKeys.accessKeyID, secretAccessKey: exampleKeys.secretAccessKey, sessionToken: vector.token)),
            clock: TestClock(ISO8601DateFormatter().date(from: vector.at)!))
        let url =
            vector.method == "put"
            ? try await signer.signUpload(key: vector.key, contentType: vector.contentType!, expiresIn: vector.expires).uploadURL
            : try await signer.signDownload(key: vector.key, expiresIn: vector.expires)
        #expect(url == expected)
    }

    @Test func publicURLsFollowTheAddressingAndMapBackToKeys() {
        let credentials = FixedCredentials(value: exampleKeys)
        let aws = S3UploadSigner(settings: S3Settings(bucket: "maple-quest-photos", region: "ca-central-1"), credentials: credentials)
        let key = "images/1b9d6bcd-bbfd-4/0badf00d.jpg"
        #expect(aws.publicURL(forKey: key) == "https://maple-quest-photos.s3.ca-central-1.amazonaws.com/\(key)")
        #expect(aws.key(forPublicURL: aws.publicURL(forKey: key)) == key)
        #expect(aws.key(forPublicURL: "https://other-bucket.s3.ca-central-1.amazonaws.com/\(key)") == nil)
        #expect(aws.key(forPublicURL: "https://maple-quest-photos.s3.ca-central-1.amazonaws.com/images/u/../v/a.jpg") == nil)
        #expect(aws.key(forPublicURL: "https://maple-quest-photos.s3.ca-central-1.amazonaws.com/images/u/%2e%2e/a.jpg") == nil)

        let moto = S3UploadSigner(
            settings: S3Settings(bucket: "maple-quest", region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:5000/")), credentials: credentials)
        #expect(moto.publicURL(forKey: key) == "http://127.0.0.1:5000/maple-quest/\(key)")
        #expect(moto.key(forPublicURL: moto.publicURL(forKey: key)) == key)

        let cdn = S3UploadSigner(
            settings: S3Settings(bucket: "maple-quest", region: "ca-central-1", publicBaseURL: "https://photos.maplequest.ca/"), credentials: credentials)
        #expect(cdn.publicURL(forKey: key) == "https://photos.maplequest.ca/\(key)")
        #expect(cdn.key(forPublicURL: "https://photos.maplequest.ca/\(key)") == key)
    }

    @Test func behindACDNTheBucketsOwnAddressesStillNameItsObjects() {
        let cdn = S3UploadSigner(
            settings: S3Settings(bucket: "maple-quest", region: "ca-central-1", publicBaseURL: "https://d1.cloudfront.net"),
            credentials: FixedCredentials(value: exampleKeys))
        let key = "images/1b9d6bcd-bbfd-4/0badf00d.jpg"
        for stored in [
            "https://maple-quest.s3.ca-central-1.amazonaws.com/", "https://maple-quest.s3.amazonaws.com/",
            "https://s3.ca-central-1.amazonaws.com/maple-quest/", "https://s3.amazonaws.com/maple-quest/",
        ] {
            #expect(cdn.key(forPublicURL: stored + key) == key, "\(stored)")
        }
        #expect(cdn.publicURL(forKey: key) == "https://d1.cloudfront.net/\(key)")
        #expect(cdn.key(forPublicURL: "https://maple-quest-2.s3.amazonaws.com/\(key)") == nil)
        #expect(cdn.key(forPublicURL: "https://evil.test/maple-quest.s3.amazonaws.com/\(key)") == nil)
    }

    @Test func expiryNeverPassesSevenDaysNorTheCredentialsOwn() async throws {
        let clock = TestClock()
        let settings = S3Settings(bucket: "maple-quest-photos", region: "ca-central-1")
        let longLived = S3UploadSigner(settings: settings, credentials: FixedCredentials(value: exampleKeys), clock: clock)
        #expect(try await longLived.signDownload(key: "a.jpg", expiresIn: 30 * 24 * 3600).contains("X-Amz-Expires=604800&"))

        var temporary = exampleKeys
        temporary.sessionToken = "token"
        temporary.expiration = clock.now().addingTimeInterval(600)
        let expiring = S3UploadSigner(settings: settings, credentials: FixedCredentials(value: temporary), clock: clock)
        let url = try await expiring.signUpload(key: "images/u/a.jpg", contentType: "image/jpeg", expiresIn: 3600).uploadURL
        #expect(url.contains("X-Amz-Expires=600&"))
        #expect(url.contains("X-Amz-Security-Token=token&"))
        clock.advance(601)
        await #expect(throws: CredentialsError.self) { try await expiring.signUpload(key: "images/u/a.jpg", contentType: "image/jpeg", expiresIn: 3600) }
    }

    @Test func noCredentialsMeansNoURL() async {
        let signer = S3UploadSigner(settings: S3Settings(bucket: "b", region: "ca-central-1"), credentials: NoCredentials())
        await #expect(throws: CredentialsError.self) { try await signer.signUpload(key: "images/u/a.jpg", contentType: "image/jpeg", expiresIn: 60) }
    }
}
