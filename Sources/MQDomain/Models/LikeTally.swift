/// A photo's likes after a player liked or unliked it.
public struct LikeTally: Sendable, Equatable {
    public var likes: Int
    /// Whether the player now likes the photo.
    public var liked: Bool

    public init(likes: Int, liked: Bool) {
        self.likes = likes
        self.liked = liked
    }
}
