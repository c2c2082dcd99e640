/// How to reach PostgreSQL: the deployment's `DB_*` variables, typed.
public struct DatabaseSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var name: String
    public var user: String
    public var password: String
    /// libpq's `sslmode`: `disable`, `prefer` (the default), `require`, `verify-ca` or `verify-full`.
    public var sslMode: String
    /// A CA bundle for `verify-ca`/`verify-full`, e.g. the RDS global bundle.
    public var sslRootCertificate: String?
    /// Seconds to wait for a connection to be established.
    public var connectTimeout: Int
    /// Connections kept at most for operations of several statements and transactions.
    public var poolSize: Int
    /// Connections in pipeline mode that carry every single-statement operation, shared by all requests
    /// (see ``StatementPipeline``); `0` sends those through the pool too.
    public var pipelineConnections: Int
    /// How long a request waits for a free connection before it is answered 503.
    public var acquireTimeout: Duration
    /// The longest one statement may run (`statement_timeout`); a stuck query is cancelled and answered 503.
    public var statementTimeout: Duration
    /// The longest a statement waits for a row or table lock (`lock_timeout`), so a table locked by
    /// someone else delays only the requests that touch it, and only this long.
    public var lockTimeout: Duration
    /// A transaction left idle this long is ended by the server (`idle_in_transaction_session_timeout`).
    public var idleInTransactionTimeout: Duration
    /// Seconds of silence before TCP keepalive probes start, so a dead peer is noticed (`keepalives_idle`).
    public var keepalivesIdle: Int

    public init(
        host: String, port: Int = 5432, name: String = "postgres", user: String = "postgres", password: String = "",
        sslMode: String = "prefer", sslRootCertificate: String? = nil, connectTimeout: Int = 5,
        poolSize: Int = 8, pipelineConnections: Int = 2, acquireTimeout: Duration = .seconds(5), statementTimeout: Duration = .seconds(5),
        lockTimeout: Duration = .seconds(2), idleInTransactionTimeout: Duration = .seconds(10), keepalivesIdle: Int = 30
    ) {
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
        self.idleInTransactionTimeout = idleInTransactionTimeout
        self.keepalivesIdle = keepalivesIdle
        self.host = host
        self.port = port
        self.name = name
        self.user = user
        self.password = password
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.connectTimeout = connectTimeout
        self.poolSize = poolSize
        self.pipelineConnections = pipelineConnections
        self.acquireTimeout = acquireTimeout
    }

    /// libpq's keyword/value connection parameters. Passed as arrays, so no value needs quoting.
    ///
    /// GSSAPI encryption stays off (`gssencmode`): libpq would otherwise try it first wherever a Kerberos
    /// ticket is at hand, and the pipeline reads what TLS holds back from the socket (see
    /// `LibPQ.holdsUnreadTLSInput`), not what GSSAPI would.
    var connectionParameters: [(String, String)] {
        var parameters = [
            ("host", host), ("port", String(port)), ("dbname", name), ("user", user),
            ("sslmode", sslMode), ("gssencmode", "disable"), ("connect_timeout", String(connectTimeout)),
            (
                "options",
                "-c TimeZone=UTC -c DateStyle=ISO -c statement_timeout=\(Self.milliseconds(statementTimeout))"
                    + " -c lock_timeout=\(Self.milliseconds(lockTimeout))"
                    + " -c idle_in_transaction_session_timeout=\(Self.milliseconds(idleInTransactionTimeout))"
            ),
            ("keepalives", "1"), ("keepalives_idle", String(keepalivesIdle)),
            ("keepalives_interval", "10"), ("keepalives_count", "3"),
        ]
        if !password.isEmpty { parameters.append(("password", password)) }
        if let sslRootCertificate { parameters.append(("sslrootcert", sslRootCertificate)) }
        return parameters
    }

    /// Whole milliseconds, as PostgreSQL's time settings take them; 0 turns a timeout off.
    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
