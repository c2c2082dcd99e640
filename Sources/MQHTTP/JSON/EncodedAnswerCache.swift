import FoundationEssentials
import Synchronization

/// Encoded answers to the map's reads, kept while the landmark catalog answers from the same snapshot.
///
/// Encoding the landmark list as JSON (keys sorted, so that every task sends the same bytes and the same
/// `ETag`) cost most of a map read once the landmarks came from memory; a read whose address and
/// catalog version were seen before is answered from the bytes kept then. Addresses are chosen by
/// clients, so the cache holds at most ``capacity`` answers and starts over when full.
final class EncodedAnswerCache: Sendable {
    static let capacity = 256

    struct Answer: Sendable {
        let body: Data
        let tag: EntityTag

        /// The body with the tag that names it.
        init(body: Data) {
            self.body = body
            tag = EntityTag(of: body)
        }
    }

    private struct Entry: Sendable {
        let version: Int
        let answer: Answer
    }

    private let entries = Mutex<[String: Entry]>([:])

    func answer(for key: String, version: Int) -> Answer? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.answer
        }
    }

    func keep(_ answer: Answer, for key: String, version: Int) {
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(version: version, answer: answer)
        }
    }
}
