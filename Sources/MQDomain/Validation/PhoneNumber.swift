/// Phone numbers are stored as 1 to 10 digits, unique across players.
public enum PhoneNumber {
    public static let maximumLength = 10
    public static let invalidMessage = "Enter a valid phone number: 1 to 10 digits."

    /// The digits as stored, `nil` for "no phone number" (an empty value), or a thrown message.
    public static func normalized(_ raw: String) throws(FieldErrors) -> String? {
        let trimmed = raw.trimmingWhitespace()
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= maximumLength, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldErrors("phone_no", invalidMessage)
        }
        return trimmed
    }
}
