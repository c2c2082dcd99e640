import FoundationEssentials
import Logging
import MQDomain
import MQHTTP
import MQPersistence
import MQStorage

/// Every setting of the server, read once from the environment into typed values.
///
/// The variable names are the ones the deployment already passes (see `docs/operations.md`). A variable
/// that is set but does not parse stops every command at start (see ``EnvironmentVariables``). Secrets
/// (`SECRET_KEY`, `DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`) are never logged.
struct ServerConfiguration {
    enum LogFormat: String, CaseIterable {
        case text, json
    }

    /// Where the game's data lives.
    enum Store {
        case inMemory
        case postgres(DatabaseSettings)
    }

    /// Where photos live.
    enum PhotoStorage {
        case localDisk(root: URL, baseURL: String)
        /// With the variables the AWS credentials chain reads (`AWS_*`), kept apart and never logged.
        case s3(S3Settings, credentialsEnvironment: [String: String])
    }

    var host: String
    var port: Int
    var debug: Bool
    var secretKey: String
    /// `true` when `DEBUG=true` and no `SECRET_KEY` was given, so one was made up for this run.
    var secretKeyIsEphemeral: Bool
    var allowedHosts: HostAllowList
    var allowedHostsWereSet: Bool
    var cors: CORSPolicy
    var logFormat: LogFormat
    var logLevel: Logger.Level
    var store: Store
    var photoStorage: PhotoStorage
    var passwordHashConcurrency: Int
    /// Password hashes admitted at once, running or queued; past it logins answer 503 with `Retry-After`.
    var passwordHashQueue: Int
    /// The game's ceilings: photos per request and visit, upload tickets, per-account attempt limits.
    var limits: GameLimits
    /// How near its landmark a check-in must be (`CHECKIN_RADIUS_METERS`, `CHECKIN_REQUIRE_POSITION`).
    var proximity: ProximityRule
    /// How long the public landmark reads answer from memory (`LANDMARK_CACHE_SECONDS`); zero reads the store each time.
    var landmarkCacheLifetime: Duration
    /// How old the points ladder placing global-leaderboard ranks below the top 1,000 may be on PostgreSQL
    /// (`LEADERBOARD_LADDER_SECONDS`); zero counts every rank exactly.
    var leaderboardLadderLifetime: Duration
    /// Per-address attempt limits, and how many proxies' `X-Forwarded-For` entries to believe.
    var throttle: AddressThrottle
    /// Bytes the local-disk photo store keeps per player and in all.
    var diskQuota: DiskQuota
    /// The least-privilege role `migrate` creates for the tasks (`DB_APP_USER`, `DB_APP_PASSWORD`).
    var appRole: AppRole?
    /// Serve Prometheus metrics at `/metrics` (to scrapers inside the VPC only).
    var metricsEnabled: Bool
    /// The staff console at `/admin/` (`ADMIN_ENABLED`), signing out after `ADMIN_IDLE_MINUTES` idle.
    var console: ConsoleSettings?
    /// A staff account to create at start on the in-memory store (`ADMIN_EMAIL`, `ADMIN_PASSWORD`).
    var bootstrapAdmin: (email: String, password: String)?
    /// CloudWatch namespace for the embedded-metric-format lines (`METRICS_EMF_NAMESPACE`); `nil` writes none.
    var embeddedMetricsNamespace: String?
    /// How often those lines are written (`METRICS_EMF_INTERVAL_SECONDS`).
    var embeddedMetricsInterval: Duration
    /// OpenTelemetry tracing from the standard `OTEL_*` variables; off unless an exporter is configured.
    var tracing: TracingSettings
    /// How long `/health/` answers 503 after SIGTERM before the server stops accepting connections.
    var drainPeriod: Duration
    /// Client connections open at once (`MAX_CONNECTIONS`); past it the server accepts no more until one
    /// closes, so open sockets cannot take memory without bound.
    var maxConnections: Int
    /// Run migrations before serving (for single-task deployments; otherwise run `mq-server migrate`).
    var migrateOnStart: Bool

    static func read(from environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        try read(EnvironmentVariables(environment))
    }

