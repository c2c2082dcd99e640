import Configuration
import Foundation
import Logging
import MQHTTP

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
        case postgres(host: String)
    }

    /// Where photos live.
    enum PhotoStorage {
        case localDisk(root: URL, baseURL: String)
        case s3(bucket: String)
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

    static func read(from environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        let config = ConfigReader(provider: EnvironmentVariablesProvider(
            environmentVariables: environment,
            secretsSpecifier: .specific(["SECRET_KEY", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"])))
        let debug = config.bool(forKey: "debug", default: false)
        let port = config.int(forKey: "port", default: 8000)
        guard (1...65535).contains(port) else { throw ConfigurationError.invalid("PORT must be between 1 and 65535") }

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
            store: dbHost.isEmpty ? .inMemory : .postgres(host: dbHost),
            photoStorage: bucket.isEmpty
                ? .localDisk(root: URL(fileURLWithPath: mediaRoot, isDirectory: true), baseURL: publicBase)
                : .s3(bucket: bucket),
            passwordHashConcurrency: max(1, config.int(forKey: "password.hash.concurrency", default: max(1, ProcessInfo.processInfo.activeProcessorCount / 2))))
    }
}

enum ConfigurationError: Error, CustomStringConvertible {
    case invalid(String)
    case unsupported(String)

    var description: String {
        switch self {
        case .invalid(let message), .unsupported(let message): message
        }
    }
}
