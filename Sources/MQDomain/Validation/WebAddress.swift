import FoundationEssentials

/// The URL rule of the old backend's `URLField`: an absolute http(s) URL of at most 200 characters.
public enum WebAddress {
    public static let maximumLength = 200

    public static func isValid(_ text: String) -> Bool {
        guard TextLimit.length(text) <= maximumLength,
            !text.contains(where: { $0.isWhitespace }),
            TextLimit.isStorable(text),
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// Adds the field's messages to `errors` when `text` is not an acceptable URL.
    static func check(_ text: String, field: String, into errors: inout FieldErrors) {
        if TextLimit.length(text) > maximumLength {
            errors.add(field, FieldMessage.tooLong(maximumLength))
        } else if !isValid(text) {
            errors.add(field, FieldMessage.invalidURL)
        }
    }
}
