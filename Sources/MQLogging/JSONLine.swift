/// Writes one JSON object as UTF-8 bytes, for log lines: written by hand because a log line is written
/// for every request, and a `JSONEncoder` per line cost as much as the request it described.
struct JSONLine {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(512)
    }

    /// Writes `fields` as one object, keys in sorted order, followed by a newline. Of fields with the
    /// same name, the last one given is written.
    static func object(_ fields: [(key: String, value: LogValue)]) -> [UInt8] {
        let order = fields.indices.sorted { (fields[$0].key, $0) < (fields[$1].key, $1) }
        var line = JSONLine()
        line.bytes.append(UInt8(ascii: "{"))
        for (position, index) in order.enumerated() {
            if position + 1 < order.count, fields[order[position + 1]].key == fields[index].key { continue }
            if line.bytes.count > 1 { line.bytes.append(UInt8(ascii: ",")) }
            line.write(fields[index].key)
            line.bytes.append(UInt8(ascii: ":"))
            line.write(fields[index].value)
        }
        line.bytes.append(contentsOf: "}\n".utf8)
        return line.bytes
    }

    mutating func write(_ value: LogValue) {
        switch value {
        case .string(let text): write(text)
        case .integer(let number): bytes.append(contentsOf: String(number).utf8)
        case .number(let number): bytes.append(contentsOf: String(number).utf8)
        case .array(let values):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let fields):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(key)
                bytes.append(UInt8(ascii: ":"))
                write(fields[key]!)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as UTF-8,
    /// copied in runs between the bytes that need escaping.
    mutating func write(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where Self.needsEscaping(byte) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                escape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
