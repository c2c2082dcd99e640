import CLibPQ

/// What the blocking sessions and the pipeline do alike with libpq: open a connection, check
/// parameters, and queue a prepared statement in pipeline mode.
enum LibPQ {
    /// Connects with libpq's blocking call (TLS, timeouts and session settings from `settings`), with
    /// server notices silenced. Throws ``PostgresError/connectionLost(_:)`` when the server cannot be reached.
    /// `applicationName` is what `pg_stat_activity` shows for the connection.
    static func connect(_ settings: DatabaseSettings, applicationName: String = "mq-server") throws -> OpaquePointer {
        let parameters = settings.connectionParameters + [("application_name", applicationName)]
        let connection = withCStrings(parameters.map(\.0) + [nil]) { keywords in
            withCStrings(parameters.map(\.1) + [nil]) { values in
                PQconnectdbParams(keywords, values, 0)
            }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { ResultReading.message(PQerrorMessage($0)) } ?? "out of memory"
            if let connection { PQfinish(connection) }
            throw PostgresError.connectionLost(message)
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        return connection
    }

    /// Throws ``PostgresError/unstorableText`` when a parameter holds a NUL, which PostgreSQL cannot store,
    /// so nothing is sent.
    static func requireStorable(_ parameters: [String?]) throws {
        guard !parameters.contains(where: { $0.map(holdsNUL) == true }) else { throw PostgresError.unstorableText }
    }

    /// Searches the text's bytes in place: the generic search over `String.UTF8View` cost more than
    /// reading the answer of the statement it guarded.
    private static func holdsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(0) } ?? text.utf8.contains(0)
    }

    /// Whether a TLS connection's OpenSSL holds decrypted bytes that libpq has not read yet.
    ///
    /// libpq reads into whatever its buffer has free (at least 8 KiB), and a TLS record holds up to
    /// 16 KiB: PostgreSQL 17 and later send long messages in full-size records. The rest of a record
    /// read in part stays in OpenSSL, already taken off the socket, so the socket does not turn readable
    /// for it; whoever waits for the socket must read again while this is `true` (libpq's own blocking
    /// wait does the same).
    static func holdsUnreadTLSInput(_ handle: OpaquePointer) -> Bool {
        guard let ssl = PQsslStruct(handle, "OpenSSL") else { return false }
        return SSL_pending(ssl) > 0
    }

    /// Queues `statement` with bound parameters on a connection in pipeline mode, its preparation first
    /// when `preparing`. `false` when libpq could not queue them (the connection is broken).
    static func sendPrepared(_ statement: Statement, _ parameters: [String?], preparing: Bool, on handle: OpaquePointer) -> Bool {
        let count = Int32(parameters.count)
        guard !preparing || PQsendPrepare(handle, statement.name, statement.sql, count, nil) == 1 else { return false }
        return withCStrings(parameters) { PQsendQueryPrepared(handle, statement.name, count, $0, nil, nil, 0) } == 1
    }
}
