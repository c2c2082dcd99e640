/// Lower-case hexadecimal text for bytes (digests, signatures, random identifiers).
public enum Hexadecimal {
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            text.unicodeScalars.append(Unicode.Scalar(digit(byte >> 4)))
            text.unicodeScalars.append(Unicode.Scalar(digit(byte & 0x0F)))
        }
        return text
    }

    /// The 16 digits of a 64-bit value, leading zeros kept.
    public static func string(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            write(value, into: buffer, at: 0)
            return 16
        }
    }

    /// The 32 digits of a 128-bit value given as its two halves, leading zeros kept.
    public static func string(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            write(high, into: buffer, at: 0)
            write(low, into: buffer, at: 16)
            return 32
        }
    }

    private static func write(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        for position in 0..<16 {
            buffer[start + position] = digit(UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(position))) & 0x0F)
        }
    }

    /// The lower-case digit of a value below 16, as its ASCII byte.
    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
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
