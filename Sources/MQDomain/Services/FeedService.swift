/// What a player's friends have been visiting.
public struct FeedService: Sendable {
    private let feed: any FeedRepository

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    public init(feed: any FeedRepository) {
        self.feed = feed
    }

    init(_ dependencies: GameDependencies) {
        self.init(feed: dependencies.feed)
    }

    /// Friends' visits, newest first, paged like every list.
    public func feed(of caller: User, _ page: PageRequest) async throws -> Page<FeedItem> {
        try page.requireValid()
        return try await feed.feed(for: caller.id, page).requireExisting()
    }
}
