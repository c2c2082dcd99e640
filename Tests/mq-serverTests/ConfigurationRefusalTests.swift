import Foundation
import Logging
import MQHTTP
import MQPersistence
import Testing

@testable import mq_server

/// Every variable in docs/operations.md's configuration reference: one that is set but does not parse
/// stops every command at start, naming the variable, instead of falling back to a default unnoticed.
@Suite("Settings that do not parse stop the server at start")
struct ConfigurationRefusalTests {
    /// Variables whose every value is meaningful text: names, paths, secrets, lists of hosts.
    static let freeText: Set<String> = [
        "SECRET_KEY", "HOST", "ALLOWED_HOSTS", "CORS_ALLOWED_ORIGINS", "DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD",
        "DB_APP_USER", "DB_APP_PASSWORD", "S3_BUCKET_NAME", "AWS_REGION", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "MEDIA_ROOT", "OTEL_SERVICE_NAME", "METRICS_EMF_NAMESPACE", "ADMIN_EMAIL", "ADMIN_PASSWORD",
    ]

    /// A value each of the other variables cannot take.
    static let refused: [String: String] = [
        "DEBUG": "maybe", "PORT": "abc", "CORS_ALLOW_ALL_ORIGINS": "sure", "LOG_FORMAT": "xml", "LOG_LEVEL": "loud",
        "PASSWORD_HASH_CONCURRENCY": "two", "PASSWORD_HASH_QUEUE": "-1", "RATE_LIMIT_PER_ADDRESS": "lots",
        "TRUSTED_PROXY_HOPS": "1.5", "LOGIN_FAILURES_PER_ACCOUNT": "ten", "REFRESHES_PER_ACCOUNT": "0",
        "FRIEND_LOOKUPS_PER_ACCOUNT": "30/min", "UPLOAD_TICKETS_PER_HOUR": "60/h", "CHECKIN_RADIUS_METERS": "200m", "CHECKIN_REQUIRE_POSITION": "if-possible",
        "SHUTDOWN_DRAIN_SECONDS": "5s", "MAX_CONNECTIONS": "0", "LANDMARK_CACHE_SECONDS": "10s", "LEADERBOARD_LADDER_SECONDS": "-5",
        "METRICS_ENABLED": "enabled", "METRICS_EMF_INTERVAL_SECONDS": "0", "ADMIN_ENABLED": "sure", "ADMIN_IDLE_MINUTES": "0", "MIGRATE_ON_START": "please",
        "DB_PORT": "abc", "DB_SSLMODE": "maybe", "DB_SSLROOTCERT": "/nonexistent/rds-global-bundle.pem",
        "DB_CONNECT_TIMEOUT": "5s", "DB_POOL_SIZE": "0", "DB_PIPELINE_CONNECTIONS": "-1", "DB_ACQUIRE_TIMEOUT": "-1", "DB_STATEMENT_TIMEOUT": "5m",
        "DB_LOCK_TIMEOUT": "nan", "DB_IDLE_IN_TRANSACTION_TIMEOUT": "inf", "DB_KEEPALIVES_IDLE": "0",
        "AWS_S3_ENDPOINT_URL": "not a url", "S3_PUBLIC_BASE_URL": "ftp://cdn.example", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "v2/credentials",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": "localhost:80", "AWS_EC2_METADATA_DISABLED": "maybe",
        "AWS_EC2_METADATA_SERVICE_ENDPOINT": "nowhere", "MEDIA_QUOTA_PER_PLAYER_MB": "200MB", "MEDIA_QUOTA_TOTAL_MB": "5G",
        "PUBLIC_BASE_URL": "localhost:8000", "OTEL_TRACES_EXPORTER": "jaeger", "OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4318",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "collector", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "thrift", "OTEL_TRACES_SAMPLER": "sometimes", "OTEL_TRACES_SAMPLER_ARG": "1.5",
        "OTEL_SDK_DISABLED": "perhaps", "OTEL_EXPORTER_OTLP_HEADERS": "api-key", "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "=value",
        "OTEL_EXPORTER_OTLP_TIMEOUT": "10s", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "0", "OTEL_BSP_SCHEDULE_DELAY": "soon",
        "OTEL_BSP_MAX_QUEUE_SIZE": "0", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "many",
    ]

    /// With every section switched on, so each variable is read.
    static let everythingOn = ["SECRET_KEY": "k", "DB_HOST": "db.internal", "S3_BUCKET_NAME": "photos", "AWS_REGION": "ca-central-1"]

    /// The variables named in the first column of docs/operations.md's configuration reference.
    static func documented() throws -> Set<String> {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/operations.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let reference = text.components(separatedBy: "## Configuration reference")[1].components(separatedBy: "\n## ")[0]
        var names: Set<String> = []
        for line in reference.split(separator: "\n") where line.hasPrefix("| `") {
            let firstCell = line.dropFirst().prefix { $0 != "|" }
            for (index, piece) in firstCell.split(separator: "`", omittingEmptySubsequences: false).enumerated() where index % 2 == 1 {
                names.insert(String(piece))
            }
        }
        return names
    }

