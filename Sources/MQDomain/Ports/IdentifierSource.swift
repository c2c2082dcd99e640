/// Fresh identifiers and random names, injectable so that tests can predict them.
public protocol IdentifierSource: Sendable {
    /// The first 15 characters of a random UUID string, e.g. `"1b9d6bcd-bbfd-4"`.
    func newUserID() -> UserID
    /// The first 10 characters of a random UUID string.
    func newLocationID() -> LocationID
    /// 32 lower-case hexadecimal characters, for a token's `jti`.
    func newTokenID() -> String
    /// 8 lower-case hexadecimal characters, for an uploaded photo's object name.
    func newUploadName() -> String
}
