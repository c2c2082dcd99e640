import ArgumentParser
import FoundationEssentials
import Hummingbird
import Logging
import MQDomain
import MQPersistence
import MQStorage

/// Serves the HTTP API until SIGTERM or SIGINT, then drains in-flight requests.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API (the default).")

    func run() async throws {
        MemoryTuning.limitMallocArenas()
        let configuration = try ServerConfiguration.read()
        LoggingSetup.bootstrap(configuration)
        let spanExporter = TracingSetup.bootstrap(configuration.tracing)
        let logger = Logger(label: "mq-server")
        logger.notice(
            "mq-server starting",
            metadata: [
                "version": .string(ServerVersion.current),
                "tracing": .string(configuration.tracing.enabled ? configuration.tracing.exporter.rawValue : "off"),
            ])
        if configuration.secretKeyIsEphemeral {
            logger.warning("DEBUG=true and no SECRET_KEY: using a random key for this run; tokens will not survive a restart")
        }
        if !configuration.allowedHostsWereSet {
            logger.warning("ALLOWED_HOSTS is not set: answering for any Host header")
        }
        let assembly = try GameAssembly(configuration)
        if assembly.isInMemory {
            let report = try await assembly.game.locations.seed(try Landmarks.load())
            try await assembly.game.achievements.seedStarterSet()
            logger.notice("no DB_HOST: using the in-memory store, seeded with \(report.created) landmarks; data is lost when the server stops")
            if let admin = configuration.bootstrapAdmin {
                let (staff, problems) = try await assembly.game.moderation.createStaffAccount(email: admin.email, password: admin.password)
                logger.notice("staff account \(staff.email) ready for the console")
                if !problems.isEmpty {
                    logger.warning(
                        "ADMIN_PASSWORD would not pass the players' password policy: \(problems.joined(separator: " ")) Fine for a local run; never on shared data."
                    )
                }
            }
        } else if configuration.bootstrapAdmin != nil {
            logger.warning("ADMIN_EMAIL and ADMIN_PASSWORD are for the in-memory store; on a database, run `mq-server user grant-staff`")
        }
        if configuration.migrateOnStart, let database = assembly.database {
            let report = try await database.migrate()
            logger.notice("MIGRATE_ON_START: \(report.applied.isEmpty ? "schema already current" : "applied \(report.applied.joined(separator: ", "))")")
        }
        if configuration.console != nil { logger.notice("staff console enabled at /admin/") }
        switch configuration.photoStorage {
        case .localDisk(let root, let baseURL):
            logger.notice("no S3_BUCKET_NAME: photos are stored under \(root.path) and served at \(baseURL)/media/")
        case .s3(let settings, _):
            logger.notice("photos go to S3 bucket \(settings.bucket) in \(settings.region)")
        }
        try await ServerRunner(assembly: assembly, configuration: configuration, spanExporter: spanExporter, logger: logger).run()
        await assembly.database?.pool.closeIdleConnections()
        assembly.database?.pipeline?.close()
        logger.notice("stopped")
    }
}
