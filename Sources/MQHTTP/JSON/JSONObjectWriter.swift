/// Writes one JSON object byte for byte as ``JSONReply``'s `JSONEncoder` writes it (keys sorted,
/// slashes unescaped), without `Codable`: encoding the caller's profile through `JSONEncoder` cost an
/// eighth of answering `GET /api/users/me/`, and a check-in's answer 13 % of the server's work for it.
/// Nested objects and lists are written by their own ``WritesOwnJSON/json()``.
///
/// Fields must be written in ascending key order, as `.sortedKeys` would put them; a debug build checks.
/// `JSONObjectWriterTests` compares the output with `JSONEncoder`'s for random values.
struct JSONObjectWriter {
    private(set) var bytes: [UInt8]
    #if DEBUG
        private var lastKey: String?
    #endif

    init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// A string field, `null` when `value` is `nil`.
    mutating func field(_ key: StaticString, _ value: String?) {
        name(key)
        guard let value else { return bytes.append(contentsOf: "null".utf8) }
        string(value)
    }

    mutating func field(_ key: StaticString, _ value: Int) {
        name(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A field holding an object written by its own writer, `null` when `object` is `nil`.
    mutating func field(_ key: StaticString, object: (some WritesOwnJSON)?) {
        name(key)
        guard let object else { return bytes.append(contentsOf: "null".utf8) }
        bytes.append(contentsOf: object.json())
    }

    /// A list of objects, each written by its own writer.
    mutating func field(_ key: StaticString, objects: [some WritesOwnJSON]) {
        name(key)
        bytes.append(UInt8(ascii: "["))
        for (index, object) in objects.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: object.json())
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A list of strings.
    mutating func field(_ key: StaticString, strings: [String]) {
        name(key)
        bytes.append(UInt8(ascii: "["))
        for (index, text) in strings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(text)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The object's bytes, closed.
    consuming func finished() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func name(_ key: StaticString) {
        #if DEBUG
            let text = key.description
            assert(lastKey.map { $0 < text } ?? true, "JSONObjectWriter: \(text) written out of order")
            lastKey = text
        #endif
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
    }

    /// A JSON string as `JSONEncoder` escapes it: quote, backslash and control characters only.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case ..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A response body that writes its own JSON with ``JSONObjectWriter``, identical to its `Encodable` form.
protocol WritesOwnJSON: Encodable {
    func json() -> [UInt8]
}
