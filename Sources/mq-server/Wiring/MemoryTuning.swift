#if canImport(Glibc)
    import Glibc
#endif

/// glibc gives each thread that allocates its own malloc arena, and the server runs many threads
/// (event loops, one per database connection, password hashing). Two arenas keep the resident set small
/// at no measurable cost in throughput — the same as `MALLOC_ARENA_MAX=2`, without relying on the
/// environment.
enum MemoryTuning {
    /// `M_ARENA_MAX` in glibc's `<malloc.h>`, which Swift's Glibc module does not import.
    private static let arenaMaxParameter: Int32 = -8

    static func limitMallocArenas() {
        #if canImport(Glibc)
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMaxParameter, 2)
        #endif
    }
}
