import FoundationEssentials
import MQDomain
import NIOPosix
import SystemPackage

/// A stored photo opened for reading: its size, and its bytes in chunks read off the cooperative threads.
public final class StoredPhoto: MediaObject {
    public static let chunkSize = 64 << 10

    public let size: Int
    private let handle: FileDescriptor
    private let io: NIOThreadPool

    init(size: Int, handle: FileDescriptor, io: NIOThreadPool) {
        self.size = size
        self.handle = handle
        self.io = io
    }

    deinit {
        try? handle.close()
    }

    /// Hands each chunk to `body` in order, until the end of the file.
    public func read(_ body: (Data) async throws -> Void) async throws {
        let handle = handle
        while true {
            let chunk = try await io.runIfActive {
                var chunk = Data(count: Self.chunkSize)
                let count = try chunk.withUnsafeMutableBytes { try handle.read(into: $0) }
                return chunk.prefix(count)
            }
            if chunk.isEmpty { return }
            try await body(chunk)
        }
    }
}
