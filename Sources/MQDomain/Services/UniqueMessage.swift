/// The field errors for values another account already holds, in the old backend's words.
enum UniqueMessage {
    static let email = "user with this email already exists."
    static let phoneNumber = "user with this phone no already exists."

    /// Runs a write and turns a uniqueness violation of the store into field errors: the store, not an
    /// earlier look-up, has the last word when two requests race for the same email or phone number.
    static func translating<T>(_ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let duplicate as DuplicateValue {
            switch duplicate.field {
            case .email: throw MapleQuestError.invalid(FieldErrors("email", email))
            case .phoneNumber: throw MapleQuestError.invalid(FieldErrors("phone_no", phoneNumber))
            default: throw MapleQuestError.rejected("That value is already taken.")
            }
        }
    }
}
