import Crypto
import FoundationEssentials
import HTTPTypes
import MQDomain

/// A strong validator for a response body, and the `If-None-Match` test against it (RFC 9110 §8.8.3, §13.1.2).
struct EntityTag: Equatable, Sendable {
    /// The quoted form sent in `ETag`: the first 16 bytes of the body's SHA-256, in hexadecimal.
    let quoted: String

    init(of body: Data) {
        quoted = "\"" + Hexadecimal.string(SHA256.hash(data: body).prefix(16)) + "\""
    }

    /// Whether any `If-None-Match` field names this representation: `*`, or a listed tag equal to this one
    /// under the weak comparison the header calls for (a `W/` prefix is ignored). Malformed entries match nothing.
    func isMatched(by fields: [String]) -> Bool {
        for field in fields {
            for entry in field.split(separator: ",") {
                var tag = entry.drop { $0 == " " || $0 == "\t" }
                while let last = tag.last, last == " " || last == "\t" { tag = tag.dropLast() }
                if tag == "*" { return true }
                if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
                if tag == quoted { return true }
            }
        }
        return false
    }
}
