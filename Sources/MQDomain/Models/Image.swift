public typealias ImageID = Int

/// A photo a player attached to one of their visits.
public struct Image: Sendable, Equatable, Hashable {
    public var id: ImageID
    public var visitID: VisitID
    public var description: String
    /// The public URL of the uploaded object in this server's storage.
    public var imageURL: String
    public var likes: Int

    public init(id: ImageID, visitID: VisitID, description: String, imageURL: String, likes: Int = 0) {
        self.id = id
        self.visitID = visitID
        self.description = description
        self.imageURL = imageURL
        self.likes = likes
    }
}

/// A photo about to be attached to a visit: its URL is already checked against the caller's upload prefix.
public struct NewImage: Sendable, Equatable, Hashable {
    public var imageURL: String
    public var description: String

    public init(imageURL: String, description: String) {
        self.imageURL = imageURL
        self.description = description
    }
}
