/// Where and how a phone uploads one photo.
public struct UploadTicket: Sendable, Equatable {
    public var uploadURL: String
    public var publicURL: String
    /// `images/{user_id}/{8 random hex}.{ext}`.
    public var key: String
    /// The `Content-Type` the upload must carry.
    public var contentType: String
    public var expiresIn: Int
}

/// A photo a client wants attached: a URL it uploaded to, and an optional caption.
public struct PhotoAttachment: Sendable, Equatable {
    public var imageURL: String?
    public var description: String?

    public init(imageURL: String?, description: String? = nil) {
        self.imageURL = imageURL
        self.description = description
    }
}

/// Uploading photos and attaching them to visits. A photo must live under the player's own upload prefix
/// of this server's storage, so nobody can attach somebody else's photo or an arbitrary URL.
public struct PhotoService: Sendable {
    public static let uploadLifetime = 3600
    static let duplicateMessage = "The same photo may be attached only once."
    /// The extensions a photo may have, with the content type its upload must carry.
    public static let contentTypes = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
        "heic": "image/heic", "webp": "image/webp",
    ]

    private let uploads: any UploadSigner
    private let visits: any VisitRepository
    private let images: any ImageRepository
    private let ids: any IdentifierSource
    private let limits: GameLimits
    private let tickets: RateLimiter

    /// The service over exactly the ports it needs, for tools that embed the domain without the rest.
    public init(
        visits: any VisitRepository, images: any ImageRepository, ids: any IdentifierSource = RandomIdentifierSource(), uploads: any UploadSigner,
        limits: GameLimits = .standard
    ) {
        self.limits = limits
        self.tickets = RateLimiter(limits.uploadTickets)
        self.uploads = uploads
        self.visits = visits
        self.images = images
        self.ids = ids
    }

    init(_ dependencies: GameDependencies) {
        self.init(visits: dependencies.visits, images: dependencies.images, ids: dependencies.ids, uploads: dependencies.uploads, limits: dependencies.limits)
    }

    /// Signs an upload for a photo named `filename`. Only its extension is used: the object key is
    /// generated, so nothing in the name can leave the caller's prefix.
    public func prepareUpload(filename: String?, for caller: User) async throws -> UploadTicket {
        guard let filename = filename?.trimmingWhitespace(), !filename.isEmpty else {
            throw MapleQuestError.rejected("filename is required")
        }
        let name = filename.split(separator: "/").last.map(String.init) ?? filename
        let dot = name.lastIndex(of: ".")
        let fileExtension = dot.map { name[name.index(after: $0)...].lowercased() } ?? ""
        guard let contentType = Self.contentTypes[fileExtension] else {
            throw MapleQuestError.rejected("Unsupported file type: use one of jpg, jpeg, png, heic, webp")
        }
        try tickets.spend(caller.id).orThrow()
        let key = "images/\(caller.id)/\(ids.newUploadName()).\(fileExtension)"
        let signed: SignedUpload
        do {
            signed = try await uploads.signUpload(key: key, contentType: contentType, expiresIn: Self.uploadLifetime)
        } catch {
            throw MapleQuestError.storageUnavailable("Failed to generate upload URL")
        }
        return UploadTicket(
            uploadURL: signed.uploadURL, publicURL: signed.publicURL, key: key,
            contentType: contentType, expiresIn: Self.uploadLifetime)
    }

    /// Checks each attachment and turns it into a new image, or throws every problem found, keyed
    /// `field` (e.g. `images` or `image_url`).
    /// At most ``GameLimits/photosPerRequest`` photos, each URL once.
    public func checkedAttachments(_ attachments: [PhotoAttachment], field: String, for userID: UserID) throws(MapleQuestError) -> [NewImage] {
        guard attachments.count <= limits.photosPerRequest else {
            throw .invalid(FieldErrors(field, FieldMessage.tooManyItems(limits.photosPerRequest)))
        }
        var errors = FieldErrors()
        var checked: [NewImage] = []
        var seen: Set<String> = []
        for attachment in attachments {
            guard let url = attachment.imageURL?.trimmingWhitespace(), !url.isEmpty else {
                errors.add(field, "image_url: \(FieldMessage.required)")
                continue
            }
            var captionErrors = FieldErrors()
            TextLimit.check(attachment.description ?? "", limit: TextLimit.freeText, field: "description", into: &captionErrors)
            for message in captionErrors.messages["description"] ?? [] { errors.add(field, "description: \(message)") }
            if let problem = problem(with: url, for: userID) {
                errors.add(field, problem)
            } else if !seen.insert(url).inserted {
                errors.add(field, "image_url: \(Self.duplicateMessage)")
            } else {
                checked.append(NewImage(imageURL: url, description: attachment.description ?? ""))
            }
        }
        try errors.throwIfAny()
        return checked
    }

    /// Why `url` may not be attached by `userID`, or `nil` when it may.
    func problem(with url: String, for userID: UserID) -> String? {
        guard TextLimit.length(url) <= WebAddress.maximumLength else { return FieldMessage.tooLong(WebAddress.maximumLength) }
        guard TextLimit.isStorable(url) else { return TextLimit.nulMessage }
        let prefix = "images/\(userID)/"
        guard let key = uploads.key(forPublicURL: url),
            key.hasPrefix(prefix),
            key.count > prefix.count,
            !key.dropFirst(prefix.count).contains("/"),
            !key.contains("..")
        else {
            return "Image URL must point to one of your own uploads."
        }
        return nil
    }

    /// Attaches a photo to one of the caller's visits.
    public func attach(_ attachment: PhotoAttachment, toVisit visitID: VisitID?, by caller: User) async throws -> Image {
        var errors = FieldErrors()
        var visit: Visit?
        if let visitID {
            visit = try await visits.find(id: visitID)
            if visit == nil { errors.add("visit", .unknownReference(String(visitID))) }
        } else {
            errors.add("visit", FieldMessage.required)
        }
        var image: NewImage?
        if let url = attachment.imageURL?.trimmingWhitespace(), !url.isEmpty {
            if let problem = problem(with: url, for: caller.id) {
                errors.add("image_url", problem)
            } else {
                image = NewImage(imageURL: url, description: attachment.description ?? "")
            }
        } else {
            errors.add("image_url", attachment.imageURL == nil ? FieldMessage.required : FieldMessage.blank)
        }
        TextLimit.check(attachment.description ?? "", limit: TextLimit.freeText, field: "description", into: &errors)
        if let visit, visit.userID != caller.id {
            throw MapleQuestError.forbidden("You can only add images to your own visits")
        }
        try errors.throwIfAny()
        do {
            guard let added = try await images.add(image!, to: visit!.id, limit: limits.photosPerVisit) else {
                throw MapleQuestError.notFound(.visit)
            }
            return added
        } catch let full as PhotoLimitReached {
            throw MapleQuestError.invalid(FieldErrors("visit", FieldMessage.tooManyPhotos(full.limit)))
        }
    }

    public func images(of caller: User, _ page: PageRequest) async throws -> Page<Image> {
        try page.requireValid()
        return try await images.images(ownedBy: caller.id, page).requireExisting()
    }

    public func image(_ id: ImageID, of caller: User) async throws -> Image {
        guard let image = try await images.find(id: id, ownedBy: caller.id) else { throw MapleQuestError.notFound(.image) }
        return image
    }

    /// Changes a photo's caption, the only thing about it that may change. `nil` leaves it as it is.
    public func describe(_ id: ImageID, as description: String?, by caller: User) async throws -> Image {
        guard let description else { return try await image(id, of: caller) }
        try TextLimit.require(description, limit: TextLimit.freeText, field: "description")
        guard let image = try await images.updateDescription(id: id, ownedBy: caller.id, description: description) else {
            throw MapleQuestError.notFound(.image)
        }
        return image
    }

    /// Likes any player's photo, once: liking it again changes nothing.
    public func like(_ id: ImageID, by caller: User) async throws -> LikeTally {
        guard let tally = try await images.like(id: id, by: caller.id) else { throw MapleQuestError.notFound(.image) }
        return tally
    }

    /// Takes a like back; taking back one never given changes nothing.
    public func unlike(_ id: ImageID, by caller: User) async throws -> LikeTally {
        guard let tally = try await images.unlike(id: id, by: caller.id) else { throw MapleQuestError.notFound(.image) }
        return tally
    }

    public func delete(_ id: ImageID, by caller: User) async throws {
        guard try await images.delete(id: id, ownedBy: caller.id) else { throw MapleQuestError.notFound(.image) }
    }
}
