import Crypto
import FoundationEssentials
import MQDomain
import NIOPosix
import SystemPackage

/// Photo storage on this server's own disk, for running without an S3 bucket.
///
/// Upload URLs point at this server (`{baseURL}/uploads/{key}?expires=…&signature=…`); the signature is
/// an HMAC over the key, the content type and the expiry, so a URL uploads exactly one object with
/// exactly the signed `Content-Type` until it expires. Objects are public at `{baseURL}/media/{key}`.
public struct LocalDiskPhotoStore: UploadSigner, MediaStore {
    public let root: URL
    public let baseURL: String
    public let maximumUploadBytes: Int
    private let signingKey: SymmetricKey
    private let clock: any WallClock
    private let usage: DiskUsage
    private let io = NIOThreadPool.singleton

    /// - Parameters:
    ///   - root: the directory objects are written under; created when missing.
    ///   - baseURL: the server's public address, e.g. `http://localhost:8000`.
    ///   - secret: the server's secret; the signing key is derived from it, so it differs from the token key.
    ///   - quota: bytes kept per player and in all.
    public init(
        root: URL, baseURL: String, secret: String, maximumUploadBytes: Int = 15 << 20, quota: DiskQuota = DiskQuota(),
        clock: any WallClock = SystemClock()
    ) {
        usage = DiskUsage(quota: quota, root: root)
        self.root = root
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.maximumUploadBytes = maximumUploadBytes
        self.clock = clock
        signingKey = SymmetricKey(
            data: HMAC<SHA256>.authenticationCode(
                for: Data("mq-server local photo uploads".utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    public func signUpload(key: String, contentType: String, expiresIn: Int) async throws -> SignedUpload {
        guard ObjectKey.isSafe(key) else { throw MediaRefusal.unsafeKey }
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

    /// Streams an upload to disk, chunk by chunk, off Swift's cooperative threads: into a temporary file
    /// that replaces `key` only once every byte has arrived within ``maximumUploadBytes`` and the quota.
    /// A refused or broken upload leaves nothing behind.
    public func write<Chunks: AsyncSequence>(key: String, chunks: Chunks) async throws where Chunks.Element == Data {
        guard ObjectKey.isSafe(key) else { throw MediaRefusal.unsafeKey }
        let owner = DiskUsage.owner(of: key)
        let incoming = root.appendingPathComponent(".incoming", isDirectory: true)
        let partial = incoming.appendingPathComponent(UUID().uuidString)
        let file = root.appendingPathComponent(key)
        let handle = try await io.runIfActive {
            try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
            return try FileDescriptor.open(
                partial.path, .writeOnly, options: [.create, .exclusiveCreate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
        var written = 0
        // A descriptor is closed exactly once: its number may belong to another file right after.
        var open = true
        do {
            for try await chunk in chunks {
                guard written + chunk.count <= maximumUploadBytes else { throw MediaRefusal.tooLarge(limit: maximumUploadBytes) }
                guard usage.reserve(chunk.count, for: owner) else { throw MediaRefusal.quotaExceeded }
                written += chunk.count
                try await io.runIfActive { _ = try handle.writeAll(chunk) }
            }
            open = false
            try await io.runIfActive { try handle.close() }
            let replaced = try await io.runIfActive {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                let previous = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
                guard rename(partial.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
                return previous
            }
            usage.release(replaced, for: owner)
        } catch {
            usage.release(written, for: owner)
            let stillOpen = open
            try? await io.runIfActive {
                if stillOpen { try? handle.close() }
                try? FileManager.default.removeItem(at: partial)
            }
            throw error
        }
    }

    /// Writes `bytes` as one upload.
    public func write(key: String, bytes: Data) async throws {
        try await write(
            key: key,
            chunks: AsyncStream { body in
                body.yield(bytes)
                body.finish()
            })
    }

    /// The object's size, and its bytes read in chunks of at most `chunkSize` off the cooperative threads;
    /// `nil` when there is no such object (or the key is unsafe).
    public func open(key: String) async throws -> StoredPhoto? {
        guard ObjectKey.isSafe(key) else { return nil }
        let file = root.appendingPathComponent(key)
        let io = io
        return try await io.runIfActive {
            guard let size = try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int,
                let handle = try? FileDescriptor.open(file.path, .readOnly)
            else { return nil }
            return StoredPhoto(size: size, handle: handle, io: io)
        }
    }

    /// The whole object, or `nil`.
    public func read(key: String) async throws -> Data? {
        guard let photo = try await open(key: key) else { return nil }
        var data = Data()
        try await photo.read { data.append($0) }
        return data
    }

    /// Bytes the player with `userID` holds in this store.
    public func bytesHeld(by userID: String) -> Int {
        usage.used(by: userID)
    }

    private func sign(key: String, contentType: String, expires: String) -> String {
        let message = Data("\(key)\n\(contentType.lowercased())\n\(expires)".utf8)
        return Hexadecimal.string(HMAC<SHA256>.authenticationCode(for: message, using: signingKey))
    }
}
