import FoundationEssentials

/// Identifiers from the system's random source, shaped like the old backend's.
public struct RandomIdentifierSource: IdentifierSource {
    public init() {}

    public func newUserID() -> UserID { String(UUID().uuidString.lowercased().prefix(15)) }
    public func newLocationID() -> LocationID { String(UUID().uuidString.lowercased().prefix(10)) }
    public func newTokenID() -> String { Self.randomHex(bytes: 16) }
    public func newUploadName() -> String { Self.randomHex(bytes: 4) }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
