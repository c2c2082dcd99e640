/// `{"friends": [...], "count": N}`.
struct FriendsJSON: Encodable {
    let friends: [UserProfileJSON]
    let count: Int
}
