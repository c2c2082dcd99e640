/// A location as a staff member submits it. `nil` means the field was not sent.
public struct LocationDraft: Sendable, Equatable {
    public var name: String?
    public var province: String?
    public var latitude: String?
    public var longitude: String?
    public var description: String?
    public var points: Int?
    /// `.some(nil)` clears the default image.
    public var defaultImageURL: String??

    public init(
        name: String? = nil, province: String? = nil, latitude: String? = nil, longitude: String? = nil,
        description: String? = nil, points: Int? = nil, defaultImageURL: String?? = nil
    ) {
        self.name = name
        self.province = province
        self.latitude = latitude
        self.longitude = longitude
        self.description = description
        self.points = points
        self.defaultImageURL = defaultImageURL
    }
}

/// A landmark to seed.
public struct Landmark: Sendable, Equatable {
    public var name: String
    public var province: String
    public var latitude: String
    public var longitude: String
    public var points: Int
    /// A file name under `locations/` in photo storage.
    public var defaultImage: String
    public var description: String

    public init(name: String, province: String, latitude: String, longitude: String, points: Int, defaultImage: String, description: String) {
        self.name = name
        self.province = province
        self.latitude = latitude
        self.longitude = longitude
        self.points = points
        self.defaultImage = defaultImage
        self.description = description
    }
}

/// What seeding changed.
public struct SeedReport: Sendable, Equatable {
    public var created: Int
    public var updated: Int
    public var unchanged: Int

    public init(created: Int, updated: Int, unchanged: Int) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// The map's landmarks: public reads, staff-only writes, and idempotent seeding.
public struct LocationService: Sendable {
    private let locations: any LocationRepository
    private let images: any ImageRepository
    private let ids: any IdentifierSource
    private let uploads: any UploadSigner
    private let photosShown: Int
    /// Answers the public reads when set; staff reads and writes always go to the store.
    private let catalog: LandmarkCatalog?

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    /// - Parameter catalog: landmarks kept in memory for the public reads; `nil` reads the store every time.
    public init(
        locations: any LocationRepository, images: any ImageRepository, ids: any IdentifierSource = RandomIdentifierSource(), uploads: any UploadSigner,
        limits: GameLimits = .standard, catalog: LandmarkCatalog? = nil
    ) {
        self.photosShown = limits.landmarkPhotosShown
        self.catalog = catalog
        self.locations = locations
        self.images = images
        self.ids = ids
        self.uploads = uploads
    }

    init(_ dependencies: GameDependencies, catalog: LandmarkCatalog?) {
        self.init(
            locations: dependencies.locations, images: dependencies.images, ids: dependencies.ids, uploads: dependencies.uploads, limits: dependencies.limits,
            catalog: catalog)
    }

    public func list(_ page: PageRequest) async throws -> Page<Location> {
        try page.requireValid()
        if let catalog { return try await catalog.list(page).requireExisting() }
        return try await locations.list(page).requireExisting()
    }

    /// Names the landmarks the public reads answer from while they stay the same, so that an adapter may
    /// keep what it derived from them (an encoded answer); `nil` when the reads go to the store each time.
    public func catalogVersion() async throws -> Int? {
        try await catalog?.version()
    }

    /// Landmarks nearest `near` first, each with its distance. `near` is `"LAT,LON"` in decimal degrees.
    public func nearby(_ page: PageRequest, near: String) async throws -> Page<NearbyLocation> {
        guard let origin = Coordinate(pair: near) else {
            throw MapleQuestError.invalid(FieldErrors("near", FieldMessage.invalidCoordinatePair))
        }
        try page.requireValid()
        if let catalog { return try await catalog.nearby(origin, page).requireExisting() }
        return try await locations.nearby(origin, page).requireExisting()
    }

    public func location(_ id: LocationID) async throws -> Location {
        guard TextLimit.isStorable(id) else { throw MapleQuestError.notFound(.location) }
        let found = if let catalog { try await catalog.find(id: id) } else { try await locations.find(id: id) }
        guard let found else { throw MapleQuestError.notFound(.location) }
        return found
    }

    /// The location as stored right now, never from the catalog: what a staff write starts from.
    private func storedLocation(_ id: LocationID) async throws -> Location {
        guard TextLimit.isStorable(id), let location = try await locations.find(id: id) else { throw MapleQuestError.notFound(.location) }
        return location
    }

    /// The location and the newest photos taken there (at most ``GameLimits/landmarkPhotosShown``),
    /// with how many there are in all.
    public func photos(at id: LocationID) async throws -> (location: Location, images: [Image], total: Int) {
        let location = try await location(id)
        let (newest, total) = try await images.images(at: id, limit: photosShown)
        return (location, newest, total)
    }

    public func create(_ draft: LocationDraft, by caller: User) async throws -> Location {
        try StaffPolicy.requireStaff(caller)
        let blank = Location(
            id: ids.newLocationID(), name: "", province: "", latitude: "", longitude: "",
            description: "", points: 0, defaultImageURL: nil)
        let location = try Self.apply(draft, to: blank, requireAll: true)
        defer { catalog?.invalidate() }
        return try await locations.create(location)
    }

