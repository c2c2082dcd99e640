/// A friend's visit as the feed's store reads it: the visit with its photos (newest first) and who made
/// it. ``FeedService`` adds the landmark, from the catalog the map reads.
public struct FriendVisit: Sendable, Equatable {
    public var visit: Visit
    public var player: PlayerCard

    public init(visit: Visit, player: PlayerCard) {
        self.visit = visit
        self.player = player
    }
}
