/// Length limits of the old backend's text columns.
enum TextLimit {
    static let personName = 50
    static let locationName = 100
    static let province = 100
    static let coordinate = 50
    static let password = 1024

    /// Adds a "too long" message to `errors` when `text` exceeds `limit` characters.
    static func check(_ text: String, limit: Int, field: String, into errors: inout FieldErrors) {
        if text.count > limit { errors.add(field, FieldMessage.tooLong(limit)) }
    }
}
