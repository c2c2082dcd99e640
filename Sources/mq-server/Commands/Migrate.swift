import ArgumentParser
import MQPersistence
import MQStorage

/// Creates or adopts the schema: idempotent, in one transaction.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the tables on an empty database, or adopt the old backend's, and add mq-server's own (idempotent).",
        discussion: """
            With DB_APP_USER and DB_APP_PASSWORD, also create (or reset the password of) the least-privilege role the \
            server's tasks connect as. With S3_BUCKET_NAME and S3_PUBLIC_BASE_URL, also move stored photo URLs from the \
            bucket's own addresses to the public base, so photos stored before the bucket went private keep loading.
            """)

    @Flag(help: "Show applied and pending steps, and change nothing.")
    var status = false

    func run() async throws {
        let configuration = try ServerConfiguration.read()
        LoggingSetup.bootstrap(configuration, to: .standardError)
        guard case .postgres(let settings) = configuration.store else {
            throw ValidationError("migrate needs a database: set DB_HOST (and DB_NAME, DB_USER, DB_PASSWORD, DB_PORT).")
        }
        let store = PostgresStore(settings: settings)
        if status {
            try await printStatus(of: store)
            return
        }
        let report = try await store.migrate(appRole: configuration.appRole)
        if report.adoptedExistingTables { print("adopted the existing Django tables (core up to 0007)") }
        if let role = configuration.appRole { print("role \(role.name) may read and change the game's rows, and nothing else") }
        print(report.applied.isEmpty ? "schema already current" : "applied: \(report.applied.joined(separator: "; "))")
        if case .s3(let s3, _) = configuration.photoStorage, let base = s3.publicBaseURL {
            var moved = 0
            for prefix in s3.bucketURLPrefixes {
                moved += try await PhotoAddresses(store: store).rewrite(from: prefix, to: base + "/")
            }
            print("photo URLs now under \(base): \(moved) moved from the bucket's own addresses")
        }
    }

    private func printStatus(of store: PostgresStore) async throws {
        let status = try await Migrator(pool: store.pool).status()
        if !status.coreTablesExist { print("the game's tables do not exist yet: migrate will create them") }
        for step in status.applied { print("applied  \(step.appliedAt)  \(step.name)") }
        for step in status.pending { print("pending  \(step)") }
        print(status.pending.isEmpty ? "schema current" : "\(status.pending.count) step(s) pending: run `mq-server migrate`")
    }
}
