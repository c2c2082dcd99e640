/// Writes one JSON object byte for byte as ``JSONReply``'s `JSONEncoder` writes it (keys sorted,
/// slashes unescaped), without `Codable`: encoding the caller's profile through `JSONEncoder` cost an
/// eighth of answering `GET /api/users/me/`, and a check-in's answer 13 % of the server's work for it.
/// Nested objects and lists write their fields into the same buffer (``WritesOwnJSON/writeFields(to:)``),
/// and a string without characters to escape is copied in one piece.
///
/// Fields must be written in ascending key order, as `.sortedKeys` would put them; a debug build checks.
/// `JSONObjectWriterTests` compares the output with `JSONEncoder`'s for random values.
struct JSONObjectWriter {
    private(set) var bytes: [UInt8]
    /// Whether the object being written already has a field, so the next one follows a comma.
    private var hasField = false
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
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var power: UInt = 1
        while power <= magnitude / 10 { power *= 10 }
        while power > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / power))
            magnitude %= power
            power /= 10
        }
    }

    /// A field holding an object that writes its own fields, `null` when `object` is `nil`.
    mutating func field(_ key: StaticString, object: (some WritesOwnJSON)?) {
        name(key)
        guard let object else { return bytes.append(contentsOf: "null".utf8) }
        nested(object)
    }

    /// A list of objects, each writing its own fields.
    mutating func field(_ key: StaticString, objects: [some WritesOwnJSON]) {
        name(key)
        list(objects)
    }

    /// A field whose value was written before, by ``encodedList(_:)``.
    mutating func field(_ key: StaticString, encoded value: [UInt8]) {
        name(key)
        bytes.append(contentsOf: value)
    }

    /// A list of objects as a value on its own, to be written into answers with ``field(_:encoded:)``.
    static func encodedList(_ objects: [some WritesOwnJSON]) -> [UInt8] {
        var writer = JSONObjectWriter(capacity: 128 * objects.count + 2)
        writer.bytes.removeAll(keepingCapacity: true)
        writer.list(objects)
        return writer.bytes
    }

    private mutating func list(_ objects: [some WritesOwnJSON]) {
        bytes.append(UInt8(ascii: "["))
        for (index, object) in objects.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            nested(object)
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

    /// Writes `object` in braces at the current position, its keys checked on their own.
    private mutating func nested(_ object: some WritesOwnJSON) {
        bytes.append(UInt8(ascii: "{"))
        hasField = false
        #if DEBUG
            let outerKey = lastKey
            lastKey = nil
        #endif
        object.writeFields(to: &self)
        #if DEBUG
            lastKey = outerKey
        #endif
        bytes.append(UInt8(ascii: "}"))
        hasField = true
    }

    private mutating func name(_ key: StaticString) {
        #if DEBUG
            let text = key.description
            assert(lastKey.map { $0 < text } ?? true, "JSONObjectWriter: \(text) written out of order")
            lastKey = text
        #endif
        if hasField { bytes.append(UInt8(ascii: ",")) }
        hasField = true
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A JSON string as `JSONEncoder` escapes it: quote, backslash and control characters only. The runs
    /// between characters to escape are copied whole.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                escape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
        case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
        case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
        case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
        default:
            bytes.append(contentsOf: #"\u00"#.utf8)
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A response body that writes its own JSON with ``JSONObjectWriter``, identical to its `Encodable` form.
protocol WritesOwnJSON: Encodable {
    /// Writes the object's fields, in ascending key order as `.sortedKeys` puts them.
    func writeFields(to writer: inout JSONObjectWriter)
}

extension WritesOwnJSON {
    /// The object alone, e.g. as a response body.
    func json() -> [UInt8] {
        var writer = JSONObjectWriter(capacity: 1024)
        writeFields(to: &writer)
        return writer.finished()
    }
}
