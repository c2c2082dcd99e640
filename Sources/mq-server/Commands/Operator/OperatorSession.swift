import ArgumentParser
import FoundationEssentials
import MQDomain
import MQHTTP
import MQLogging
import MQPersistence

#if canImport(Glibc)
    import Glibc
#endif

/// What an operator command works on: the configured database, through the game's own services, so a
/// command applies the same rules and cascades as the API.
struct OperatorSession {
    let assembly: GameAssembly
    let database: PostgresStore
    var moderation: ModerationService { assembly.game.moderation }

    /// Reads the configuration as `serve` does; refuses the in-memory store, which lives only inside `serve`.
    static func open(_ command: String) throws -> OperatorSession {
        let configuration = try ServerConfiguration.read()
        LoggingSetup.bootstrap(configuration, to: .standardError)
        let assembly = try GameAssembly(configuration)
        guard let database = assembly.database else {
            throw ValidationError(
                "\(command) works on a database: set DB_HOST (and DB_NAME, DB_USER, DB_PASSWORD). The in-memory store lives only inside `serve`.")
        }
        return OperatorSession(assembly: assembly, database: database)
    }

    /// Runs `body`, turning the game's refusals into messages an operator can act on.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as MapleQuestError {
            throw OperatorFailure(error)
        }
    }
}

/// A refusal, said plainly on standard error; the command exits non-zero.
struct OperatorFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }

    init(_ error: MapleQuestError) {
        switch error {
        case .notFound(let subject): description = ErrorWords.notFound(subject)
        case .invalid(let fields): description = fields.summary
        case .databaseUnavailable(let reason): description = "the database is unavailable: \(reason)"
        default: description = String(describing: error)
        }
    }
}

/// Progress of a long command: a bar that redraws itself on a terminal, plain lines otherwise.
struct Progress: Sendable {
    let label: String
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(_ label: String) {
        self.label = label
    }

    func report(_ done: Int, of total: Int) {
        if isTerminal {
            let width = 30
            let filled = total == 0 ? width : width * done / max(total, 1)
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            StandardStream.error.write("\r\(label) [\(bar)] \(done)/\(total)\(done >= total ? "\n" : "")")
        } else {
            StandardStream.error.write("\(label): \(done)/\(total)\n")
        }
    }
}
