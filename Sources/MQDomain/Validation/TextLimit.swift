/// Rules every piece of text must meet before a store keeps it: the length limits of the old backend's
/// columns, counted as PostgreSQL counts them (code points, not the grapheme clusters `String.count`
/// gives: `"a"` followed by sixty combining accents is one `Character` but sixty-one code points), and no
/// NUL, which PostgreSQL's text cannot hold.
enum TextLimit {
    static let personName = 50
    static let locationName = 100
    static let province = 100
    static let coordinate = 50
    static let password = 1024
    /// Free text without a column limit (notes, captions, descriptions) is still bounded.
    static let freeText = 10_000

    static let nulMessage = "Null characters are not allowed."

    /// Adds a message to `errors` when `text` holds a NUL or exceeds `limit` code points.
    static func check(_ text: String, limit: Int, field: String, into errors: inout FieldErrors) {
        if text.unicodeScalars.contains("\u{0}") { errors.add(field, nulMessage) }
        if length(text) > limit { errors.add(field, FieldMessage.tooLong(limit)) }
    }

    /// Throws the field's error when `text` breaks the rules of ``check(_:limit:field:into:)``.
    static func require(_ text: String, limit: Int, field: String) throws(MapleQuestError) {
        var errors = FieldErrors()
        check(text, limit: limit, field: field, into: &errors)
        try errors.throwIfAny()
    }

    /// The length of `text` as a database column counts it.
    static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// Whether `text` can be stored or looked up at all.
    static func isStorable(_ text: String) -> Bool {
        !text.unicodeScalars.contains("\u{0}")
    }
}