    private static func read(_ variables: EnvironmentVariables) throws -> ServerConfiguration {
        let debug = try variables.flag("DEBUG", default: false)
        let port = try variables.whole("PORT", default: 8000, in: 0...65535)

        var secretKey = variables.text("SECRET_KEY") ?? ""
        var ephemeral = false
        if secretKey.isEmpty {
            guard debug else { throw ConfigurationError.invalid("SECRET_KEY is required (or set DEBUG=true for a throwaway one)") }
            secretKey = (0..<4).map { _ in UUID().uuidString }.joined()
            ephemeral = true
        }

        // Checked whether or not they are used, so a typo never waits for the day they are.
        let database = try database(variables, host: variables.text("DB_HOST", default: ""))
        let aws = try awsEnvironment(variables)
        _ = try variables.webAddress("AWS_S3_ENDPOINT_URL")
        _ = try variables.webAddress("S3_PUBLIC_BASE_URL")

        let consoleIdleMinutes = try variables.whole("ADMIN_IDLE_MINUTES", default: 30, in: 1...1440)

        let hosts = variables.text("ALLOWED_HOSTS")
        let bucket = variables.text("S3_BUCKET_NAME")
        let mediaRoot = variables.text("MEDIA_ROOT", default: "media")
        let publicBase = try variables.webAddress("PUBLIC_BASE_URL")?.absoluteString ?? "http://localhost:\(port)"

        return ServerConfiguration(
            host: variables.text("HOST", default: "0.0.0.0"),
            port: port,
            debug: debug,
            secretKey: secretKey,
            secretKeyIsEphemeral: ephemeral,
            allowedHosts: HostAllowList((hosts ?? "*").split(separator: ",").map(String.init)),
            allowedHostsWereSet: hosts != nil,
            cors: CORSPolicy(
                allowsAllOrigins: try variables.flag("CORS_ALLOW_ALL_ORIGINS", default: false),
                allowedOrigins: variables.text("CORS_ALLOWED_ORIGINS", default: "").split(separator: ",").map(String.init)),
            logFormat: try variables.choice("LOG_FORMAT", default: .text),
            logLevel: try variables.choice("LOG_LEVEL", default: debug ? .debug : .info),
            store: variables.text("DB_HOST") == nil ? .inMemory : .postgres(database),
            photoStorage: try bucket.map { .s3(try s3(variables, bucket: $0), credentialsEnvironment: aws) }
                ?? .localDisk(root: URL(fileURLWithPath: mediaRoot, isDirectory: true), baseURL: publicBase),
            passwordHashConcurrency: try variables.whole(
                "PASSWORD_HASH_CONCURRENCY", default: max(1, ProcessInfo.processInfo.activeProcessorCount / 2), in: 1...256),
            passwordHashQueue: try variables.whole("PASSWORD_HASH_QUEUE", default: 32, in: 1...100_000),
            limits: try limits(variables),
            proximity: ProximityRule(
                radiusMeters: try variables.text("CHECKIN_RADIUS_METERS").map { _ in
                    try variables.number("CHECKIN_RADIUS_METERS", default: 0, in: 1...20_000_000, unit: "a distance in metres")
                },
                requiresPosition: try variables.flag("CHECKIN_REQUIRE_POSITION", default: false)),
            landmarkCacheLifetime: try variables.seconds("LANDMARK_CACHE_SECONDS", default: 10, in: 0...3600),
            leaderboardLadderLifetime: try variables.seconds("LEADERBOARD_LADDER_SECONDS", default: 5, in: 0...3600),
            throttle: AddressThrottle(
                limit: RateLimit(attempts: try variables.whole("RATE_LIMIT_PER_ADDRESS", default: 300, in: 1...Int(Int32.max)), per: .seconds(60)),
                trustedProxyHops: try variables.whole("TRUSTED_PROXY_HOPS", default: 0, in: 0...16)),
            diskQuota: DiskQuota(
                bytesPerPlayer: try variables.whole("MEDIA_QUOTA_PER_PLAYER_MB", default: 200, in: 1...(1 << 30)) << 20,
                totalBytes: try variables.whole("MEDIA_QUOTA_TOTAL_MB", default: 5120, in: 1...(1 << 30)) << 20),
            appRole: try appRole(variables),
            metricsEnabled: try variables.flag("METRICS_ENABLED", default: false),
            console: try variables.flag("ADMIN_ENABLED", default: false)
                ? ConsoleSettings(secret: secretKey, idleTimeout: .seconds(60 * consoleIdleMinutes))
                : nil,
            bootstrapAdmin: try bootstrapAdmin(variables),
            embeddedMetricsNamespace: variables.text("METRICS_EMF_NAMESPACE"),
            embeddedMetricsInterval: try variables.seconds("METRICS_EMF_INTERVAL_SECONDS", default: 60, in: 1...3600),
            tracing: try TracingSettings(variables),
            drainPeriod: try variables.seconds("SHUTDOWN_DRAIN_SECONDS", default: 5, in: 0...300),
            maxConnections: try variables.whole("MAX_CONNECTIONS", default: 4096, in: 1...1_000_000),
            migrateOnStart: try variables.flag("MIGRATE_ON_START", default: false))
    }

    /// The per-account limits an operator may tune; the rest are the game's defaults.
    private static func limits(_ variables: EnvironmentVariables) throws -> GameLimits {
        let attempts = 1...Int(Int32.max)
        var limits = GameLimits.standard
        limits.failedLogins = RateLimit(attempts: try variables.whole("LOGIN_FAILURES_PER_ACCOUNT", default: 10, in: attempts), per: .seconds(15 * 60))
        limits.refreshes = RateLimit(attempts: try variables.whole("REFRESHES_PER_ACCOUNT", default: 60, in: attempts), per: .seconds(60))
        limits.friendLookups = RateLimit(attempts: try variables.whole("FRIEND_LOOKUPS_PER_ACCOUNT", default: 30, in: attempts), per: .seconds(60))
        limits.uploadTickets = RateLimit(attempts: try variables.whole("UPLOAD_TICKETS_PER_HOUR", default: 60, in: attempts), per: .seconds(3600))
        return limits
    }

