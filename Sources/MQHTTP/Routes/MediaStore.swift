import Foundation

/// Photo storage this server keeps itself when no S3 bucket is configured: uploads arrive at
/// `PUT /uploads/{key}` under an expiring signature, and everyone reads them at `GET /media/{key}`.
public protocol MediaStore: Sendable {
    /// The largest photo accepted, in bytes.
    var maximumUploadBytes: Int { get }
    /// Whether `signature` authorises an upload of `key` with `contentType` that has not expired.
    func isUploadAuthorized(key: String, contentType: String, expires: String, signature: String) -> Bool
    /// Stores the bytes; throws when the key is unsafe or the disk fails.
    func write(key: String, bytes: Data) async throws
    /// The stored bytes, or `nil` when there is no such object (or the key is unsafe).
    func read(key: String) async throws -> Data?
}
