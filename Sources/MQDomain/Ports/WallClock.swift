import FoundationEssentials

/// The current time, injectable so that tests can freeze and move it.
public protocol WallClock: Sendable {
    func now() -> Date
}