    /// `ADMIN_EMAIL` and `ADMIN_PASSWORD`, both or neither.
    private static func bootstrapAdmin(_ variables: EnvironmentVariables) throws -> (email: String, password: String)? {
        switch (variables.text("ADMIN_EMAIL"), variables.text("ADMIN_PASSWORD")) {
        case (nil, nil): return nil
        case (let email?, let password?): return (email, password)
        default: throw ConfigurationError.invalid("ADMIN_EMAIL and ADMIN_PASSWORD go together")
        }
    }

    /// `DB_APP_USER` and `DB_APP_PASSWORD`, both or neither.
    private static func appRole(_ variables: EnvironmentVariables) throws -> AppRole? {
        let name = variables.text("DB_APP_USER")
        let password = variables.text("DB_APP_PASSWORD")
        switch (name, password) {
        case (nil, nil): return nil
        case (let name?, let password?): return AppRole(name: name, password: password)
        default: throw ConfigurationError.invalid("DB_APP_USER and DB_APP_PASSWORD go together")
        }
    }

    /// `S3_BUCKET_NAME` with `AWS_REGION` (or `AWS_DEFAULT_REGION`), `AWS_S3_ENDPOINT_URL` and `S3_PUBLIC_BASE_URL`.
    private static func s3(_ variables: EnvironmentVariables, bucket: String) throws -> S3Settings {
        guard let region = variables.text("AWS_REGION") ?? variables.text("AWS_DEFAULT_REGION") else {
            throw ConfigurationError.invalid("S3_BUCKET_NAME needs AWS_REGION")
        }
        return S3Settings(
            bucket: bucket, region: region,
            endpoint: try variables.webAddress("AWS_S3_ENDPOINT_URL"),
            publicBaseURL: try variables.webAddress("S3_PUBLIC_BASE_URL")?.absoluteString)
    }

    /// The `AWS_*` variables the credentials chain reads, checked here so a bad one stops the server at
    /// start rather than failing the first upload, with its one switch spelled as the chain expects.
    private static func awsEnvironment(_ variables: EnvironmentVariables) throws -> [String: String] {
        _ = try variables.webAddress("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        _ = try variables.webAddress("AWS_EC2_METADATA_SERVICE_ENDPOINT")
        if let relative = variables.text("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), !relative.hasPrefix("/") {
            throw ConfigurationError.unparsable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", expected: "a path starting with /")
        }
        var environment = variables.all(withPrefix: "AWS_")
        if variables.text("AWS_EC2_METADATA_DISABLED") != nil {
            environment["AWS_EC2_METADATA_DISABLED"] = String(try variables.flag("AWS_EC2_METADATA_DISABLED", default: false))
        }
        return environment
    }

    /// The `DB_*` variables, as Secrets Manager and the task definition pass them.
    private static func database(_ variables: EnvironmentVariables, host: String) throws -> DatabaseSettings {
        DatabaseSettings(
            host: host,
            port: try variables.whole("DB_PORT", default: 5432, in: 1...65535),
            name: variables.text("DB_NAME", default: "postgres"),
            user: variables.text("DB_USER", default: "postgres"),
            password: variables.text("DB_PASSWORD", default: ""),
            sslMode: try variables.choice("DB_SSLMODE", default: SSLMode.prefer).rawValue,
            sslRootCertificate: try variables.readableFile("DB_SSLROOTCERT"),
            connectTimeout: try variables.whole("DB_CONNECT_TIMEOUT", default: 5, in: 1...300),
            poolSize: try variables.whole("DB_POOL_SIZE", default: 8, in: 1...200),
            pipelineConnections: try variables.whole("DB_PIPELINE_CONNECTIONS", default: 2, in: 0...32),
            acquireTimeout: try variables.seconds("DB_ACQUIRE_TIMEOUT", default: 5, in: 0.001...300),
            statementTimeout: try variables.seconds("DB_STATEMENT_TIMEOUT", default: 5, in: 0...86_400),
            lockTimeout: try variables.seconds("DB_LOCK_TIMEOUT", default: 2, in: 0...86_400),
            idleInTransactionTimeout: try variables.seconds("DB_IDLE_IN_TRANSACTION_TIMEOUT", default: 10, in: 0...86_400),
            keepalivesIdle: try variables.whole("DB_KEEPALIVES_IDLE", default: 30, in: 1...7200))
    }

    /// libpq's `sslmode` values.
    private enum SSLMode: String, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }
}
