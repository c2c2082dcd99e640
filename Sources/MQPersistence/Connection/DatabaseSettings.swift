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
    /// Connections kept at most.
    public var poolSize: Int
    /// How long a request waits for a free connection before it is answered 503.
    public var acquireTimeout: Duration

    public init(
        host: String, port: Int = 5432, name: String = "postgres", user: String = "postgres", password: String = "",
        sslMode: String = "prefer", sslRootCertificate: String? = nil, connectTimeout: Int = 5,
        poolSize: Int = 8, acquireTimeout: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.name = name
        self.user = user
        self.password = password
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.connectTimeout = connectTimeout
        self.poolSize = poolSize
        self.acquireTimeout = acquireTimeout
    }

    /// libpq's keyword/value connection parameters. Passed as arrays, so no value needs quoting.
    var connectionParameters: [(String, String)] {
        var parameters = [
            ("host", host), ("port", String(port)), ("dbname", name), ("user", user),
            ("sslmode", sslMode), ("connect_timeout", String(connectTimeout)),
            ("application_name", "mq-server"),
            ("options", "-c TimeZone=UTC -c DateStyle=ISO"),
        ]
        if !password.isEmpty { parameters.append(("password", password)) }
        if let sslRootCertificate { parameters.append(("sslrootcert", sslRootCertificate)) }
        return parameters
    }
}