    /// Replaces (`partial == false`) or patches a location.
    public func update(_ id: LocationID, with draft: LocationDraft, partial: Bool, by caller: User) async throws -> Location {
        try StaffPolicy.requireStaff(caller)
        let existing = try await storedLocation(id)
        defer { catalog?.invalidate() }
        guard let updated = try await locations.update(try Self.apply(draft, to: existing, requireAll: !partial)) else {
            throw MapleQuestError.notFound(.location)
        }
        return updated
    }

    /// Refuses anyone but staff before a write's body is even read: a player learns nothing from it.
    public func authorizeChanges(by caller: User) throws(MapleQuestError) {
        try StaffPolicy.requireStaff(caller)
    }

    public func delete(_ id: LocationID, by caller: User) async throws {
        try StaffPolicy.requireStaff(caller)
        defer { catalog?.invalidate() }
        guard try await locations.delete(id: id) else { throw MapleQuestError.notFound(.location) }
    }

    /// Upserts the landmarks by name: creates the missing ones and brings the others up to date.
    /// Running it twice changes nothing the second time.
    public func seed(_ landmarks: [Landmark]) async throws -> SeedReport {
        var report = SeedReport(created: 0, updated: 0, unchanged: 0)
        defer { catalog?.invalidate() }
        for landmark in landmarks {
            let imageURL = uploads.publicURL(forKey: "locations/\(landmark.defaultImage)")
            if var location = try await locations.find(name: landmark.name) {
                let before = location
                location.province = landmark.province
                location.latitude = landmark.latitude
                location.longitude = landmark.longitude
                location.points = landmark.points
                location.description = landmark.description
                location.defaultImageURL = imageURL
                if location == before {
                    report.unchanged += 1
                } else {
                    _ = try await locations.update(location)
                    report.updated += 1
                }
            } else {
                _ = try await locations.create(
                    Location(
                        id: ids.newLocationID(), name: landmark.name, province: landmark.province,
                        latitude: landmark.latitude, longitude: landmark.longitude, description: landmark.description,
                        points: landmark.points, defaultImageURL: imageURL))
                report.created += 1
            }
        }
        return report
    }

    /// Validates `draft` and applies it to `location`. With `requireAll`, a missing name, latitude or
    /// longitude is an error, and other missing fields fall back to their defaults.
    static func apply(_ draft: LocationDraft, to location: Location, requireAll: Bool) throws(MapleQuestError) -> Location {
        var location = location
        var errors = FieldErrors()
        if let name = draft.name?.trimmingWhitespace() {
            if name.isEmpty { errors.add("name", FieldMessage.blank) }
            TextLimit.check(name, limit: TextLimit.locationName, field: "name", into: &errors)
            location.name = name
        } else if requireAll {
            errors.add("name", FieldMessage.required)
        }
        if let province = draft.province?.trimmingWhitespace() {
            TextLimit.check(province, limit: TextLimit.province, field: "province", into: &errors)
            location.province = province
        } else if requireAll {
            location.province = ""
        }
        if let latitude = coordinate(draft.latitude, field: "latitude", range: -90...90, requireAll, into: &errors) {
            location.latitude = latitude
        }
        if let longitude = coordinate(draft.longitude, field: "longitude", range: -180...180, requireAll, into: &errors) {
            location.longitude = longitude
        }
        if let description = draft.description {
            TextLimit.check(description, limit: TextLimit.freeText, field: "description", into: &errors)
            location.description = description
        } else if requireAll {
            location.description = ""
        }
        if let points = draft.points {
            PointsRule.check(points, into: &errors)
            location.points = points
        } else if requireAll {
            location.points = 0
        }
        if let imageChange = draft.defaultImageURL {
            let url = imageChange?.trimmingWhitespace()
            if let url, !url.isEmpty {
                WebAddress.check(url, field: "default_image_url", into: &errors)
                location.defaultImageURL = url
            } else {
                location.defaultImageURL = nil
            }
        } else if requireAll {
            location.defaultImageURL = nil
        }
        try errors.throwIfAny()
        return location
    }

    private static func coordinate(
        _ raw: String?, field: String, range: ClosedRange<Double>, _ required: Bool, into errors: inout FieldErrors
    ) -> String? {
        guard let raw else {
            if required { errors.add(field, FieldMessage.required) }
            return nil
        }
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else {
            errors.add(field, FieldMessage.blank)
            return nil
        }
        guard text.count <= TextLimit.coordinate,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
            let value = Double(text), value.isFinite
        else {
            errors.add(field, "A valid number is required.")
            return nil
        }
        if value < range.lowerBound { errors.add(field, FieldMessage.atLeast(Int(range.lowerBound))) }
        if value > range.upperBound { errors.add(field, FieldMessage.atMost(Int(range.upperBound))) }
        return text
    }
}
