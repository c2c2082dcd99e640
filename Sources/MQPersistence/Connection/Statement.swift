/// A SQL statement with a name, prepared once per connection the first time it runs there.
/// Its parameters are always bound, never spliced into the text.
public struct Statement: Sendable, Hashable {
    public let name: String
    public let sql: String

    public init(_ name: String, _ sql: String) {
        self.name = name
        self.sql = sql
    }
}
