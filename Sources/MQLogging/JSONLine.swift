/// Writes one JSON object as UTF-8 bytes, for log lines: written by hand because a log line is written
/// for every request, and a `JSONEncoder` per line cost as much as the request it described.
struct JSONLine {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(512)
    }

    /// Writes `fields` as one object, keys in sorted order, followed by a newline. Of fields with the
    /// same name, the last one given is written.
    static func object(_ fields: [LogField]) -> [UInt8] {
        let order = sortedIndices(fields)
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

    /// The fields' positions in key order, fields of one name in the order given: an insertion sort of
    /// positions, which for a line's dozen fields beats the standard library's sort and its generic
    /// comparisons, and moves no field.
    private static func sortedIndices(_ fields: [LogField]) -> [Int] {
        var order = Array(fields.indices)
        for next in order.indices.dropFirst() {
            let index = order[next]
            var slot = next
            while slot > 0, fields[index].key < fields[order[slot - 1]].key {
                order[slot] = order[slot - 1]
                slot -= 1
            }
            order[slot] = index
        }
        return order
    }

    mutating func write(_ value: LogValue) {
        switch value {
        case .string(let text): write(text)
        case .integer(let number): write(number)
        case .number(let number): write(number)
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

    /// Decimal digits, most significant first.
    private mutating func write(_ number: Int64) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var divisor: UInt64 = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// A finite number. One with at most two decimals (a duration in milliseconds) is written from its
    /// hundredths, which reads back as exactly the same `Double`; any other as Swift's shortest form.
    private mutating func write(_ number: Double) {
        let hundredths = (number * 100).rounded()
        guard hundredths.magnitude < 1e15, hundredths / 100 == number else {
            bytes.append(contentsOf: number.description.utf8)
            return
        }
        let whole = Int64(hundredths)
        if whole < 0 { bytes.append(UInt8(ascii: "-")) }
        write(Int64(whole.magnitude / 100))
        let cents = Int(whole.magnitude % 100)
        guard cents > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
        if cents % 10 > 0 { bytes.append(UInt8(ascii: "0") + UInt8(cents % 10)) }
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
