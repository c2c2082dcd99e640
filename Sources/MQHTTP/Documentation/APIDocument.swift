import FoundationEssentials

/// The published contract: `Resources/openapi.yaml` (also at `docs/openapi.yaml`), embedded at build time
/// as JSON with its keys sorted, served at `/openapi.json` and as a page for people at `/docs/`. There is no
/// second copy to drift.
public struct APIDocument: Sendable {
    /// The document as JSON, ready to send.
    public let json: Data
    /// The document rendered as one self-contained HTML page.
    public let html: String
    /// Every path and its methods, as the document lists them (for the drift test).
    public let operations: [String: [String]]

    /// The shipped document's JSON as embedded at build time, ready to send without parsing it.
    public static let shippedJSON: Data = {
        guard let json = EmbeddedResources.files["openapi.json"] else {
            preconditionFailure("openapi.json was not embedded from Resources/openapi.yaml; the build is broken")
        }
        return Data(json.utf8)
    }()

    /// The document the server ships, parsed (and its page rendered) on first use: the server starts
    /// without paying for it, and the first `/docs/` request does.
    public static let shipped: APIDocument = {
        do {
            return try APIDocument(json: shippedJSON)
        } catch {
            preconditionFailure("the embedded OpenAPI document cannot be read: \(error)")
        }
    }()

    public init(json: Data) throws {
        guard let plain = try JSONDecoder().decode(JSONValue.self, from: json).plain as? [String: Any] else {
            throw DocumentError.notAnObject
        }
        self.json = json
        let paths = plain["paths"] as? [String: [String: Any]] ?? [:]
        operations = paths.mapValues { item in item.keys.filter(Self.methods.contains).sorted() }
        html = DocumentPage.render(plain)
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    enum DocumentError: Error {
        case notAnObject
    }
}

extension JSONValue {
    /// The value as nested dictionaries, arrays and scalars, as the documentation page walks it.
    fileprivate var plain: Any {
        switch self {
        case .null: JSONNull()
        case .bool(let flag): flag
        case .integer(let number): number
        case .number(let number): number
        case .string(let text): text
        case .array(let values): values.map(\.plain)
        case .object(let members): members.mapValues(\.plain)
        }
    }
}

/// JSON's `null` inside a plain document; it reads as `null` on the page.
private struct JSONNull: CustomStringConvertible {
    var description: String { "null" }
}
