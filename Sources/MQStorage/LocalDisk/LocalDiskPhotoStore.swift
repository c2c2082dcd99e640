import Crypto
import Foundation
import MQDomain

/// Photo storage on this server's own disk, for running without an S3 bucket.
///
/// Upload URLs point at this server (`{baseURL}/uploads/{key}?expires=…&signature=…`); the signature is
/// an HMAC over the key, the content type and the expiry, so a URL uploads exactly one object with
/// exactly the signed `Content-Type` until it expires. Objects are public at `{baseURL}/media/{key}`.
public struct LocalDiskPhotoStore: UploadSigner {
    public let root: URL
    public let baseURL: String
    public let maximumUploadBytes: Int
    private let signingKey: SymmetricKey
    private let clock: any WallClock

    /// - Parameters:
    ///   - root: the directory objects are written under; created when missing.
    ///   - baseURL: the server's public address, e.g. `http://localhost:8000`.
    ///   - secret: the server's secret; the signing key is derived from it, so it differs from the token key.
    public init(root: URL, baseURL: String, secret: String, maximumUploadBytes: Int = 15 << 20, clock: any WallClock = SystemClock()) {
        self.root = root
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.maximumUploadBytes = maximumUploadBytes
        self.clock = clock
        signingKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(
            for: Data("mq-server local photo uploads".utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    public func signUpload(key: String, contentType: String, expiresIn: Int) async throws -> SignedUpload {
        guard ObjectKey.isSafe(key) else { throw LocalDiskError.unsafeKey }
        let expires = Int(clock.now().timeIntervalSince1970) + expiresIn
        let signature = sign(key: key, contentType: contentType, expires: String(expires))
        return SignedUpload(
            uploadURL: "\(baseURL)/uploads/\(key)?expires=\(expires)&signature=\(signature)",
            publicURL: publicURL(forKey: key))
    }

    public func publicURL(forKey key: String) -> String {
        "\(baseURL)/media/\(key)"
    }

    public func key(forPublicURL url: String) -> String? {
        let prefix = "\(baseURL)/media/"
        guard url.hasPrefix(prefix) else { return nil }
        let key = String(url.dropFirst(prefix.count))
        return ObjectKey.isSafe(key) ? key : nil
    }

    public func isUploadAuthorized(key: String, contentType: String, expires: String, signature: String) -> Bool {
        guard ObjectKey.isSafe(key), let expiry = Int(expires), expiry >= Int(clock.now().timeIntervalSince1970) else {
            return false
        }
        let expected = sign(key: key, contentType: contentType, expires: expires)
        return expected.utf8.count == signature.utf8.count
            && zip(expected.utf8, signature.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public func write(key: String, bytes: Data) async throws {
        guard ObjectKey.isSafe(key) else { throw LocalDiskError.unsafeKey }
        let file = root.appendingPathComponent(key)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: file, options: .atomic)
    }

    public func read(key: String) async throws -> Data? {
        guard ObjectKey.isSafe(key) else { return nil }
        let file = root.appendingPathComponent(key)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try Data(contentsOf: file)
    }

    private func sign(key: String, contentType: String, expires: String) -> String {
        let message = Data("\(key)\n\(contentType.lowercased())\n\(expires)".utf8)
        return HMAC<SHA256>.authenticationCode(for: message, using: signingKey).map { String(format: "%02x", $0) }.joined()
    }
}

public enum LocalDiskError: Error {
    case unsafeKey
}
