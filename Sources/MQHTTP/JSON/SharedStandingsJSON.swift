import MQDomain
import Synchronization

/// The JSON of the last list of standings that many answers shared.
///
/// A store may hand every caller of the global board the same array for its top (PostgreSQL does, from
/// its shared board head), and writing those fifty players was a fifth of the server's work for each
/// answer. An array whose storage is the one kept here holds the same standings: the kept copy keeps
/// that storage alive, and a write to either copy would have copied it first. So its JSON is the JSON
/// kept with it. Any other array is written afresh and kept in its place.
final class SharedStandingsJSON: Sendable {
    private struct Kept: Sendable {
        /// Holds the storage `address` names, so no other array can be given it.
        let standings: [Standing]
        let address: UInt
        let json: [UInt8]
    }

    private let kept = Mutex<Kept?>(nil)

    /// `standings` as a JSON list, each written by `write`.
    func json(_ standings: [Standing], _ write: ([Standing]) -> [UInt8]) -> [UInt8] {
        guard let address = Self.address(of: standings) else { return write(standings) }
        if let json = kept.withLock({ kept in kept.flatMap { $0.address == address ? $0.json : nil } }) { return json }
        let json = write(standings)
        kept.withLock { $0 = Kept(standings: standings, address: address, json: json) }
        return json
    }

    /// Where an array's elements are stored; `nil` for an empty one, whose storage may be shared by any.
    private static func address(of standings: [Standing]) -> UInt? {
        guard !standings.isEmpty else { return nil }
        return standings.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { UInt(bitPattern: $0) } }
    }
}
