import FoundationEssentials

/// A check-in as the visit service decided it: who, where, what the first visit is worth, and photos.
public struct CheckIn: Sendable, Equatable {
    public var userID: UserID
    public var locationID: LocationID
    public var note: String
    public var at: Date
    /// The points a first visit awards.
    public var points: Int
    public var images: [NewImage]
    /// The most photos the visit may carry once `images` are attached.
    public var photoLimit: Int

    public init(userID: UserID, locationID: LocationID, note: String, at: Date, points: Int, images: [NewImage], photoLimit: Int = .max) {
        self.photoLimit = photoLimit
        self.userID = userID
        self.locationID = locationID
        self.note = note
        self.at = at
        self.points = points
        self.images = images
    }
}

/// What a check-in did.
public struct CheckInOutcome: Sendable, Equatable {
    /// The player's one visit to the location, with all of its images.
    public var visit: Visit
    /// `true` when this check-in created the visit and awarded its points.
    public var isFirstVisit: Bool
    /// The images this check-in attached.
    public var addedImages: [Image]
    /// The points this check-in awarded: the location's on a first visit, otherwise none.
    public var pointsEarned: Int
    /// The player's points after the check-in, achievements' points included.
    public var totalPoints: Int
    /// The achievements this check-in awarded, in identifier order.
    public var achievementsEarned: [Achievement]

    public init(visit: Visit, isFirstVisit: Bool, addedImages: [Image], pointsEarned: Int, totalPoints: Int, achievementsEarned: [Achievement] = []) {
        self.achievementsEarned = achievementsEarned
        self.visit = visit
        self.isFirstVisit = isFirstVisit
        self.addedImages = addedImages
        self.pointsEarned = pointsEarned
        self.totalPoints = totalPoints
    }
}

/// Where visits are kept. Visits come back with their images, newest first.
public protocol VisitRepository: Sendable {
    /// Atomically: creates the player's visit to the location unless one exists — crediting
    /// `checkIn.points` to the player only when it does — attaches `checkIn.images` to the visit, and
    /// awards every achievement whose rule the player's visits now meet and that they do not hold yet,
    /// crediting its points. Exactly one of any number of concurrent first check-ins creates the visit,
    /// and each achievement is awarded to a player at most once however check-ins race.
    /// Returns `nil` when the player or the location no longer exists. Throws ``PhotoLimitReached``, having
    /// changed nothing, when the visit would carry more than `checkIn.photoLimit` photos.
    func checkIn(_ checkIn: CheckIn) async throws -> CheckInOutcome?
    /// The player's visits, newest first.
    func visits(of userID: UserID, _ page: PageRequest) async throws -> Page<Visit>
    /// Any player's visit: callers check ownership.
    func find(id: VisitID) async throws -> Visit?
    func updateNote(id: VisitID, ownedBy userID: UserID, note: String) async throws -> Visit?
    /// Atomically removes the visit and its images and takes the location's points back from the player
    /// (never below zero). Returns `false` when the visit is not the player's.
    func delete(id: VisitID, ownedBy userID: UserID) async throws -> Bool
}
