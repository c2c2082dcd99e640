import Foundation
import Logging
import MQDomain
import MQHTTP
import MQPersistence
import MQStorage
import Testing

@testable import mq_server

@Suite("Configuration from the environment")
struct ServerConfigurationTests {
    @Test func theDeploymentsVariablesBecomeTypedSettings() throws {
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "s3cret", "PORT": "9000", "ALLOWED_HOSTS": "api.maplequest.ca, .maplequest.dev",
            "CORS_ALLOWED_ORIGINS": "https://a.example,https://b.example", "LOG_FORMAT": "json", "LOG_LEVEL": "warning",
        ])
        #expect(configuration.port == 9000)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.secretKey == "s3cret")
        #expect(!configuration.secretKeyIsEphemeral)
        #expect(configuration.allowedHosts == HostAllowList(["api.maplequest.ca", ".maplequest.dev"]))
        #expect(configuration.cors.allowedOrigins == ["https://a.example", "https://b.example"])
        #expect(configuration.logFormat == .json)
        #expect(configuration.logLevel == .warning)
        guard case .inMemory = configuration.store else { Issue.record("no DB_HOST means the in-memory store"); return }
        guard case .localDisk(_, let baseURL) = configuration.photoStorage else { Issue.record("no bucket means local disk"); return }
        #expect(baseURL == "http://localhost:9000")
    }

    @Test func aSecretKeyIsRequiredOutsideDebug() throws {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: [:]) }
        let debug = try ServerConfiguration.read(from: ["DEBUG": "true"])
        #expect(debug.secretKeyIsEphemeral)
        #expect(debug.secretKey.count >= 32)
        #expect(debug.logLevel == .debug)
    }

    @Test func anUnsetAllowedHostsAcceptsAnyHostButIsReported() throws {
        let configuration = try ServerConfiguration.read(from: ["SECRET_KEY": "k"])
        #expect(configuration.allowedHosts.allowsAny)
        #expect(!configuration.allowedHostsWereSet)
        #expect(configuration.port == 8000)
    }

    @Test func aPortOutOfRangeIsRefused() {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "PORT": "70000"]) }
    }

    @Test func theDatabaseAndBucketAreChosenByTheirVariables() throws {
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "k", "DB_HOST": "db.internal", "S3_BUCKET_NAME": "photos", "AWS_REGION": "ca-central-1",
        ])
        guard case .postgres(let database) = configuration.store else { Issue.record("DB_HOST selects PostgreSQL"); return }
        #expect(database.host == "db.internal")
        #expect(database.port == 5432)
        #expect(database.sslMode == "prefer")
        guard case .s3(let settings, _) = configuration.photoStorage else { Issue.record("S3_BUCKET_NAME selects S3"); return }
        #expect(settings == S3Settings(bucket: "photos", region: "ca-central-1"))
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "S3_BUCKET_NAME": "photos"]) }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.read(from: ["SECRET_KEY": "k", "S3_BUCKET_NAME": "photos", "AWS_REGION": "x", "AWS_S3_ENDPOINT_URL": "not a url"])
        }
    }

    @Test func databaseVariablesAreCheckedAndTyped() throws {
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("rds-\(UUID().uuidString).pem")
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: bundle)
        defer { try? FileManager.default.removeItem(at: bundle) }
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "k", "DB_HOST": "db", "DB_PORT": "6543", "DB_NAME": "maplequest", "DB_USER": "app",
            "DB_PASSWORD": "p@ss word", "DB_SSLMODE": "verify-full", "DB_SSLROOTCERT": bundle.path, "DB_POOL_SIZE": "12",
        ])
        guard case .postgres(let database) = configuration.store else { Issue.record("DB_HOST selects PostgreSQL"); return }
        #expect(database.port == 6543)
        #expect(database.name == "maplequest")
        #expect(database.user == "app")
        #expect(database.password == "p@ss word")
        #expect(database.sslMode == "verify-full")
        #expect(database.sslRootCertificate == bundle.path)
        #expect(database.poolSize == 12)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "DB_HOST": "db", "DB_SSLMODE": "maybe"]) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "DB_HOST": "db", "DB_POOL_SIZE": "0"]) }
        #expect(throws: ConfigurationError.self, "a directory is no CA bundle") {
            try ServerConfiguration.read(from: ["SECRET_KEY": "k", "DB_HOST": "db", "DB_SSLROOTCERT": FileManager.default.temporaryDirectory.path])
        }
    }

    @Test func theLeaderboardLadderLivesFiveSecondsByDefaultAndZeroCountsEveryRankExactly() throws {
        #expect(try ServerConfiguration.read(from: ["SECRET_KEY": "k"]).leaderboardLadderLifetime == .seconds(5))
        let exact = try ServerConfiguration.read(from: ["SECRET_KEY": "k", "LEADERBOARD_LADDER_SECONDS": "0"])
        #expect(exact.leaderboardLadderLifetime == .zero)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.read(from: ["SECRET_KEY": "k", "LEADERBOARD_LADDER_SECONDS": "3601"]) }
    }

    @Test func theShippedLandmarksLoad() throws {
        let landmarks = try Landmarks.load()
        #expect(landmarks.count == 9)
        #expect(landmarks.contains { $0.name == "Peggy’s Cove Lighthouse" })
    }
}
