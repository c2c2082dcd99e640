import Foundation
import MQPersistence
import MQTestSupport
import Testing

@Suite("Rows are read by column name and fail loudly")
struct RowDecodingTests {
    @Test func valuesAreReadByNameIntoTypes() async throws {
        let pool = ConnectionPool(settings: try await TestDatabase.fresh(poolSize: 1))
        let row = try #require(
            try await pool.withSession { session in
                try session.query(
                    Statement(
                        "row_types",
                        """
                        SELECT 'Banff' AS name, 42 AS points, true AS open, NULL::text AS note, \
                        (extract(epoch from timestamptz '2025-11-05 21:10:32.998848+00') * 1000000)::bigint AS at
                        """))
            }.first)
        #expect(try row.string("name") == "Banff")
        #expect(try row.int("points") == 42)
        #expect(try row.bool("open"))
        #expect(try row.optionalString("note") == nil)
        #expect(try row.optionalInt("note") == nil)
        #expect(try row.date("at") == Date(timeIntervalSince1970: 1_762_377_032.998848))
    }

    @Test func aMissingColumnNullOrGarbageThrowsInsteadOfDefaulting() async throws {
        let pool = ConnectionPool(settings: try await TestDatabase.fresh(poolSize: 1))
        let row = try #require(
            try await pool.withSession { session in
                try session.query(Statement("row_mismatches", "SELECT NULL::text AS missing, 'abc' AS word, 'yes' AS answer"))
            }.first)
        #expect(throws: RowDecodingError.self) { try row.string("missing") }
        #expect(throws: RowDecodingError.self) { try row.int("word") }
        #expect(throws: RowDecodingError.self) { try row.bool("answer") }
        #expect(throws: RowDecodingError.self) { try row.date("word") }
        #expect(throws: RowDecodingError.self) { try row.string("never_selected") }
    }

    /// A connection prepares a statement once under its name, so two statements sharing a name would run
    /// each other's SQL. Every literal name in the module must be unique.
    @Test func everyPreparedStatementNameIsUnique() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/MQPersistence")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        let pattern = try Regex(#"Statement\(\s*"([^"\\]+)""#)
        var names: [String: [String]] = [:]
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { names[String(name), default: []].append(file.lastPathComponent) }
            }
        }
        #expect(names.count > 80, "the scan found the statements")
        let repeated = names.filter { $0.value.count > 1 }
        #expect(repeated.isEmpty, "names used twice: \(repeated)")
    }
}
