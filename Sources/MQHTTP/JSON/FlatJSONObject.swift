/// The common request body — one flat object of plain strings, small integers, booleans and nulls, such as
/// a check-in's `{"note": "…"}` or a login — read without `JSONDecoder`, which spent 55 k instructions on a
/// check-in's body (a tenth of the server's work for it) trying each type in turn.
///
/// Only text this reader is sure of is read: anything else — nesting, an escape, a fraction or exponent,
/// an integer of more than 18 digits, `-0`, a repeated key, bytes that are not UTF-8, a stray character —
/// answers `nil`, and ``RequestBody`` hands the body to `JSONDecoder` as before. So every body means exactly
/// what it meant before; `FlatJSONObjectTests` compares the two on random and broken text.
enum FlatJSONObject {
    static func parse(_ bytes: [UInt8]) -> [String: JSONValue]? {
        var reader = Reader(bytes: bytes)
        return reader.object()
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func object() -> [String: JSONValue]? {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var fields: [String: JSONValue] = [:]
            skipSpace()
            if take(UInt8(ascii: "}")) { return finished(fields) }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                guard let value = scalar(), fields.updateValue(value, forKey: key) == nil else { return nil }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return nil }
                return finished(fields)
            }
        }

        /// The object, when nothing but white space follows it.
        private mutating func finished(_ fields: [String: JSONValue]) -> [String: JSONValue]? {
            skipSpace()
            return position == bytes.count ? fields : nil
        }

        private mutating func scalar() -> JSONValue? {
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return word("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return word("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return word("null") ? .null : nil
            default: return integer().map(JSONValue.integer)
            }
        }

        /// A string with no escapes and no control characters, of valid UTF-8.
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = String(validating: bytes[start..<position], as: UTF8.self)
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                position += 1
            }
            return nil
        }

        /// `-?(0|[1-9][0-9]{0,17})`, not followed by a fraction or an exponent; not `-0`.
        private mutating func integer() -> Int? {
            let negative = take(UInt8(ascii: "-"))
            let start = position
            var value = 0
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                // 18 digits cannot overflow: stop before a 19th is added.
                guard position - start < 18 else { return nil }
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
            }
            let digits = position - start
            guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0"), !(negative && value == 0) else { return nil }
            if position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
                default: break
                }
            }
            return negative ? -value : value
        }

        private mutating func word(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - position >= count else { return false }
            let matches = text.withUTF8Buffer { expected in bytes[position..<position + count].elementsEqual(expected) }
            if matches { position += count }
            return matches
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        private mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }
    }
}
