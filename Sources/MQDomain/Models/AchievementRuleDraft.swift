/// An achievement rule as staff submit it, before it is checked. `nil` means the part was not sent.
public struct AchievementRuleDraft: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case distinctLandmarks, distinctProvinces, landmarks
    }

    public var kind: Kind?
    /// How many landmarks or provinces, for the counting kinds.
    public var count: Int?
    /// Which landmarks, for ``Kind/landmarks``.
    public var landmarks: [LocationID]?

    public init(kind: Kind?, count: Int? = nil, landmarks: [LocationID]? = nil) {
        self.kind = kind
        self.count = count
        self.landmarks = landmarks
    }
}
