/// JSON may spell a lone UTF-16 surrogate (`"\ud800"`), which no Swift string — and no PostgreSQL text —
/// can hold. Rather than refuse the whole body as malformed, each lone surrogate escape is rewritten as
/// `\u0000` before decoding, so the field that holds it is refused by the same rule as a NUL: the client
/// learns which field is wrong.
enum LoneSurrogates {
    /// `json` with every unpaired surrogate escape inside a string replaced by `\u0000`.
    static func neutralised(_ json: [UInt8]) -> [UInt8] {
        guard json.contains(UInt8(ascii: "\\")) else { return json }
        var output = json
        var index = 0
        var inString = false
        while index < output.count {
            let byte = output[index]
            if !inString {
                if byte == UInt8(ascii: "\"") { inString = true }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = false
                index += 1
            } else if byte == UInt8(ascii: "\\") {
                guard let unit = codeUnit(output, at: index) else {
                    index += 2
                    continue
                }
                if (0xD800...0xDBFF).contains(unit), let next = codeUnit(output, at: index + 6), (0xDC00...0xDFFF).contains(next) {
                    index += 12
                } else if (0xD800...0xDFFF).contains(unit) {
                    output.replaceSubrange((index + 2)..<(index + 6), with: Array("0000".utf8))
                    index += 6
                } else {
                    index += 6
                }
            } else {
                index += 1
            }
        }
        return output
    }

    /// The code unit of a `\uXXXX` escape starting at `index`, if there is one.
    private static func codeUnit(_ bytes: [UInt8], at index: Int) -> UInt16? {
        guard index + 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
        var value: UInt16 = 0
        for byte in bytes[(index + 2)..<(index + 6)] {
            guard let digit = hexDigit(byte) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
