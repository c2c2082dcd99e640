import Foundation
import MQDomain
import NIOPosix

/// A stored photo opened for reading: its size, and its bytes in chunks read off the cooperative threads.
public final class StoredPhoto: MediaObject {
    public static let chunkSize = 64 << 10

    public let size: Int
    private let handle: FileHandle
    private let io: NIOThreadPool

    init(size: Int, handle: FileHandle, io: NIOThreadPool) {
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
            let chunk = try await io.runIfActive { try handle.read(upToCount: Self.chunkSize) ?? Data() }
            if chunk.isEmpty { return }
            try await body(chunk)
        }
    }
}
