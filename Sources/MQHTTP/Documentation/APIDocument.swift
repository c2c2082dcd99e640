import Foundation
import Yams

/// The published contract: `Resources/openapi.yaml` (also at `docs/openapi.yaml`), read once, served as
/// JSON at `/openapi.json` and as a page for people at `/docs/`. There is no second copy to drift.
public struct APIDocument: Sendable {
    /// The document as JSON, ready to send.
    public let json: Data
    /// The document rendered as one self-contained HTML page.
    public let html: String
    /// Every path and its methods, as the document lists them (for the drift test).
    public let operations: [String: [String]]

    /// The document the server ships.
    public static let shipped: APIDocument = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            preconditionFailure("openapi.yaml is missing from \(Bundle.module.bundlePath); the build is broken")
        }
        do {
            return try APIDocument(yaml: try String(contentsOf: url, encoding: .utf8))
        } catch {
            preconditionFailure("the bundled openapi.yaml cannot be read: \(error)")
        }
    }()

    public init(yaml: String) throws {
        guard let plain = Self.jsonCompatible(try Yams.load(yaml: yaml) as Any) as? [String: Any] else { throw DocumentError.notAnObject }
        json = try JSONSerialization.data(withJSONObject: plain, options: [.sortedKeys, .withoutEscapingSlashes])
        let paths = plain["paths"] as? [String: [String: Any]] ?? [:]
        operations = paths.mapValues { item in item.keys.filter(Self.methods.contains).sorted() }
        html = DocumentPage.render(plain)
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    enum DocumentError: Error {
        case notAnObject
    }

    /// YAML's values as JSONSerialization takes them (YAML may hold dates and non-string keys; this
    /// document holds neither, but the conversion says so rather than crash).
    private static func jsonCompatible(_ value: Any) -> Any {
        switch value {
        case let object as [String: Any]: object.mapValues(jsonCompatible)
        case let object as [AnyHashable: Any]: Dictionary(uniqueKeysWithValues: object.map { ("\($0.key)", jsonCompatible($0.value)) })
        case let array as [Any]: array.map(jsonCompatible)
        case is String, is Int, is Double, is Bool, is NSNull: value
        case let date as Date: ISO8601DateFormatter().string(from: date)
        default: "\(value)"
        }
    }
}
