/// Validation messages per request field, in the order they were found, e.g. `["email": ["Enter a valid email address."]]`.
public struct FieldErrors: Sendable, Equatable, Error {
    public private(set) var messages: [String: [String]] = [:]
    /// Field names in the order their first message was added, so a summary reads predictably.
    public private(set) var fields: [String] = []

    public init() {}

    public init(_ field: String, _ message: String) {
        add(field, message)
    }

    public var isEmpty: Bool { fields.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { fields.append(field) }
        messages[field, default: []].append(message)
    }

    public mutating func merge(_ other: FieldErrors) {
        for field in other.fields {
            for message in other.messages[field] ?? [] { add(field, message) }
        }
    }

    /// A one-line human summary, e.g. `"email: Enter a valid email address."`.
    public var summary: String {
        fields.map { "\($0): \((messages[$0] ?? []).joined(separator: " "))" }.joined(separator: " ")
    }

    /// Throws `MapleQuestError.invalid` when any message was collected.
    public func throwIfAny() throws(MapleQuestError) {
        if !isEmpty { throw .invalid(self) }
    }
}

/// The messages the old backend's framework used, so that clients see the same words.
public enum FieldMessage {
    public static let required = "This field is required."
    public static let blank = "This field may not be blank."
    public static let null = "This field may not be null."
    public static let invalidEmail = "Enter a valid email address."
    public static let invalidURL = "Enter a valid URL."
    public static func tooLong(_ limit: Int) -> String { "Ensure this field has no more than \(limit) characters." }
    public static func atLeast(_ minimum: Int) -> String { "Ensure this value is greater than or equal to \(minimum)." }
    public static func atMost(_ maximum: Int) -> String { "Ensure this value is less than or equal to \(maximum)." }
    public static func tooManyItems(_ maximum: Int) -> String { "Ensure this field has no more than \(maximum) elements." }
    public static func tooManyPhotos(_ maximum: Int) -> String { "A visit can carry at most \(maximum) photos." }
}
