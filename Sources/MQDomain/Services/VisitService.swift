/// Checking in at landmarks. A location's points are awarded exactly once per player.
public struct VisitService: Sendable {
    private let visits: any VisitRepository
    private let clock: any WallClock
    private let photos: PhotoService
    private let photoLimit: Int
    private let proximity: ProximityRule
    private let landmarks: LandmarkLookup

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    /// - Parameter catalog: the landmarks kept in memory, shared with ``LocationService`` so its writes
    ///   reach check-ins at once; `nil` reads the landmark from the store on every check-in.
    public init(
        locations: any LocationRepository, visits: any VisitRepository, clock: any WallClock = SystemClock(), limits: GameLimits = .standard,
        proximity: ProximityRule = .off, photos: PhotoService, catalog: LandmarkCatalog? = nil
    ) {
        landmarks = LandmarkLookup(catalog: catalog, locations: locations)
        self.photoLimit = limits.photosPerVisit
        self.visits = visits
        self.clock = clock
        self.proximity = proximity
        self.photos = photos
    }

    init(_ dependencies: GameDependencies, photos: PhotoService, catalog: LandmarkCatalog?) {
        self.init(
            locations: dependencies.locations, visits: dependencies.visits, clock: dependencies.clock, limits: dependencies.limits,
            proximity: dependencies.proximity, photos: photos, catalog: catalog)
    }

    /// The landmark a check-in is at (``LandmarkLookup``). One deleted since the catalog's snapshot still
    /// cannot be visited, since a visit is written only if its landmark exists.
    private func landmark(_ id: LocationID) async throws -> Location? {
        try await landmarks.find(id)
    }

    /// The visit action: the first check-in creates the visit and awards the location's points; later
    /// ones only attach the photos. Either may award achievements whose rules the player now meets.
    /// The position, when the game requires one, and the photos are checked before anything is written.
    public func checkIn(
        at locationID: LocationID, by caller: User, note: String?, photos attachments: [PhotoAttachment],
        position: PositionReport = .none
    ) async throws -> CheckInOutcome {
        guard let location = try await landmark(locationID) else { throw MapleQuestError.notFound(.location) }
        try TextLimit.require(note ?? "", limit: TextLimit.freeText, field: "note")
        try proximity.check(position, at: location)
        let images = try photos.checkedAttachments(attachments, field: "images", for: caller.id)
        let checkIn = CheckIn(
            userID: caller.id, locationID: location.id, note: note ?? "", at: clock.now(),
            points: location.points, images: images, photoLimit: photoLimit)
        do {
            guard let outcome = try await visits.checkIn(checkIn) else { throw MapleQuestError.notFound(.location) }
            return outcome
        } catch let full as PhotoLimitReached {
            throw MapleQuestError.invalid(FieldErrors("images", FieldMessage.tooManyPhotos(full.limit)))
        }
    }

    /// Records a first visit through the visits collection. It awards points like ``checkIn(at:by:note:photos:)``
    /// but refuses a location the player has already visited.
    /// The same proximity rule applies.
    public func recordVisit(to locationID: LocationID?, by caller: User, note: String?, position: PositionReport = .none) async throws -> Visit {
        guard let locationID else { throw MapleQuestError.invalid(FieldErrors("location", FieldMessage.required)) }
        try TextLimit.require(note ?? "", limit: TextLimit.freeText, field: "note")
        guard TextLimit.isStorable(locationID), let location = try await landmark(locationID) else {
            throw MapleQuestError.invalid(FieldErrors("location", .unknownReference(locationID)))
        }
        try proximity.check(position, at: location)
        let checkIn = CheckIn(
            userID: caller.id, locationID: location.id, note: note ?? "", at: clock.now(),
            points: location.points, images: [])
        guard let outcome = try await visits.checkIn(checkIn) else {
            throw MapleQuestError.invalid(FieldErrors("location", .unknownReference(locationID)))
        }
        guard outcome.isFirstVisit else {
            throw MapleQuestError.invalid(FieldErrors("location", "You have already visited this location."))
        }
        return outcome.visit
    }

    public func visits(of caller: User, _ page: PageRequest) async throws -> Page<Visit> {
        try page.requireValid()
        return try await visits.visits(of: caller.id, page).requireExisting()
    }

    public func visit(_ id: VisitID, of caller: User) async throws -> Visit {
        guard let visit = try await visits.find(id: id), visit.userID == caller.id else {
            throw MapleQuestError.notFound(.visit)
        }
        return visit
    }

    /// Changes a visit's note, the only thing about a visit that may change. `nil` leaves it as it is.
    public func updateNote(_ id: VisitID, to note: String?, by caller: User) async throws -> Visit {
        guard let note else { return try await visit(id, of: caller) }
        try TextLimit.require(note, limit: TextLimit.freeText, field: "note")
        guard let visit = try await visits.updateNote(id: id, ownedBy: caller.id, note: note) else {
            throw MapleQuestError.notFound(.visit)
        }
        return visit
    }

    /// Deletes a visit with its photos and takes its location's points back.
    public func delete(_ id: VisitID, by caller: User) async throws {
        guard try await visits.delete(id: id, ownedBy: caller.id) else { throw MapleQuestError.notFound(.visit) }
    }
}
