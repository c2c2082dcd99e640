import Configuration
import Foundation
import Logging
import MQDomain
import MQHTTP
import MQPersistence
import MQStorage

/// Every setting of the server, read once from the environment into typed values.
///
/// The variable names are the ones the deployment already passes (see `docs/operations.md`).
/// Secrets (`SECRET_KEY`, `DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`) are marked secret for the reader and
/// never logged.
struct ServerConfiguration {
    enum LogFormat: String {
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
    /// Per-address attempt limits, and how many proxies' `X-Forwarded-For` entries to believe.
    var throttle: AddressThrottle
    /// Bytes the local-disk photo store keeps per player and in all.
    var diskQuota: DiskQuota
    /// The least-privilege role `migrate` creates for the tasks (`DB_APP_USER`, `DB_APP_PASSWORD`).
    var appRole: AppRole?
    /// Serve Prometheus metrics at `/metrics` (to scrapers inside the VPC only).
    var metricsEnabled: Bool
    /// How long `/health/` answers 503 after SIGTERM before the server stops accepting connections.
    var drainPeriod: Duration
    /// Run migrations before serving (for single-task deployments; otherwise run `mq-server migrate`).
    var migrateOnStart: Bool

    static func read(from environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        let awsEnvironment = environment.filter { $0.key.hasPrefix("AWS_") }
        let config = ConfigReader(provider: EnvironmentVariablesProvider(
            environmentVariables: environment,
            secretsSpecifier: .specific(["SECRET_KEY", "DB_PASSWORD", "DB_APP_PASSWORD", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"])))
        return try read(config, awsEnvironment: awsEnvironment)
    }

    private static func read(_ config: ConfigReader, awsEnvironment: [String: String]) throws -> ServerConfiguration {
        let debug = config.bool(forKey: "debug", default: false)
        let port = config.int(forKey: "port", default: 8000)
        guard (0...65535).contains(port) else { throw ConfigurationError.invalid("PORT must be between 0 (any free port) and 65535") }

        var secretKey = config.string(forKey: "secret.key", isSecret: true) ?? ""
        var ephemeral = false
        if secretKey.isEmpty {
            guard debug else { throw ConfigurationError.invalid("SECRET_KEY is required (or set DEBUG=true for a throwaway one)") }
            secretKey = (0..<4).map { _ in UUID().uuidString }.joined()
            ephemeral = true
        }

        let hosts = config.string(forKey: "allowed.hosts")
        let origins = config.string(forKey: "cors.allowed.origins") ?? ""
        let level = config.string(forKey: "log.level", default: debug ? "debug" : "info").lowercased()
        let format = config.string(forKey: "log.format", default: "text").lowercased()

        let dbHost = config.string(forKey: "db.host") ?? ""
        let bucket = config.string(forKey: "s3.bucket.name") ?? ""
        let mediaRoot = config.string(forKey: "media.root", default: "media")
        let publicBase = config.string(forKey: "public.base.url", default: "http://localhost:\(port)")

        return ServerConfiguration(
            host: config.string(forKey: "host", default: "0.0.0.0"),
            port: port,
            debug: debug,
            secretKey: secretKey,
            secretKeyIsEphemeral: ephemeral,
            allowedHosts: HostAllowList((hosts ?? "*").split(separator: ",").map(String.init)),
            allowedHostsWereSet: hosts != nil,
            cors: CORSPolicy(
                allowsAllOrigins: config.bool(forKey: "cors.allow.all.origins", default: false),
                allowedOrigins: origins.split(separator: ",").map(String.init)),
            logFormat: LogFormat(rawValue: format) ?? .text,
            logLevel: Logger.Level(rawValue: level) ?? .info,
            store: dbHost.isEmpty ? .inMemory : .postgres(try database(config, host: dbHost)),
            photoStorage: bucket.isEmpty
                ? .localDisk(root: URL(fileURLWithPath: mediaRoot, isDirectory: true), baseURL: publicBase)
                : .s3(try s3(config, bucket: bucket), credentialsEnvironment: awsEnvironment),
            passwordHashConcurrency: max(1, config.int(forKey: "password.hash.concurrency", default: max(1, ProcessInfo.processInfo.activeProcessorCount / 2))),
            passwordHashQueue: try positive(config, "password.hash.queue", "PASSWORD_HASH_QUEUE", default: 32),
            limits: try limits(config),
            throttle: AddressThrottle(
                limit: RateLimit(attempts: try positive(config, "rate.limit.per.address", "RATE_LIMIT_PER_ADDRESS", default: 300), per: .seconds(60)),
                trustedProxyHops: try positive(config, "trusted.proxy.hops", "TRUSTED_PROXY_HOPS", default: 0, allowZero: true)),
            diskQuota: DiskQuota(
                bytesPerPlayer: try positive(config, "media.quota.per.player.mb", "MEDIA_QUOTA_PER_PLAYER_MB", default: 200) << 20,
                totalBytes: try positive(config, "media.quota.total.mb", "MEDIA_QUOTA_TOTAL_MB", default: 5120) << 20),
            appRole: try appRole(config),
            metricsEnabled: config.bool(forKey: "metrics.enabled", default: false),
            drainPeriod: .milliseconds(Int(max(0, config.double(forKey: "shutdown.drain.seconds", default: 5)) * 1000)),
            migrateOnStart: config.bool(forKey: "migrate.on.start", default: false))
    }

    /// The per-account limits an operator may tune; the rest are the game's defaults.
    private static func limits(_ config: ConfigReader) throws -> GameLimits {
        var limits = GameLimits.standard
        limits.failedLogins = RateLimit(
            attempts: try positive(config, "login.failures.per.account", "LOGIN_FAILURES_PER_ACCOUNT", default: 10), per: .seconds(15 * 60))
        limits.refreshes = RateLimit(
            attempts: try positive(config, "refreshes.per.account", "REFRESHES_PER_ACCOUNT", default: 60), per: .seconds(60))
        limits.friendLookups = RateLimit(
            attempts: try positive(config, "friend.lookups.per.account", "FRIEND_LOOKUPS_PER_ACCOUNT", default: 30), per: .seconds(60))
        limits.uploadTickets = RateLimit(
            attempts: try positive(config, "upload.tickets.per.hour", "UPLOAD_TICKETS_PER_HOUR", default: 60), per: .seconds(3600))
        return limits
    }

    /// `DB_APP_USER` and `DB_APP_PASSWORD`, both or neither.
    private static func appRole(_ config: ConfigReader) throws -> AppRole? {
        let name = config.string(forKey: "db.app.user") ?? ""
        let password = config.string(forKey: "db.app.password", isSecret: true) ?? ""
        if name.isEmpty && password.isEmpty { return nil }
        guard !name.isEmpty, !password.isEmpty else { throw ConfigurationError.invalid("DB_APP_USER and DB_APP_PASSWORD go together") }
        return AppRole(name: name, password: password)
    }

    /// A whole number that must be positive (or zero, where `allowZero`).
    private static func positive(_ config: ConfigReader, _ key: ConfigKey, _ variable: String, default value: Int, allowZero: Bool = false) throws -> Int {
        let number = config.int(forKey: key, default: value)
        guard number > 0 || (allowZero && number == 0) else {
            throw ConfigurationError.invalid("\(variable) must be a whole number \(allowZero ? "of 0 or more" : "above 0")")
        }
        return number
    }

    /// Seconds, as a duration; 0 is allowed where it turns a timeout off.
    private static func seconds(_ config: ConfigReader, _ key: ConfigKey, _ variable: String, default value: Double) throws -> Duration {
        let number = config.double(forKey: key, default: value)
        guard number >= 0, number.isFinite else { throw ConfigurationError.invalid("\(variable) must be a number of seconds, 0 or more") }
        return .milliseconds(Int(number * 1000))
    }

    /// `S3_BUCKET_NAME` with `AWS_REGION` (or `AWS_DEFAULT_REGION`), `AWS_S3_ENDPOINT_URL` and `S3_PUBLIC_BASE_URL`.
    private static func s3(_ config: ConfigReader, bucket: String) throws -> S3Settings {
        guard let region = config.string(forKey: "aws.region") ?? config.string(forKey: "aws.default.region"), !region.isEmpty else {
            throw ConfigurationError.invalid("S3_BUCKET_NAME needs AWS_REGION")
        }
        var endpoint: URL?
        if let text = config.string(forKey: "aws.s3.endpoint.url"), !text.isEmpty {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
                throw ConfigurationError.invalid("AWS_S3_ENDPOINT_URL must be an http(s) URL")
            }
            endpoint = url
        }
        let publicBase = config.string(forKey: "s3.public.base.url").flatMap { $0.isEmpty ? nil : $0 }
        return S3Settings(bucket: bucket, region: region, endpoint: endpoint, publicBaseURL: publicBase)
    }

    /// The `DB_*` variables, as Secrets Manager and the task definition pass them.
    private static func database(_ config: ConfigReader, host: String) throws -> DatabaseSettings {
        let port = config.int(forKey: "db.port", default: 5432)
        let poolSize = config.int(forKey: "db.pool.size", default: 8)
        let connectTimeout = config.int(forKey: "db.connect.timeout", default: 5)
        let acquireTimeout = config.double(forKey: "db.acquire.timeout", default: 5)
        let sslMode = config.string(forKey: "db.sslmode", default: "prefer")
        guard (1...65535).contains(port) else { throw ConfigurationError.invalid("DB_PORT must be between 1 and 65535") }
        guard (1...200).contains(poolSize) else { throw ConfigurationError.invalid("DB_POOL_SIZE must be between 1 and 200") }
        guard connectTimeout >= 1, acquireTimeout > 0 else { throw ConfigurationError.invalid("DB_CONNECT_TIMEOUT and DB_ACQUIRE_TIMEOUT must be positive") }
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw ConfigurationError.invalid("DB_SSLMODE must be one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        return DatabaseSettings(
            host: host, port: port,
            name: config.string(forKey: "db.name", default: "postgres"),
            user: config.string(forKey: "db.user", default: "postgres"),
            password: config.string(forKey: "db.password", isSecret: true, default: ""),
            sslMode: sslMode,
            sslRootCertificate: config.string(forKey: "db.sslrootcert"),
            connectTimeout: connectTimeout,
            poolSize: poolSize,
            acquireTimeout: .milliseconds(Int(acquireTimeout * 1000)),
            statementTimeout: try seconds(config, "db.statement.timeout", "DB_STATEMENT_TIMEOUT", default: 5),
            lockTimeout: try seconds(config, "db.lock.timeout", "DB_LOCK_TIMEOUT", default: 2),
            idleInTransactionTimeout: try seconds(config, "db.idle.in.transaction.timeout", "DB_IDLE_IN_TRANSACTION_TIMEOUT", default: 10),
            keepalivesIdle: try positive(config, "db.keepalives.idle", "DB_KEEPALIVES_IDLE", default: 30))
    }
}

enum ConfigurationError: Error, CustomStringConvertible {
    case invalid(String)

    var description: String {
        switch self {
        case .invalid(let message): message
        }
    }
}
