/// One entry of a player's feed: a friend's visit, who made it, where, and its photos (newest first).
public struct FeedItem: Sendable, Equatable {
    public var visit: Visit
    public var player: PlayerCard
    public var location: Location

    public init(visit: Visit, player: PlayerCard, location: Location) {
        self.visit = visit
        self.player = player
        self.location = location
    }
}
