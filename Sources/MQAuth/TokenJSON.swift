/// The top-level members of a token's JSON header or claim set, read without `JSONDecoder`: decoding a
/// token's two small objects through `Codable` cost a seventh of answering `GET /api/users/me/`.
///
/// Strict JSON (RFC 8259): anything else — trailing bytes, a bad escape, a control character or invalid
/// UTF-8 in a string, a leading zero — reads as `nil`. Members whose values are not strings, integers or
/// `null` (booleans, fractions, nested objects and arrays, nested at most 32 deep) are kept as
/// ``Value/other``, so a claim this server does not use never stops a token from being read. A repeated
/// member keeps its last value, as `JSONDecoder` does.
struct TokenJSON {
    enum Value: Equatable {
        case string(String)
        /// An integer literal that fits in `Int` (no fraction, no exponent).
        case integer(Int)
        case null
        case other
    }

    /// In the order read. A list, not a dictionary: a token has a handful of members, and hashing each
    /// name cost more than comparing it.
    private(set) var members: [(name: String, value: Value)] = []

    init?(_ bytes: [UInt8]) {
        var reader = Reader(bytes: bytes)
        guard let members = reader.object(), reader.atEnd else { return nil }
        self.members = members
    }

    /// The member's last value.
    subscript(_ name: String) -> Value? { members.last { $0.name == name }?.value }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var atEnd: Bool {
            mutating get {
                skipWhitespace()
                return index == bytes.count
            }
        }

        mutating func object() -> [(name: String, value: Value)]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var members: [(name: String, value: Value)] = []
            if take(UInt8(ascii: "}")) { return members }
            repeat {
                skipWhitespace()
                guard let name = string(), take(UInt8(ascii: ":")), let value = value(depth: 1) else { return nil }
                members.append((name, value))
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) ? members : nil
        }

        private mutating func value(depth: Int) -> Value? {
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "t"): return literal("true") ? .other : nil
            case UInt8(ascii: "f"): return literal("false") ? .other : nil
            case UInt8(ascii: "{"), UInt8(ascii: "["): return skipNested(depth: depth) ? .other : nil
            default: return nil
            }
        }

        /// Skips an object or array, checking its grammar, at most 32 levels deep.
        private mutating func skipNested(depth: Int) -> Bool {
            guard depth <= 32 else { return false }
            let isObject = bytes[index] == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            if take(close) { return true }
            repeat {
                if isObject {
                    skipWhitespace()
                    guard string() != nil, take(UInt8(ascii: ":")) else { return false }
                }
                guard value(depth: depth + 1) != nil else { return false }
            } while take(UInt8(ascii: ","))
            return take(close)
        }

        private mutating func number() -> Value? {
            let start = index
            _ = take(UInt8(ascii: "-"), skippingWhitespace: false)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                guard digits() > 0 else { return nil }
            }
            var isInteger = true
            if take(UInt8(ascii: "."), skippingWhitespace: false) {
                guard digits() > 0 else { return nil }
                isInteger = false
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return nil }
                isInteger = false
            }
            guard isInteger else { return .other }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            return Int(text).map(Value.integer) ?? .other
        }

        private mutating func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }

        /// A string at `index` (its opening quote), unescaped; `nil` if it is not valid JSON text.
        private mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                guard bytes[index] >= 0x20 else { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return Self.text(bytes[start..<(index - 1)])
            }
            var unescaped = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return Self.text(unescaped[...])
                case UInt8(ascii: "\\"):
                    guard appendEscape(to: &unescaped) else { return nil }
                case ..<0x20: return nil
                default: unescaped.append(byte)
                }
            }
            return nil
        }

        /// Valid UTF-8 as a string, else `nil`. ASCII (every claim this server writes) skips the generic
        /// validation, which cost half of reading a token.
        private static func text(_ utf8: ArraySlice<UInt8>) -> String? {
            if utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: utf8, as: UTF8.self) }
            return String(validating: utf8, as: UTF8.self)
        }

        /// Reads the escape after a backslash into `output` as UTF-8.
        private mutating func appendEscape(to output: inout [UInt8]) -> Bool {
            guard index < bytes.count else { return false }
            let letter = bytes[index]
            index += 1
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(letter)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hexQuad() else { return false }
                if (0xD800..<0xDC00).contains(code) {
                    guard take(UInt8(ascii: "\\"), skippingWhitespace: false), take(UInt8(ascii: "u"), skippingWhitespace: false),
                        let low = hexQuad(), (0xDC00..<0xE000).contains(low)
                    else { return false }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { return false }
                output.append(contentsOf: UTF8.encode(scalar)!)
            default: return false
            }
            return true
        }

        private mutating func hexQuad() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<(index + 4)] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            index += 4
            return value
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let matches = word.withUTF8Buffer { Array($0) == Array(bytes[index..<(index + count)]) }
            if matches { index += count }
            return matches
        }

        private mutating func take(_ byte: UInt8, skippingWhitespace: Bool = true) -> Bool {
            if skippingWhitespace { skipWhitespace() }
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
                default: return
                }
            }
        }
    }
}
