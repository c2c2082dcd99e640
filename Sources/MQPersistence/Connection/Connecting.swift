import CLibPQ

/// Opening a libpq connection, shared by the blocking sessions and the pipeline.
enum LibPQ {
    /// Connects with libpq's blocking call (TLS, timeouts and session settings from `settings`), with
    /// server notices silenced. Throws ``PostgresError/connectionLost(_:)`` when the server cannot be reached.
    static func connect(_ settings: DatabaseSettings) throws -> OpaquePointer {
        let parameters = settings.connectionParameters
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
}
