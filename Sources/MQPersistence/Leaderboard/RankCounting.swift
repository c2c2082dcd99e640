import MQDomain

/// How the global leaderboard counts the players ahead of its caller.
///
/// A rank counts every player with more points, which costs PostgreSQL one index entry per player
/// ahead: about 15 ms for a player in the middle of 100,000. So a read counts at most ``exactDepth``
/// of them; a caller deeper than that is placed on a `PointsLadder` (how many players hold each
/// total), read once per ``ladderLifetime`` and shared by every read; the reads that find it expired are
/// answered from it while the next one is read, so no reader waits for that scan but the very first.
/// A rank within the top ``exactDepth`` is always exact; a deeper one may miss other players' changes
/// of the last ``ladderLifetime`` (and of the ladder's own read), never the caller's own points, which
/// are read fresh.
///
/// While ranks may lag, the top of the board and the points just past the exact depth are also shared:
/// one `BoardHead`, read at most once per ``headLifetime`` and forgotten after every change this store
/// makes to a player's points, name or existence that it may show. A caller with fewer points than the
/// player past the depth is then placed without counting; one with as many or more still has the players
/// ahead counted on every read. So the top, and whether a caller is within the exact depth, may miss
/// another task's changes of the last ``headLifetime``, never this task's.
public struct RankCounting: Sendable {
    /// Ranks up to this depth are counted exactly on every read.
    public let exactDepth: Int
    /// How old the ladder for deeper ranks may be; zero counts every rank exactly on every read.
    public let ladderLifetime: Duration
    /// How old the shared top of the board may be: a second, or the ladder's lifetime when that is shorter.
    public var headLifetime: Duration { min(ladderLifetime, .seconds(1)) }
    /// Tells the ladder's age.
    public let clock: any WallClock

    /// - Parameter exactDepth: at least 1; a smaller depth is taken as 1.
    public init(exactDepth: Int = 1_000, ladderLifetime: Duration = .seconds(5), clock: any WallClock = SystemClock()) {
        self.exactDepth = max(1, exactDepth)
        self.ladderLifetime = ladderLifetime
        self.clock = clock
    }

    /// Every rank counted on every read.
    public static let exact = RankCounting(ladderLifetime: .zero)
}
