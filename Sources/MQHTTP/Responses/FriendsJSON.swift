/// `{"friends": [...], "count": N}`, written without `JSONEncoder`: a full circle is 500 profiles.
struct FriendsJSON: WritesOwnJSON {
    let friends: [UserProfileJSON]
    let count: Int

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("count", count)
        writer.field("friends", objects: friends)
    }
}
