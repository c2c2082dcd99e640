#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output or standard error, written with `write(2)`: whole buffers, retried after interruptions
/// and short writes. A closed stream loses the text rather than stopping the server.
public enum StandardStream: Sendable {
    case output, error

    public func write(_ bytes: some Collection<UInt8>) {
        let written: Void? = bytes.withContiguousStorageIfAvailable { write(UnsafeRawBufferPointer($0)) }
        if written == nil { Array(bytes).withUnsafeBytes { write($0) } }
    }

    /// Writes every byte of `buffer`.
    public func write(_ buffer: UnsafeRawBufferPointer) {
        guard let start = buffer.baseAddress else { return }
        let descriptor: Int32 = self == .output ? 1 : 2
        var offset = 0
        while offset < buffer.count {
            let written = unistdWrite(descriptor, start + offset, buffer.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    public func write(_ text: String) {
        write(text.utf8)
    }
}

private func unistdWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
