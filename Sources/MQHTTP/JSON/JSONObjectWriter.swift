import NIOCore

/// Writes one JSON object byte for byte as ``JSONReply``'s `JSONEncoder` writes it (keys sorted,
/// slashes unescaped), without `Codable`: encoding the caller's profile through `JSONEncoder` cost an
/// eighth of answering `GET /api/users/me/`, and a check-in's answer 13 % of the server's work for it.
/// Nested objects and lists write their fields into the same buffer (``WritesOwnJSON/writeFields(to:)``),
/// and a string without characters to escape is copied in one piece.
///
/// The buffer is memory of its own rather than an `[UInt8]`: every append to an array checks that the
/// array is not shared and has room, and those checks were most of writing a 51-player leaderboard. Here
/// a write checks for room only, and the writer is `~Copyable`, so the memory has one owner.
///
/// Fields must be written in ascending key order, as `.sortedKeys` would put them; a debug build checks.
/// `JSONObjectWriterTests` compares the output with `JSONEncoder`'s for random values.
struct JSONObjectWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether the object being written already has a field, so the next one follows a comma.
    private var hasField = false
    #if DEBUG
        private var lastKey: String?
    #endif

    init(capacity: Int = 256) {
        self.init(empty: capacity)
        put(UInt8(ascii: "{"))
    }

    private init(empty capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// A string field, `null` when `value` is `nil`.
    mutating func field(_ key: StaticString, _ value: String?) {
        name(key)
        guard let value else { return put("null") }
        string(value)
    }

    mutating func field(_ key: StaticString, _ value: Int) {
        name(key)
        if value < 0 { put(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var power: UInt = 1
        while power <= magnitude / 10 { power *= 10 }
        reserve(20)
        while power > 0 {
            start[count] = UInt8(ascii: "0") + UInt8(magnitude / power)
            count += 1
            magnitude %= power
            power /= 10
        }
    }

    /// A field holding an object that writes its own fields, `null` when `object` is `nil`.
    mutating func field(_ key: StaticString, object: (some WritesOwnJSON)?) {
        name(key)
        guard let object else { return put("null") }
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
        value.withUnsafeBufferPointer { put($0) }
    }

    /// A list of objects as a value on its own, to be written into answers with ``field(_:encoded:)``.
    static func encodedList(_ objects: [some WritesOwnJSON]) -> [UInt8] {
        var writer = JSONObjectWriter(empty: 128 * objects.count + 2)
        writer.list(objects)
        return writer.written()
    }

    private mutating func list(_ objects: [some WritesOwnJSON]) {
        put(UInt8(ascii: "["))
        for (index, object) in objects.enumerated() {
            if index > 0 { put(UInt8(ascii: ",")) }
            nested(object)
        }
        put(UInt8(ascii: "]"))
    }

    /// A list of strings.
    mutating func field(_ key: StaticString, strings: [String]) {
        name(key)
        put(UInt8(ascii: "["))
        for (index, text) in strings.enumerated() {
            if index > 0 { put(UInt8(ascii: ",")) }
            string(text)
        }
        put(UInt8(ascii: "]"))
    }

    /// The object's bytes, closed.
    consuming func finished() -> [UInt8] {
        put(UInt8(ascii: "}"))
        return written()
    }

    /// The object's bytes, closed, in a buffer ready to be a response body.
    consuming func finishedBuffer() -> ByteBuffer {
        put(UInt8(ascii: "}"))
        return ByteBuffer(bytes: UnsafeBufferPointer(start: start, count: count))
    }

    private func written() -> [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// Writes `object` in braces at the current position, its keys checked on their own.
    private mutating func nested(_ object: some WritesOwnJSON) {
        put(UInt8(ascii: "{"))
        hasField = false
        #if DEBUG
            let outerKey = lastKey
            lastKey = nil
        #endif
        object.writeFields(to: &self)
        #if DEBUG
            lastKey = outerKey
        #endif
        put(UInt8(ascii: "}"))
        hasField = true
    }

    private mutating func name(_ key: StaticString) {
        #if DEBUG
            let text = key.description
            assert(lastKey.map { $0 < text } ?? true, "JSONObjectWriter: \(text) written out of order")
            lastKey = text
        #endif
        key.withUTF8Buffer { key in
            reserve(key.count + 4)
            if hasField {
                start[count] = UInt8(ascii: ",")
                count += 1
            }
            hasField = true
            start[count] = UInt8(ascii: "\"")
            count += 1
            if let text = key.baseAddress { (start + count).update(from: text, count: key.count) }
            count += key.count
            start[count] = UInt8(ascii: "\"")
            start[count + 1] = UInt8(ascii: ":")
            count += 2
        }
    }

    /// A JSON string as `JSONEncoder` escapes it: quote, backslash and control characters only. The runs
    /// between characters to escape are copied whole.
    private mutating func string(_ value: String) {
        put(UInt8(ascii: "\""))
        // A native string's bytes are read in place; `withUTF8` alone would need a copy of the string.
        if value.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            var value = value
            value.withUTF8 { escaped($0) }
        }
        put(UInt8(ascii: "\""))
    }

    /// Eight bytes at a time while none needs escaping (most text has none), then byte by byte through
    /// the word that has one.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let bytes = utf8.baseAddress else { return }
        let words = UnsafeRawPointer(bytes)
        var runStart = 0
        var index = 0
        while index < utf8.count {
            if index + 8 <= utf8.count, !Self.anyNeedsEscaping(words.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            for position in index..<min(index + 8, utf8.count) {
                let byte = bytes[position]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                put(UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                escape(byte)
                runStart = position + 1
            }
            index += 8
        }
        put(UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    /// Whether any of the word's eight bytes is a control character, a quote or a backslash. Each test is
    /// the classic "has a byte below n" bit trick: a borrow can mark a byte wrongly only above one that
    /// was marked rightly, so the answer for the word as a whole is exact.
    @inline(__always)
    static func anyNeedsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let control = (word &- ones &* 0x20) & ~word
        let quoteFound = (quote &- ones) & ~quote
        let backslashFound = (backslash &- ones) & ~backslash
        return (control | quoteFound | backslashFound) & highBits != 0
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): put(#"\""#)
        case UInt8(ascii: "\\"): put(#"\\"#)
        case 0x08: put(#"\b"#)
        case 0x0C: put(#"\f"#)
        case UInt8(ascii: "\n"): put(#"\n"#)
        case UInt8(ascii: "\r"): put(#"\r"#)
        case UInt8(ascii: "\t"): put(#"\t"#)
        default:
            put(#"\u00"#)
            put(Self.hexDigits[Int(byte >> 4)])
            put(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func put(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    private mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { put($0) }
    }

    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (start + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Room for `extra` more bytes, doubling the buffer when it is short.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = grown
    }
}

/// A response body that writes its own JSON with ``JSONObjectWriter``, identical to its `Encodable` form.
protocol WritesOwnJSON: Encodable {
    /// Writes the object's fields, in ascending key order as `.sortedKeys` puts them.
    func writeFields(to writer: inout JSONObjectWriter)
}

extension WritesOwnJSON {
    /// The object alone.
    func json() -> [UInt8] {
        var writer = JSONObjectWriter(capacity: 1024)
        writeFields(to: &writer)
        return writer.finished()
    }

    /// The object alone, as a response body.
    func jsonBuffer() -> ByteBuffer {
        var writer = JSONObjectWriter(capacity: 1024)
        writeFields(to: &writer)
        return writer.finishedBuffer()
    }
}
