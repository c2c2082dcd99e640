/// The few protocol-buffer wire types OTLP's trace messages need, written by hand (proto3 rules:
/// default values are left out, except inside a `oneof`).
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    private mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private mutating func key(_ field: Int, wireType: UInt64) {
        varint(UInt64(field) << 3 | wireType)
    }

    private mutating func littleEndian<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func lengthDelimited(_ field: Int, _ content: some Collection<UInt8>) {
        key(field, wireType: 2)
        varint(UInt64(content.count))
        bytes.append(contentsOf: content)
    }

    mutating func string(_ field: Int, _ value: String) {
        if !value.isEmpty { lengthDelimited(field, value.utf8) }
    }

    /// A `oneof` string: written even when empty.
    mutating func stringAlways(_ field: Int, _ value: String) {
        lengthDelimited(field, value.utf8)
    }

    mutating func message(_ field: Int, _ write: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        write(&inner)
        lengthDelimited(field, inner.bytes)
    }

    mutating func uint(_ field: Int, _ value: UInt64, always: Bool = false) {
        guard always || value != 0 else { return }
        key(field, wireType: 0)
        varint(value)
    }

    mutating func int64(_ field: Int, _ value: Int64, always: Bool = false) {
        uint(field, UInt64(bitPattern: value), always: always)
    }

    mutating func bool(_ field: Int, _ value: Bool, always: Bool = false) {
        uint(field, value ? 1 : 0, always: always)
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        guard value != 0 else { return }
        key(field, wireType: 1)
        littleEndian(value)
    }

    mutating func fixed32(_ field: Int, _ value: UInt32) {
        guard value != 0 else { return }
        key(field, wireType: 5)
        littleEndian(value)
    }

    mutating func double(_ field: Int, _ value: Double, always: Bool = false) {
        guard always || value != 0 else { return }
        key(field, wireType: 1)
        littleEndian(value.bitPattern)
    }
}
