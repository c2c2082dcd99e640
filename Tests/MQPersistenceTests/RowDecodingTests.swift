import Foundation
import MQTestSupport
import Testing

@testable import MQPersistence

@Suite("Rows are read by column name and fail loudly")
struct RowDecodingTests {
    /// The first row `statement` answers on a fresh database.
    func onlyRow(_ statement: Statement) async throws -> Row {
        let pool = ConnectionPool(settings: try await TestDatabase.fresh(poolSize: 1))
        return try #require(try await pool.withSession { session in try session.query(statement) }.first)
    }

    @Test func valuesAreReadByNameIntoTypes() async throws {
        let row = try await onlyRow(
            Statement(
                "row_types",
                """
                SELECT 'Banff' AS name, 42 AS points, true AS open, NULL::text AS note, \
                (extract(epoch from timestamptz '2025-11-05 21:10:32.998848+00') * 1000000)::bigint AS at
                """))
        #expect(try row.string("name") == "Banff")
        #expect(try row.int("points") == 42)
        #expect(try row.bool("open"))
        #expect(try row.optionalString("note") == nil)
        #expect(try row.optionalInt("note") == nil)
        #expect(try row.date("at") == Date(timeIntervalSince1970: 1_762_377_032.998848))
    }

    @Test func aMissingColumnNullOrGarbageThrowsInsteadOfDefaulting() async throws {
        let row = try await onlyRow(Statement("row_mismatches", "SELECT NULL::text AS missing, 'abc' AS word, 'yes' AS answer"))
        #expect(throws: RowDecodingError.self) { try row.string("missing") }
        #expect(throws: RowDecodingError.self) { try row.int("word") }
        #expect(throws: RowDecodingError.self) { try row.bool("answer") }
        #expect(throws: RowDecodingError.self) { try row.date("word") }
        #expect(throws: RowDecodingError.self) { try row.string("never_selected") }
    }

    @Test func integersAreReadAsSwiftReadsDecimalText() async throws {
        let texts = [
            "0", "-0", "+7", "0012", "-42", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "-9223372036854775809", "", "-", "+", " 5", "5 ", "1e3", "4.0", "١٢", "--1", "+-1",
        ]
        let pool = ConnectionPool(settings: try await TestDatabase.fresh(poolSize: 1))
        let rows = try await pool.withSession { session in
            try session.query(Statement("row_integer_texts", "SELECT unnest($1::text[]) AS text"), [arrayParameter(texts)])
        }
        #expect(rows.count == texts.count)
        for (row, text) in zip(rows, texts) {
            if let expected = Int(text) {
                #expect(try row.int("text") == expected, "\(text)")
            } else {
                #expect(throws: RowDecodingError.self, "\(text)") { try row.int("text") }
            }
        }
    }

    @Test func aNullIsToldApartWithoutReadingTheValue() async throws {
        let row = try await onlyRow(Statement("row_nulls", "SELECT NULL::text AS nothing, '' AS empty, 'f' AS no"))
        #expect(try row.isNull("nothing"))
        #expect(try !row.isNull("empty"))
        #expect(try row.string("empty") == "")
        #expect(try row.bool("no") == false)
        #expect(throws: RowDecodingError.self) { try row.isNull("never_selected") }
    }

    /// Rows read their values in place from the statement's result, which lives as long as any of them.
    @Test func rowsStayReadableAfterTheirSiblingsAndTheirConnectionMovedOn() async throws {
        let pipeline = StatementPipeline(settings: try await TestDatabase.fresh(poolSize: 1))
        let statement = Statement("row_series", "SELECT n, 'player ' || n AS name FROM generate_series(1, 200) AS n")
        var kept: [Row] = []
        for _ in 0..<5 {
            let rows = try await pipeline.query(statement)
            kept.append(rows[rows.count - 1])
        }
        _ = try await pipeline.query(statement)
        for row in kept {
            #expect(try row.int("n") == 200)
            #expect(try row.string("name") == "player 200")
        }
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