    @Test func everyDocumentedVariableIsCoveredHere() throws {
        let documented = try Self.documented()
        #expect(documented.count > 40)
        #expect(documented.subtracting(Self.freeText).subtracting(Self.refused.keys).isEmpty, "a documented variable this suite does not check")
        #expect(Self.freeText.union(Self.refused.keys).subtracting(documented).isEmpty, "a checked variable the docs do not list")
    }

    @Test(arguments: refused.sorted { $0.key < $1.key })
    func aValueThatDoesNotParseIsRefusedNamingTheVariable(variable: String, value: String) {
        var environment = Self.everythingOn
        environment[variable] = value
        do {
            _ = try ServerConfiguration.read(from: environment)
            Issue.record("\(variable)=\(value) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.variable == variable)
            #expect(error.description.hasPrefix(variable))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: refused.keys.sorted())
    func theRefusalHoldsWhenTheVariablesSectionIsOff(variable: String) {
        var environment = ["SECRET_KEY": "k"]
        environment[variable] = Self.refused[variable]
        #expect(throws: ConfigurationError.self, "a typo must not wait for the day its section is switched on") {
            try ServerConfiguration.read(from: environment)
        }
    }

    @Test(arguments: freeText.subtracting(["DB_APP_USER", "DB_APP_PASSWORD", "ADMIN_EMAIL", "ADMIN_PASSWORD"]).sorted())
    func freeTextIsTakenAsGiven(variable: String) throws {
        var environment = Self.everythingOn
        environment[variable] = "any text: with spaces, / and ü"
        _ = try ServerConfiguration.read(from: environment)
    }

    @Test func theConsolesStartingAccountNeedsBothEmailAndPassword() throws {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "ADMIN_EMAIL": "a@example.com"]) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "ADMIN_PASSWORD": "p"]) }
        let both = try ServerConfiguration.read(from: ["SECRET_KEY": "k", "ADMIN_EMAIL": "a@example.com", "ADMIN_PASSWORD": "p", "ADMIN_ENABLED": "true"])
        #expect(both.bootstrapAdmin?.email == "a@example.com")
        #expect(both.console?.idleTimeout == .seconds(1800))
        #expect(try ServerConfiguration.read(from: ["SECRET_KEY": "k"]).console == nil, "off unless enabled")
    }

    @Test func theAppRolesUserAndPasswordGoTogether() throws {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "DB_APP_USER": "app"]) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "DB_APP_PASSWORD": "p"]) }
        let both = try ServerConfiguration.read(from: ["SECRET_KEY": "k", "DB_APP_USER": "app", "DB_APP_PASSWORD": "p"])
        #expect(both.appRole?.name == "app")
    }

    @Test func valuesAreNeverEchoedInTheRefusal() {
        let secretLooking = "hunter2-is-my-password"
        #expect(throws: ConfigurationError.self) {
            do {
                _ = try ServerConfiguration.read(from: ["SECRET_KEY": "k", "DB_PORT": secretLooking])
            } catch let error as ConfigurationError {
                #expect(!error.description.contains(secretLooking))
                throw error
            }
        }
    }

    @Test func wellFormedValuesAreAccepted() throws {
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "k", "DEBUG": "FALSE", "METRICS_ENABLED": "1", "LOG_LEVEL": "Warning", "LOG_FORMAT": "JSON",
            "SHUTDOWN_DRAIN_SECONDS": "2.5", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://localhost:4318", "OTEL_TRACES_SAMPLER_ARG": "0.25",
        ])
        #expect(!configuration.debug)
        #expect(configuration.metricsEnabled)
        #expect(configuration.logLevel == .warning)
        #expect(configuration.logFormat == .json)
        #expect(configuration.drainPeriod == .milliseconds(2500))
        #expect(configuration.tracing.enabled)
        #expect(configuration.tracing.exporter == .otlp)
    }

    @Test func tracingIsOffUnlessAnExporterIsConfigured() throws {
        #expect(try !ServerConfiguration.read(from: ["SECRET_KEY": "k"]).tracing.enabled)
        #expect(try ServerConfiguration.read(from: ["SECRET_KEY": "k", "OTEL_TRACES_EXPORTER": "otlp"]).tracing.enabled)
        #expect(
            try !ServerConfiguration.read(from: [
                "SECRET_KEY": "k", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://localhost:4318", "OTEL_SDK_DISABLED": "true",
            ]).tracing.enabled)
        #expect(
            try !ServerConfiguration.read(from: [
                "SECRET_KEY": "k", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://localhost:4318", "OTEL_TRACES_EXPORTER": "none",
            ]).tracing.enabled)
    }
}
