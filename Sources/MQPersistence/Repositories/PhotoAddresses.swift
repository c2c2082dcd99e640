import MQDomain

/// Stored photo URLs (visit photos, profile pictures, landmark images) moved from one address to another,
/// e.g. from the bucket's own address to the CDN in front of it.
public struct PhotoAddresses: Sendable {
    let database: Database

    public init(store: PostgresStore) {
        database = store.database
    }

    static let images = Statement("photo_rewrite_images", """
        UPDATE core_image SET image_url = $2 || substr(image_url, length($1) + 1)
        WHERE starts_with(image_url, $1) AND length($2 || substr(image_url, length($1) + 1)) <= 200
        """)
    static let profiles = Statement("photo_rewrite_profiles", """
        UPDATE core_user SET profile_pic_url = $2 || substr(profile_pic_url, length($1) + 1)
        WHERE starts_with(profile_pic_url, $1) AND length($2 || substr(profile_pic_url, length($1) + 1)) <= 200
        """)
    static let landmarks = Statement("photo_rewrite_landmarks", """
        UPDATE core_location SET default_image_url = $2 || substr(default_image_url, length($1) + 1)
        WHERE starts_with(default_image_url, $1) AND length($2 || substr(default_image_url, length($1) + 1)) <= 200
        """)

    /// Rewrites every stored URL that starts with `oldPrefix` to start with `newPrefix` instead, in one
    /// transaction; URLs the new prefix would make too long for their column are left as they are.
    /// Idempotent. Returns how many URLs changed.
    public func rewrite(from oldPrefix: String, to newPrefix: String) async throws -> Int {
        guard oldPrefix != newPrefix, !oldPrefix.isEmpty else { return 0 }
        return try await database.transaction { session in
            try [Self.images, Self.profiles, Self.landmarks].reduce(0) { total, statement in
                total + (try session.command(statement, [oldPrefix, newPrefix]))
            }
        }
    }
}
