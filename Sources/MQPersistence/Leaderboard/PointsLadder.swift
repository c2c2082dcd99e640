/// How many players held each points total when it was read: a snapshot of `core_user` small enough to
/// keep (one entry per distinct total, not per player) that says how many players are above a total in
/// O(log totals).
struct PointsLadder: Sendable {
    /// The distinct totals, highest first.
    private let totals: [Int]
    /// `playersAboveRung[i]`: how many players hold a total higher than `totals[i]`; one longer than
    /// `totals`, ending with every player.
    private let playersAboveRung: [Int]

    /// - Parameter holders: each total with how many players hold it, in any order.
    init(_ holders: [(points: Int, players: Int)]) {
        let rungs = holders.sorted { $0.points > $1.points }
        totals = rungs.map(\.points)
        var above = [0]
        above.reserveCapacity(rungs.count + 1)
        for rung in rungs { above.append(above[above.count - 1] + rung.players) }
        playersAboveRung = above
    }

    /// Every player on the ladder.
    var players: Int { playersAboveRung[playersAboveRung.count - 1] }

    /// How many players hold more than `points`.
    func playersAbove(_ points: Int) -> Int {
        var low = 0
        var high = totals.count
        while low < high {
            let middle = (low + high) / 2
            if totals[middle] > points { low = middle + 1 } else { high = middle }
        }
        return playersAboveRung[low]
    }
}
