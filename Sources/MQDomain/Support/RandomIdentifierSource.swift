import FoundationEssentials

/// Identifiers from the system's random source, shaped like the old backend's.
public struct RandomIdentifierSource: IdentifierSource {
    public init() {}

    public func newUserID() -> UserID { String(UUID().uuidString.lowercased().prefix(15)) }
    public func newLocationID() -> LocationID { String(UUID().uuidString.lowercased().prefix(10)) }
    /// 32 hexadecimal digits: 128 random bits.
    public func newTokenID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hexadecimal.string(generator.next(), generator.next())
    }

    /// 8 hexadecimal digits: 32 random bits.
    public func newUploadName() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(Hexadecimal.string(generator.next()).prefix(8))
    }
}
