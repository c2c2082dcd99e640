import FoundationEssentials
import Hummingbird
import MQDomain

/// A request's JSON object, read with a size limit, with typed accessors that collect field errors
/// the way the old backend reported them.
struct RequestBody {
    private let fields: [String: JSONValue]
    private(set) var problems: [String: [String]] = [:]

    init(fields: [String: JSONValue]) {
        self.fields = fields
    }

    /// Reads and parses the body. An empty body is an empty object.
    static func read(_ request: Request, limit: Int = HTTPLimits.jsonBodyBytes) async throws -> RequestBody {
        let buffer = try await request.body.collect(upTo: limit)
        if buffer.readableBytes == 0 || buffer.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return RequestBody(fields: [:])
        }
        let bytes = Array(buffer.readableBytesView)
        if let fields = FlatJSONObject.parse(bytes) { return RequestBody(fields: fields) }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(LoneSurrogates.neutralised(bytes)))
        } catch {
            throw APIError.malformedJSON
        }
        guard case .object(let fields) = value else { throw APIError.bodyNotAnObject }
        return RequestBody(fields: fields)
    }

    func contains(_ key: String) -> Bool { fields[key] != nil }

    /// Text, or `nil` when absent. Numbers are taken as their text; `null` counts as absent only
    /// where `nullable`, and is otherwise an error like any other non-text value.
    mutating func string(_ key: String, nullable: Bool = false) -> String? {
        switch fields[key] {
        case nil: return nil
        case .string(let value)?: return value
        case .integer(let value)?: return String(value)
        case .number(let value)?: return String(value)
        case .null?:
            if !nullable { problem(key, "This field may not be null.") }
            return nil
        default:
            problem(key, "Not a valid string.")
            return nil
        }
    }

    /// For nullable fields that can also be cleared: `.some(nil)` when the client sent `null`.
    mutating func clearableString(_ key: String) -> String?? {
        guard fields[key] != nil else { return nil }
        if case .null? = fields[key] { return .some(nil) }
        return .some(string(key))
    }

    /// A whole number, also from its text; `nil` when absent.
    mutating func integer(_ key: String) -> Int? {
        guard let value = fields[key] else { return nil }
        if case .bool = value {
            problem(key, "A valid integer is required.")
            return nil
        }
        guard let number = value.integerValue else {
            problem(key, value == .null ? "This field may not be null." : "A valid integer is required.")
            return nil
        }
        return number
    }

    /// A number, also from its text; `nil` when absent or `null`.
    mutating func number(_ key: String) -> Double? {
        switch fields[key] {
        case nil, .null?: return nil
        case .integer(let value)?: return Double(value)
        case .number(let value)?: return value
        case .string(let text)?:
            if let value = Coordinate.degrees(text) { return value }
            problem(key, "A valid number is required.")
            return nil
        default:
            problem(key, "A valid number is required.")
            return nil
        }
    }

    /// The optional position a check-in may carry: `latitude`, `longitude` and `accuracy_m`.
    mutating func position() -> PositionReport {
        PositionReport(latitude: number("latitude"), longitude: number("longitude"), accuracyMeters: number("accuracy_m"))
    }

    /// An object handed to `read` as a body of its own: `nil` when absent, `.some(nil)` for `null`.
    mutating func object<T>(_ key: String, _ read: (inout RequestBody) -> T) -> T?? {
        guard let value = fields[key] else { return nil }
        if case .null = value { return .some(nil) }
        guard case .object(let fields) = value else {
            problem(key, "Expected a dictionary of items but got type \"\(value.typeName)\".")
            return nil
        }
        return .some(nested(fields, under: key, prefix: "", read))
    }

    /// An array of texts; `nil` when absent.
    mutating func strings(_ key: String) -> [String]? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .array(let items) = value else {
            problem(key, "Expected a list of items but got type \"\(value.typeName)\".")
            return nil
        }
        var texts: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                problem(key, "Item \(index): Not a valid string.")
                continue
            }
            texts.append(text)
        }
        return texts
    }

    /// An array of objects, each handed to `element` as a body of its own; `nil` when absent.
    mutating func objects<T>(_ key: String, _ element: (inout RequestBody) -> T) -> [T]? {
        guard let value = fields[key] else { return nil }
        if case .null = value { return [] }
        guard case .array(let items) = value else {
            problem(key, "Expected a list of items but got type \"\(value.typeName)\".")
            return nil
        }
        var results: [T] = []
        for (index, item) in items.enumerated() {
            guard case .object(let fields) = item else {
                problem(key, "Item \(index): expected an object.")
                continue
            }
            results.append(nested(fields, under: key, prefix: "Item \(index) ", element))
        }
        return results
    }

    /// Throws the collected type errors, if any.
    func throwIfProblems() throws {
        if !problems.isEmpty { throw APIError.fields(FieldErrorsBody(messages: problems)) }
    }

    /// Records a refusal the caller decided on, beside the type errors.
    mutating func refuse(_ key: String, _ message: String) {
        problem(key, message)
    }

    /// Reads `fields` as a body of its own; its problems become `key`'s, each led by `prefix` and the inner field.
    private mutating func nested<T>(_ fields: [String: JSONValue], under key: String, prefix: String, _ read: (inout RequestBody) -> T) -> T {
        var body = RequestBody(fields: fields)
        let result = read(&body)
        for (field, messages) in body.problems {
            for message in messages { problem(key, "\(prefix)\(field): \(message)") }
        }
        return result
    }

    private mutating func problem(_ key: String, _ message: String) {
        problems[key, default: []].append(message)
    }
}

extension JSONValue {
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .integer, .number: "number"
        case .string: "str"
        case .array: "list"
        case .object: "dict"
        }
    }
}
