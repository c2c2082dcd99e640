import MQTestSupport
import Testing

@testable import MQPersistence

/// The social reads find their players in `mq_user_card_idx` (migration 9) alone, without reading a table
/// page per player, and descend the indexes keyed `COLLATE "C"` (migration 10): a statement comparing
/// identifiers in the database's own collation (`C.UTF-8` here) could not use them. The tables here are
/// tiny, so the plans are asked for with sequential and bitmap scans off, as PostgreSQL would plan them
/// for tables of many pages.
@Suite("Query plans of the social reads")
struct QueryPlanTests {
    /// Players `p0`…`p5`, `p0` friends with every other, each friend with a visit to one landmark.
    func socialDatabase() async throws -> PostgresStore {
        let settings = try await TestDatabase.fresh()
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        try await TestDatabase.insertPlayers((0..<6).map { (id: "p\($0)", points: $0 * 10) }, in: settings.name)
        try await TestDatabase.execute(
            """
            INSERT INTO core_location ("locationId", name, latitude, longitude, description, points, province)
            VALUES ('banff', 'Banff', '51.18', '-115.57', '', 10, 'AB');
            INSERT INTO core_friendrequest (status, created_at, updated_at, from_user_id, to_user_id)
            SELECT 'accepted', now(), now(), 'p0', 'p' || i FROM generate_series(1, 5) i;
            INSERT INTO core_visit (visited_at, note, location_id, user_id)
            SELECT now(), '', 'banff', 'p' || i FROM generate_series(1, 5) i;
            """, in: settings.name)
        try await allVisible(settings.name, in: store)
        return store
    }

