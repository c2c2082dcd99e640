import MQDomain

/// Stored photo URLs (visit photos, profile pictures, landmark images) moved from one address to another,
/// e.g. from the bucket's own address to the CDN in front of it.
public struct PhotoAddresses: Sendable {
    let database: Database

    public init(store: PostgresStore) {
        database = store.database
    }

    static let images = Statement(
        "photo_rewrite_images",
        """
        UPDATE core_image SET image_url = $2 || substr(image_url, length($1) + 1)
        WHERE starts_with(image_url, $1) AND length($2 || substr(image_url, length($1) + 1)) <= 200
        """)
    static let profiles = Statement(
        "photo_rewrite_profiles",
        """
        UPDATE core_user SET profile_pic_url = $2 || substr(profile_pic_url, length($1) + 1)
        WHERE starts_with(profile_pic_url, $1) AND length($2 || substr(profile_pic_url, length($1) + 1)) <= 200
        """)
    static let landmarks = Statement(
        "photo_rewrite_landmarks",
        """
        UPDATE core_location SET default_image_url = $2 || substr(default_image_url, length($1) + 1)
        WHERE starts_with(default_image_url, $1) AND length($2 || substr(default_image_url, length($1) + 1)) <= 200
        """)

    /// One table's photo column, for the batched rewrite.
    struct Column: Sendable {
        let table: String
        let key: String
        let column: String
        let limit = 200

        /// URLs under the old prefix that the new one fits, and that are not already under the new one.
        var matching: String {
            "starts_with(\(column), $1) AND NOT starts_with(\(column), $2) AND length($2 || substr(\(column), length($1) + 1)) <= \(limit)"
        }
        var count: Statement { Statement("photo_count_\(table)", "SELECT count(*) AS matching FROM \(table) WHERE \(matching)") }
        var batch: Statement {
            Statement(
                "photo_batch_\(table)",
                """
                UPDATE \(table) SET \(column) = $2 || substr(\(column), length($1) + 1)
                WHERE \(key) IN (SELECT \(key) FROM \(table) WHERE \(matching) LIMIT $3)
                """)
        }
    }

    static let columns = [
        Column(table: "core_image", key: "id", column: "image_url"),
        Column(table: "core_user", key: "\"userId\"", column: "profile_pic_url"),
        Column(table: "core_location", key: "\"locationId\"", column: "default_image_url"),
    ]

    /// How many stored URLs a rewrite from `oldPrefix` to `newPrefix` would change, changing nothing.
    public func count(from oldPrefix: String, to newPrefix: String) async throws -> Int {
        guard oldPrefix != newPrefix, !oldPrefix.isEmpty else { return 0 }
        return try await database.run { session in
            try Self.columns.reduce(0) { total, column in total + (try session.query(column.count, [oldPrefix, newPrefix]).first?.int("matching") ?? 0) }
        }
    }

    /// Rewrites the URLs in batches of `batchSize`, each its own short transaction, so a large table is
    /// never locked at once and an interrupted run resumes where it stopped. Idempotent. `progress` is
    /// told the URLs done so far and the total found at the start. Returns how many changed.
    public func rewriteInBatches(
        from oldPrefix: String, to newPrefix: String, batchSize: Int = 1000, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Int {
        let total = try await count(from: oldPrefix, to: newPrefix)
        guard total > 0 else { return 0 }
        var done = 0
        progress(0, total)
        for column in Self.columns {
            while true {
                let changed = try await database.command(column.batch, [oldPrefix, newPrefix, String(max(1, batchSize))])
                if changed == 0 { break }
                done += changed
                progress(done, max(total, done))
            }
        }
        return done
    }

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
