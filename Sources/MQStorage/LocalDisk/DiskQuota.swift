import FoundationEssentials
import Synchronization

/// How many bytes of photos the local-disk store keeps: per player (the `{user_id}` of an
/// `images/{user_id}/…` key) and in all, so that uploads cannot fill the server's disk.
public struct DiskQuota: Sendable, Equatable {
    public var bytesPerPlayer: Int
    public var totalBytes: Int

    public init(bytesPerPlayer: Int = 200 << 20, totalBytes: Int = 5 << 30) {
        self.bytesPerPlayer = bytesPerPlayer
        self.totalBytes = totalBytes
    }
}

/// Bytes in use, by owner and in all, reserved before they are written.
final class DiskUsage: Sendable {
    private struct Usage {
        var byOwner: [String: Int] = [:]
        var total = 0
    }

    let quota: DiskQuota
    private let usage: Mutex<Usage>

    /// Counts what `root` already holds.
    init(quota: DiskQuota, root: URL) {
        self.quota = quota
        var initial = Usage()
        for relative in (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? [] {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(relative).path),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            let size = (attributes[.size] as? Int) ?? 0
            initial.byOwner[Self.owner(of: relative), default: 0] += size
            initial.total += size
        }
        usage = Mutex(initial)
    }

    /// The player a key belongs to: `images/{user_id}/…`; everything else is the server's own.
    static func owner(of key: String) -> String {
        let parts = key.split(separator: "/")
        return parts.count >= 3 && parts[0] == "images" ? String(parts[1]) : ""
    }

    /// Takes `bytes` for `owner`, or returns `false` (taking nothing) when a quota would be exceeded.
    func reserve(_ bytes: Int, for owner: String) -> Bool {
        usage.withLock { usage in
            let mine = usage.byOwner[owner, default: 0]
            guard usage.total + bytes <= quota.totalBytes, owner.isEmpty || mine + bytes <= quota.bytesPerPlayer else { return false }
            usage.byOwner[owner] = mine + bytes
            usage.total += bytes
            return true
        }
    }

    /// Gives back `bytes` taken for `owner` (an abandoned upload, or the file an upload replaced).
    func release(_ bytes: Int, for owner: String) {
        usage.withLock { usage in
            usage.byOwner[owner] = max(0, usage.byOwner[owner, default: 0] - bytes)
            usage.total = max(0, usage.total - bytes)
        }
    }

    /// Bytes held by `owner`.
    func used(by owner: String) -> Int {
        usage.withLock { $0.byOwner[owner, default: 0] }
    }
}
