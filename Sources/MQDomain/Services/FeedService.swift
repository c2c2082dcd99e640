/// What a player's friends have been visiting.
public struct FeedService: Sendable {
    private let feed: any FeedRepository
    private let landmarks: LandmarkLookup

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    /// - Parameter catalog: the landmarks kept in memory, shared with ``LocationService`` so its writes
    ///   reach the feed at once; `nil` reads a page's landmarks from `locations`, in one read.
    public init(feed: any FeedRepository, locations: any LocationRepository, catalog: LandmarkCatalog? = nil) {
        self.feed = feed
        landmarks = LandmarkLookup(catalog: catalog, locations: locations)
    }

    init(_ dependencies: GameDependencies, catalog: LandmarkCatalog?) {
        self.init(feed: dependencies.feed, locations: dependencies.locations, catalog: catalog)
    }

    /// Friends' visits, newest first, paged like every list, each with its landmark as the map shows it.
    /// A visit whose landmark was deleted after the page was read (which deletes the visit too) is left out.
    public func feed(of caller: User, _ page: PageRequest) async throws -> Page<FeedItem> {
        try page.requireValid()
        let visits = try await feed.friendVisits(for: caller.id, page).requireExisting()
        let places = try await landmarks.find(visits.items.map(\.visit.locationID))
        let items = visits.items.compactMap { friendVisit in
            places[friendVisit.visit.locationID].map { FeedItem(visit: friendVisit.visit, player: friendVisit.player, location: $0) }
        }
        return Page(items: items, totalCount: visits.totalCount, request: visits.request)
    }
}
