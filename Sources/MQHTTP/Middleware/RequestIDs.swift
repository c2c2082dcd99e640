import MQDomain
import Synchronization

/// The ids given to requests that bring none: 32 hexadecimal digits, unique within the process and, by a
/// random half drawn at start, across tasks.
///
/// Drawn without a system call. `SystemRandomNumberGenerator` asks the kernel (`getrandom(2)`) for every
/// 64 bits, about a microsecond each on the benchmark machine: two per request, a few per cent of a cheap
/// request's CPU. An id needs to be unique, not secret (a client may choose its own), so the second half
/// is a counter passed through a keyed bijection: no two requests of a process share it, and it does not
/// show how many requests came before.
enum RequestIDs {
    private static let process = UInt64.random(in: .min ... .max)
    private static let keys = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))
    private static let issued = Atomic<UInt64>(0)

    static func next() -> String {
        let count = issued.wrappingAdd(1, ordering: .relaxed).oldValue
        return Hexadecimal.string(process, scrambled(count))
    }

    /// A bijection of 64-bit values (two rounds of SplitMix64's finaliser around secret keys): distinct
    /// counts give distinct results, in no visible order.
    static func scrambled(_ count: UInt64) -> UInt64 {
        mixed(mixed(count &+ keys.0) ^ keys.1)
    }

    /// SplitMix64's finaliser: xor-shifts and multiplications by odd constants, each invertible.
    private static func mixed(_ value: UInt64) -> UInt64 {
        var bits = value
        bits = (bits ^ (bits >> 30)) &* 0xBF58_476D_1CE4_E5B9
        bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
        return bits ^ (bits >> 31)
    }
}
