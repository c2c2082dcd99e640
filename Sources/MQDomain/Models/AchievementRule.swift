/// What a player must have done to earn an achievement. Rules look only at distinct landmarks visited,
/// so they are checked on every check-in and an achievement is awarded once, when first met.
public enum AchievementRule: Sendable, Hashable {
    /// At least this many different landmarks.
    case distinctLandmarks(Int)
    /// Landmarks in at least this many different provinces.
    case distinctProvinces(Int)
    /// Every one of these landmarks.
    case landmarks(Set<LocationID>)

    /// The largest count a rule may ask for, and the most landmarks a set may name.
    public static let largestCount = 10_000
    public static let largestSet = 100

    public func isMet(by progress: PlayerProgress) -> Bool {
        switch self {
        case .distinctLandmarks(let count): progress.landmarks.count >= count
        case .distinctProvinces(let count): progress.provinces.count >= count
        case .landmarks(let required): required.isSubset(of: progress.landmarks)
        }
    }
}

/// What a player has visited, as achievement rules see it.
public struct PlayerProgress: Sendable, Equatable {
    public var landmarks: Set<LocationID>
    /// Provinces compared without case or surrounding spaces; an empty province counts for nothing.
    public var provinces: Set<String>

    /// Builds progress from each visited landmark's identifier and province.
    public init(visited: some Sequence<(LocationID, String)>) {
        var landmarks = Set<LocationID>()
        var provinces = Set<String>()
        for (id, province) in visited {
            landmarks.insert(id)
            let key = province.trimmingWhitespace().lowercased()
            if !key.isEmpty { provinces.insert(key) }
        }
        self.landmarks = landmarks
        self.provinces = provinces
    }

    /// The achievements among `candidates` whose rules this progress meets, in identifier order.
    public func metAchievements(_ candidates: some Sequence<Achievement>) -> [Achievement] {
        candidates.filter { $0.rule?.isMet(by: self) == true }.sorted { $0.id < $1.id }
    }
}
