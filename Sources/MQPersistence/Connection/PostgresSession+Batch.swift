import CLibPQ

extension PostgresSession {
    /// Runs `statements` in order, in one round trip, and returns each one's rows: for statements whose
    /// parameters do not depend on each other's answers. Inside ``transaction(_:)`` they are part of it
    /// (and carry its `BEGIN` when they are its first); outside one, they form one implicit transaction, so
    /// a statement that fails undoes the ones before it and the ones after it never run. The first
    /// failure is thrown.
    ///
    /// `committing` (inside ``transaction(_:)`` only) sends `COMMIT` in the same round trip, for a
    /// transaction's last statements: the transaction then ends here, committed, or rolled back when a
    /// statement fails.
    public func queries(_ statements: [(Statement, [String?])], committing: Bool = false) throws -> [[Row]] {
        guard !statements.isEmpty else { return [] }
        precondition(!committing || inTransaction, "queries(_:committing:) outside a transaction")
        precondition(!committed, "statements after their transaction's COMMIT")
        for (_, parameters) in statements { try LibPQ.requireStorable(parameters) }
        if operationSpan != nil { statementsRun += statements.map(\.0.name) }
        let beginning = beginPending
        beginPending = false
        let results = try exchange(statements, beginning: beginning, committing: committing)
        if committing { committed = true }
        return try zip(statements, results).map { statement, result in
            try check(result, expecting: PGRES_TUPLES_OK, PGRES_COMMAND_OK, columnsOf: statement.0.name)
        }
    }

    /// Sends `BEGIN` (when `beginning`), then each statement (prepared first where this connection has
    /// not yet), then `COMMIT` (when `committing`), with one sync point, in libpq's pipeline mode for the
    /// length of the exchange, and reads every answer. Returns the statements' results for the caller to
    /// read and free; throws the first error among them, freeing all. A sync point inside a transaction
    /// block does not end it.
    func exchange(_ statements: [(Statement, [String?])], beginning: Bool, committing: Bool = false) throws -> [OpaquePointer] {
        enum Sent { case begin, preparation(String), statement, commit }
        var sent: [Sent] = beginning ? [.begin] : []
        guard PQenterPipelineMode(handle) == 1 else { throw PostgresError.connectionLost(Self.message(PQerrorMessage(handle))) }
        var queued = !beginning || PQsendQueryParams(handle, "BEGIN", 0, nil, nil, nil, nil, 0) == 1
        var preparing: Set<String> = []
        for (statement, parameters) in statements where queued {
            let preparingHere = !prepared.contains(statement.name) && preparing.insert(statement.name).inserted
            queued = LibPQ.sendPrepared(statement, parameters, preparing: preparingHere, on: handle)
            if preparingHere { sent.append(.preparation(statement.name)) }
            sent.append(.statement)
        }
        if committing, queued {
            queued = PQsendQueryParams(handle, "COMMIT", 0, nil, nil, nil, nil, 0) == 1
            sent.append(.commit)
        }
        guard queued, PQpipelineSync(handle) == 1 else { throw PostgresError.connectionLost(Self.message(PQerrorMessage(handle))) }
        // Each query's results end with a NULL; the sync point's result ends the exchange.
        func next() -> OpaquePointer? { PQgetResult(handle) ?? PQgetResult(handle) }
        let answers = sent.map { _ in next() }
        let sync = next()
        let synced = sync.map { PQresultStatus($0) == PGRES_PIPELINE_SYNC } ?? false
        if let sync { PQclear(sync) }
        func clearAll() {
            for answer in answers { if let answer { PQclear(answer) } }
        }
        guard synced, !answers.contains(where: { $0 == nil }), PQexitPipelineMode(handle) == 1 else {
            clearAll()
            throw PostgresError.connectionLost(Self.message(PQerrorMessage(handle)))
        }
        let failed = zip(sent, answers).first { kind, answer in
            let status = PQresultStatus(answer!)
            if case .statement = kind { return status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK }
            return status != PGRES_COMMAND_OK
        }
        for (kind, answer) in zip(sent, answers) {
            if case .preparation(let name) = kind, PQresultStatus(answer!) == PGRES_COMMAND_OK { prepared.insert(name) }
        }
        if let (_, answer) = failed {
            let error = ResultReading.error(of: answer!, connectionIsBad: PQstatus(handle) != CONNECTION_OK)
            clearAll()
            throw error
        }
        var results: [OpaquePointer] = []
        for (kind, answer) in zip(sent, answers) {
            switch kind {
            case .begin, .preparation, .commit: PQclear(answer!)
            case .statement: results.append(answer!)
            }
        }
        return results
    }
}
