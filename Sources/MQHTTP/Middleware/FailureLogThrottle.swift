import Synchronization

/// Decides which failed requests get an error line of their own.
///
/// When the database is down or the server sheds load, every request fails the same way. An error line
/// for each one (error lines are written at once, not batched) would bury the first line that says what
/// happened, fill CloudWatch, and cost the server a write for every request it refuses. So the first
/// failure of each kind is logged; later ones of that kind within ``window`` are only counted, and the
/// count goes on the next line written for that kind. Every request still gets its own request line,
/// with its status and request id.
final class FailureLogThrottle: Sendable {
    /// How long after a logged failure others of its kind are counted instead of logged.
    static let defaultWindow: Duration = .seconds(10)
    /// The most kinds tracked at once; a failure of any other kind is always logged.
    static let kindLimit = 256

    private struct Tracked {
        var loggedAt: ContinuousClock.Instant
        var unlogged: Int
    }

    let window: Duration
    private let kinds = Mutex<[String: Tracked]>([:])

    init(window: Duration = FailureLogThrottle.defaultWindow) {
        self.window = window
    }

    /// Whether a failure of `kind` at `now` gets a line: `nil` when it is only counted, otherwise how many
    /// failures of that kind went unlogged since the last line for it.
    func admit(_ kind: String, at now: ContinuousClock.Instant) -> Int? {
        kinds.withLock { kinds in
            if let tracked = kinds[kind] {
                if now - tracked.loggedAt < window {
                    kinds[kind]?.unlogged += 1
                    return nil
                }
                kinds[kind] = Tracked(loggedAt: now, unlogged: 0)
                return tracked.unlogged
            }
            if kinds.count < Self.kindLimit { kinds[kind] = Tracked(loggedAt: now, unlogged: 0) }
            return 0
        }
    }

    /// What makes two failures "the same": the error's type and, for an enum, its case. Not its message,
    /// which names hosts, ports or values and would make every failure of an outage look new.
    static func kind(of error: any Error) -> String {
        let type = String(reflecting: Swift.type(of: error))
        let mirror = Mirror(reflecting: error)
        guard mirror.displayStyle == .enum else { return type }
        // A case with a payload is named by its child's label; one without has no child and is named by
        // its description, cut short in case a custom description carries values.
        let caseName = mirror.children.first?.label ?? String(String(describing: error).prefix(64))
        return type + "." + caseName
    }
}
