import FoundationEssentials
import Logging
import MQDomain
import Tracing

/// Photo storage in Amazon S3 or an S3-compatible server: presigned `PUT`s bound to the photo's content
/// type, and public URLs under the bucket (or the CDN in front of it).
public struct S3UploadSigner: UploadSigner {
    /// S3 refuses presigned URLs that live longer than seven days.
    public static let maximumExpiry = 7 * 24 * 3600

    public let settings: S3Settings
    private let addressing: S3Addressing
    private let presigner: SigV4Presigner
    private let credentials: any CredentialsProvider
    private let clock: any WallClock
    private let logger: Logger

    public init(
        settings: S3Settings, credentials: any CredentialsProvider, clock: any WallClock = SystemClock(),
        logger: Logger = Logger(label: "mq-server.s3")
    ) {
        self.settings = settings
        addressing = S3Addressing(settings)
        presigner = SigV4Presigner(region: settings.region)
        self.credentials = credentials
        self.clock = clock
        self.logger = logger
    }

    public func signUpload(key: String, contentType: String, expiresIn: Int) async throws -> SignedUpload {
        let url = try await presign(method: "PUT", key: key, headers: ["Content-Type": contentType], expiresIn: expiresIn)
        return SignedUpload(uploadURL: url, publicURL: publicURL(forKey: key))
    }

    /// A presigned `GET`, for reading an object that is not public.
    public func signDownload(key: String, expiresIn: Int) async throws -> String {
        try await presign(method: "GET", key: key, headers: [:], expiresIn: expiresIn)
    }

    public func publicURL(forKey key: String) -> String {
        if let base = settings.publicBaseURL { return base + "/" + PercentEncoding.encodePath(key) }
        return "\(addressing.scheme)://\(addressing.host)\(addressing.encodedPath(forKey: key))"
    }

    /// Accepts the public base's URLs and also the bucket's own addresses, which photos stored before
    /// the bucket went behind a CDN still carry.
    public func key(forPublicURL url: String) -> String? {
        let prefixes = settings.publicBaseURL.map { [$0 + "/"] + settings.bucketURLPrefixes } ?? settings.bucketURLPrefixes
        for prefix in prefixes where url.hasPrefix(prefix) {
            let encoded = String(url.dropFirst(prefix.count))
            guard let key = PercentEncoding.decode(encoded), ObjectKey.isSafe(key), PercentEncoding.encodePath(key) == encoded else { return nil }
            return key
        }
        return nil
    }

    /// Signs with the current credentials, never past their own expiry nor S3's seven days.
    private func presign(method: String, key: String, headers: [String: String], expiresIn: Int) async throws -> String {
        try await withSpan("s3 presign \(method)") { _ in try await presignNow(method: method, key: key, headers: headers, expiresIn: expiresIn) }
    }

    private func presignNow(method: String, key: String, headers: [String: String], expiresIn: Int) async throws -> String {
        let current: AWSCredentials
        do {
            current = try await credentials.credentials()
        } catch {
            logger.error("cannot sign an S3 upload: no credentials", metadata: ["error": .string(String(describing: error))])
            throw error
        }
        let now = clock.now()
        var expires = min(expiresIn, Self.maximumExpiry)
        if let expiration = current.expiration {
            expires = min(expires, Int(expiration.timeIntervalSince(now).rounded(.down)))
        }
        guard expires > 0 else {
            logger.error("cannot sign an S3 upload: the credentials have expired")
            throw CredentialsError.unavailable("the credentials have expired")
        }
        let request = SigV4Presigner.Request(
            method: method, scheme: addressing.scheme, host: addressing.host,
            encodedPath: addressing.encodedPath(forKey: key), headers: headers)
        return presigner.presign(request, credentials: current, date: now, expires: expires)
    }
}
