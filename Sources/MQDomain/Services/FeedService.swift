/// What a player's friends have been visiting.
public struct FeedService: Sendable {
    private let feed: any FeedRepository
    private let landmarks: LandmarkLookup

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    /// - Parameter catalog: the landmarks kept in memory, shared with ``LocationService`` so its writes
    ///   reach the feed at once; `nil` reads each item's landmark from `locations`.
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
        var items: [FeedItem] = []
        items.reserveCapacity(visits.items.count)
        for friendVisit in visits.items {
            guard let location = try await landmarks.find(friendVisit.visit.locationID) else { continue }
            items.append(FeedItem(visit: friendVisit.visit, player: friendVisit.player, location: location))
        }
        return Page(items: items, totalCount: visits.totalCount, request: visits.request)
    }
}
