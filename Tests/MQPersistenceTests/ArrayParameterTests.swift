import MQTestSupport
import Testing

@testable import MQPersistence

@Suite("Array parameters reach PostgreSQL as exactly the elements given")
struct ArrayParameterTests {
    @Test func everyElementComesBackWholeWhateverItHolds() async throws {
        let elements = ["", "plain", "with space", "a,b", "{braces}", #"quote""#, #"back\slash"#, #"\"both\""#, "NULL", "é😀", "\t\n"]
        let pool = ConnectionPool(settings: try await TestDatabase.fresh(poolSize: 1))
        let rows = try await pool.withSession { session in
            try session.query(
                Statement("array_round_trip", "SELECT element FROM unnest($1::varchar[]) WITH ORDINALITY AS t(element, position) ORDER BY position"),
                [arrayParameter(elements)])
        }
        #expect(try rows.map { try $0.string("element") } == elements)
    }

    @Test func anEmptyListIsAnEmptyArray() {
        #expect(arrayParameter([]) == "{}")
    }
}
