import FoundationEssentials
import Hummingbird
import MQDomain

/// A submitted `application/x-www-form-urlencoded` form.
struct ConsoleForm {
    /// Console forms are small; anything larger is refused.
    static let maximumBytes = 64 * 1024

    private let fields: [String: String]

    init(fields: [String: String]) {
        self.fields = fields
    }

    static func read(_ request: Request) async throws -> ConsoleForm {
        let buffer = try await request.body.collect(upTo: maximumBytes)
        return ConsoleForm(fields: parse(String(buffer: buffer)))
    }

    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        PercentEncoding.decode(text.replacing("+", with: " "))
    }

    subscript(_ name: String) -> String? {
        fields[name]
    }

    /// The field trimmed, or `nil` when it is missing or blank.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }
}
