/// What is wrong with one field: a message in words, or a fact the HTTP layer puts in its clients' words.
public enum FieldProblem: Sendable, Equatable, CustomStringConvertible {
    case message(String)
    /// The field names an object (by this identifier) that does not exist.
    case unknownReference(String)

    /// Plain words, for operators and the console; MQHTTP words it for the app.
    public var description: String {
        switch self {
        case .message(let text): text
        case .unknownReference(let id): "Nothing has the identifier \"\(id)\"."
        }
    }
}

/// Validation problems per request field, in the order they were found, e.g. `["email": ["Enter a valid email address."]]`.
public struct FieldErrors: Sendable, Equatable, Error {
    public private(set) var problems: [String: [FieldProblem]] = [:]
    /// Field names in the order their first problem was added, so a summary reads predictably.
    public private(set) var fields: [String] = []

    public init() {}

    public init(_ field: String, _ message: String) {
        add(field, message)
    }

    public init(_ field: String, _ problem: FieldProblem) {
        add(field, problem)
    }

    public var isEmpty: Bool { fields.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        add(field, .message(message))
    }

    public mutating func add(_ field: String, _ problem: FieldProblem) {
        if problems[field] == nil { fields.append(field) }
        problems[field, default: []].append(problem)
    }

    public mutating func merge(_ other: FieldErrors) {
        for field in other.fields {
            for problem in other.problems[field] ?? [] { add(field, problem) }
        }
    }

    /// Each field's problems in plain words.
    public var messages: [String: [String]] { messages(wording: \.description) }

    /// Each field's problems in the words `wording` chooses.
    public func messages(wording: (FieldProblem) -> String) -> [String: [String]] {
        problems.mapValues { $0.map(wording) }
    }

    /// A one-line human summary, e.g. `"email: Enter a valid email address."`.
    public var summary: String { summary(wording: \.description) }

    public func summary(wording: (FieldProblem) -> String) -> String {
        fields.map { "\($0): \((problems[$0] ?? []).map(wording).joined(separator: " "))" }.joined(separator: " ")
    }

    /// Throws `MapleQuestError.invalid` when any problem was collected.
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
