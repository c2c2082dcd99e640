import FoundationEssentials

/// Photo storage this server keeps itself when no S3 bucket is configured: uploads arrive at
/// `PUT /uploads/{key}` under an expiring signature, and everyone reads them at `GET /media/{key}`.
public protocol MediaStore: Sendable {
    associatedtype Object: MediaObject
    /// The largest photo accepted, in bytes.
    var maximumUploadBytes: Int { get }
    /// Whether `signature` authorises an upload of `key` with `contentType` that has not expired.
    func isUploadAuthorized(key: String, contentType: String, expires: String, signature: String) -> Bool
    /// Streams an upload's bytes to storage, keeping nothing unless all of them arrive within
    /// ``maximumUploadBytes`` and the store's quotas; throws ``MediaRefusal`` for a refused upload.
    func write<Chunks: AsyncSequence>(key: String, chunks: Chunks) async throws where Chunks.Element == Data
    /// The stored object, or `nil` when there is no such object (or the key is unsafe).
    func open(key: String) async throws -> Object?
}

/// A stored object opened for reading.
public protocol MediaObject: Sendable {
    var size: Int { get }
    /// Hands each chunk of the object to `body`, in order.
    func read(_ body: (Data) async throws -> Void) async throws
}

/// Why a media store refused an upload.
public enum MediaRefusal: Error, Equatable, Sendable {
    /// The key could leave the storage root.
    case unsafeKey
    /// Larger than the store accepts.
    case tooLarge(limit: Int)
    /// The player's share of the store, or the whole store, is full.
    case quotaExceeded
}
