/// Lower-case hexadecimal text for bytes (digests, signatures, random identifiers).
public enum Hexadecimal {
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            text.append(Self.digits[Int(byte >> 4)])
            text.append(Self.digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// The 16 digits of a 64-bit value, leading zeros kept.
    public static func string(_ value: UInt64) -> String {
        String(value, radix: 16).zeroPadded(to: 16)
    }

    private static let digits = Array("0123456789abcdef")
}

extension String {
    /// The text with zeros in front to make it at least `width` characters long.
    public func zeroPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension BinaryInteger {
    /// The decimal digits with zeros in front to make at least `width` of them: `7.zeroPadded(to: 2)` is `"07"`.
    public func zeroPadded(to width: Int) -> String {
        String(self).zeroPadded(to: width)
    }
}