    /// Vacuums until the players' and visits' pages are all marked all-visible, as a live database's are
    /// between changes: index-only scans are planned for them only then. A concurrent ANALYZE can hold one
    /// VACUUM back (`benchmarks/vacuum-seeded.sh`), so it tries again.
    func allVisible(_ database: String, in store: PostgresStore) async throws {
        let marked = Statement(
            "test_all_visible", "SELECT bool_and(relallvisible >= relpages) AS marked FROM pg_class WHERE relname IN ('core_user', 'core_visit')")
        for _ in 0..<20 {
            try await TestDatabase.execute("VACUUM ANALYZE", in: database)
            if try await store.database.run({ try $0.query(marked).first?.bool("marked") }) == true { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("core_user and core_visit never became all-visible")
    }

    /// The lines of `EXPLAIN EXECUTE` for `statement` with `arguments` (SQL literals), planned as for tables
    /// of many pages unless `asTheTablesAre`.
    func plan(of statement: Statement, _ arguments: String, in store: PostgresStore, asTheTablesAre: Bool = false) async throws -> [String] {
        try await store.database.run { session in
            if !asTheTablesAre { try session.execute("SET enable_seqscan = off; SET enable_bitmapscan = off") }
            try session.execute("PREPARE planned AS " + statement.sql)
            // Named after the statement: a connection keeps a statement by its name, so one store can plan several.
            let explain = Statement("test_plan_" + statement.name, "EXPLAIN EXECUTE planned(\(arguments))")
            let lines = try session.query(explain).map { try $0.string("QUERY PLAN") }
            try session.execute("DEALLOCATE planned; RESET enable_seqscan; RESET enable_bitmapscan")
            return lines
        }
    }

    /// Whether the plan descends `index` to the rows it wants (an `Index Cond`), rather than reading all
    /// of it through a filter, as it does with an index whose collation the statement's comparison lacks.
    func descends(_ index: String, in plan: [String]) -> Bool {
        zip(plan, plan.dropFirst()).contains { scan, detail in
            scan.contains("using \(index) ") && detail.drop(while: { $0 == " " }).hasPrefix("Index Cond:")
        }
    }

    @Test func theFriendsLeaderboardReadsItsPlayersFromTheCardIndexAlone() async throws {
        let store = try await socialDatabase()
        let plan = try await plan(of: PostgresLeaderboardRepository.circle, "'p0'", in: store)
        #expect(plan.contains { $0.contains("Index Only Scan using mq_user_card_idx on core_user u") }, "\(plan)")
        #expect(descends("mq_user_card_idx", in: plan), "\(plan)")
    }

    @Test func aFeedPageReadsItsPlayersCardsFromTheCardIndexAlone() async throws {
        let store = try await socialDatabase()
        let plan = try await plan(of: PostgresFeedRepository.page, "'p0', 20, 0", in: store)
        #expect(plan.contains { $0.contains("Index Only Scan using mq_user_card_idx on core_user u") }, "\(plan)")
        #expect(descends("mq_user_card_idx", in: plan), "\(plan)")
    }

    @Test func theFriendsLeaderboardFindsTheCircleInTheAcceptedFriendshipIndexes() async throws {
        let store = try await socialDatabase()
        let plan = try await plan(of: PostgresLeaderboardRepository.circle, "'p0'", in: store)
        #expect(descends("mq_friendrequest_accepted_from_idx", in: plan), "\(plan)")
        #expect(descends("mq_friendrequest_accepted_to_idx", in: plan), "\(plan)")
    }

    @Test func aFeedPageChoosesItsVisitsFromEachFriendsNewestVisits() async throws {
        let store = try await socialDatabase()
        let plan = try await plan(of: PostgresFeedRepository.page, "'p0', 20, 0", in: store)
        #expect(descends("mq_visit_user_newest_idx", in: plan), "\(plan)")
    }

    @Test func aPlayersVisitsArePagedFromTheirNewestVisitsIndex() async throws {
        let store = try await socialDatabase()
        let plan = try await plan(of: PostgresVisitRepository.ofPlayer, "'p1', 20, 0", in: store)
        #expect(descends("mq_visit_user_newest_idx", in: plan), "\(plan)")
    }

    @Test func theFriendsListFindsItsPlayersThroughTheCardIndex() async throws {
        let store = try await socialDatabase()
        let plan = try await plan(of: PostgresFriendRequestRepository.friends, "'p0'", in: store)
        #expect(descends("mq_user_card_idx", in: plan), "\(plan)")
        #expect(descends("mq_friendrequest_accepted_from_idx", in: plan), "\(plan)")
    }

    /// Planned as `IN (subquery)`, a circle of 500 among 20,000 players was hash-joined against every player;
    /// the friends leaderboard and the feed read the same circle.
    @Test func aFullCirclesSocialReadsProbeItsPlayersInsteadOfReadingEveryPlayer() async throws {
        let settings = try await TestDatabase.fresh()
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        try await TestDatabase.execute(
            """
            INSERT INTO core_user ("userId", password, email, first_name, last_name, points, profile_pic_url, created_at)
            SELECT 'p' || i, '!', 'p' || i || '@example.com', 'p' || i, '', 0, '', now() FROM generate_series(0, 19999) i;
            INSERT INTO core_friendrequest (status, created_at, updated_at, from_user_id, to_user_id)
            SELECT 'accepted', now(), now(), 'p0', 'p' || (i * 37) FROM generate_series(1, 500) i;
            INSERT INTO core_location ("locationId", name, latitude, longitude, description, points, province)
            VALUES ('banff', 'Banff', '51.18', '-115.57', '', 10, 'AB');
            INSERT INTO core_visit (visited_at, note, location_id, user_id)
            SELECT now() - i * interval '1 minute', '', 'banff', 'p' || i FROM generate_series(0, 19999) i;
            """, in: settings.name)
        try await allVisible(settings.name, in: store)
        let reads = [
            (PostgresFriendRequestRepository.friends, "'p0'"), (PostgresLeaderboardRepository.circle, "'p0'"),
            (PostgresFeedRepository.page, "'p0', 20, 0"),
        ]
        for (statement, arguments) in reads {
            let plan = try await plan(of: statement, arguments, in: store, asTheTablesAre: true)
            #expect(!plan.contains { $0.contains("Seq Scan on core_user") || $0.contains("Seq Scan on core_visit") }, "\(statement.name): \(plan)")
        }
    }

    @Test func anAcceptanceCountsBothCirclesInTheAcceptedFriendshipIndexes() async throws {
        let store = try await socialDatabase()
        let plan = try await plan(of: PostgresFriendRequestRepository.friendCount, "'p0', 'p1'", in: store)
        #expect(descends("mq_friendrequest_accepted_from_idx", in: plan), "\(plan)")
        #expect(descends("mq_friendrequest_accepted_to_idx", in: plan), "\(plan)")
    }
}
