import Foundation
import MQPersistence
import MQTestSupport
import Testing

/// PostgreSQL over TLS, as the deployment reaches RDS (`DB_SSLMODE=verify-full`): the pipeline's
/// connections, which read answers when their sockets are readable, and the pool's, which wait in libpq.
@Suite("TLS to PostgreSQL: verified connections, and answers in full-size records")
struct TLSTests {
    static let encrypted = Statement("test_encrypted", "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    static let rows = Statement("test_rows", "SELECT repeat('x', $1::int) AS text FROM generate_series(1, $2::int)")

    @Test func pipelinedStatementsAndPooledSessionsAreEncryptedWithAVerifiedCertificate() async throws {
        var settings = try await TestDatabase.fresh()
        settings.sslMode = "verify-full"
        settings.sslRootCertificate = try TestDatabase.tlsCertificate().certificate
        let pipeline = StatementPipeline(settings: settings)
        #expect(try await pipeline.query(Self.encrypted)[0].bool("ssl"))
        let pool = ConnectionPool(settings: settings)
        #expect(try await pool.withSession { try $0.query(Self.encrypted)[0].bool("ssl") })
        await pool.closeIdleConnections()
    }

    /// The system's CA bundle is a real root, but not the one that signed the cluster's certificate.
    @Test func aCertificateTheRootDoesNotVouchForIsRefused() async throws {
        var settings = try await TestDatabase.fresh()
        settings.sslMode = "verify-full"
        settings.sslRootCertificate = "/etc/ssl/certs/ca-certificates.crt"
        let pipeline = StatementPipeline(settings: settings)
        let error = await #expect(throws: PostgresError.self) { try await pipeline.query(Self.encrypted) }
        guard case .connectionLost(let message)? = error else {
            Issue.record("refused with \(String(describing: error)), not as a lost connection")
            return
        }
        #expect(message.contains("certificate verify failed"), "\(message)")
    }

    /// libpq reads into what is free of its buffer, at least 8 KiB: a 16 KiB record can be read in part,
    /// and OpenSSL then keeps the rest where polling the socket cannot see it. Answers of many rows, of
    /// many sizes, end in such a part again and again; none may wait for bytes that never reach the socket.
    @Test func answersSentInFullSizeTLSRecordsArriveWhateverTheirSize() async throws {
        let proxy = try TLSRecordProxy()
        var settings = try await TestDatabase.fresh()
        settings.port = proxy.port
        settings.sslMode = "require"
        settings.pipelineConnections = 1
        let pipeline = StatementPipeline(settings: settings)
        for rowLength in [700, 2_900, 5_300, 9_100] {
            for rowCount in stride(from: 1, through: 40, by: 3) {
                let rows = try await pipeline.query(Self.rows, [String(rowLength), String(rowCount)])
                #expect(rows.count == rowCount)
                #expect(try rows.allSatisfy { try $0.string("text").utf8.count == rowLength })
            }
        }
        let answered = try await withThrowingTaskGroup(of: Int.self) { group in
            for request in 0..<100 {
                group.addTask { try await pipeline.query(Self.rows, [String(500 + request * 97), String(1 + request % 7)]).count }
            }
            return try await group.reduce(0, +)
        }
        #expect(answered == (0..<100).reduce(0) { $0 + 1 + $1 % 7 })
    }
}
