import FoundationEssentials

/// The real time, truncated to whole microseconds: the precision timestamps are stored and sent with.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Date {
        let micros = (Date().timeIntervalSince1970 * 1_000_000).rounded(.down)
        return Date(timeIntervalSince1970: micros / 1_000_000)
    }
}
