import MQDomain

/// `{"likes": N, "liked": bool}` after a like or unlike.
struct LikeJSON: Encodable {
    let likes: Int
    let liked: Bool

    init(_ tally: LikeTally) {
        likes = tally.likes
        liked = tally.liked
    }
}
