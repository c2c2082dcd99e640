import Foundation
import MQAuth
import MQDomain
import MQTestSupport
import Testing

@testable import MQPersistence

@Suite("Taking over the old backend's database")
struct MigrationTests {
    func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "sql"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func anEmptyDatabaseGetsEveryTableAndASecondRunChangesNothing() async throws {
        let store = PostgresStore(settings: try await TestDatabase.fresh())
        let first = try await store.migrate()
        #expect(!first.adoptedExistingTables)
        #expect(first.applied.count == Migration.all.count)
        let second = try await store.migrate()
        #expect(second.applied.isEmpty)
        try await store.health.ping()
    }

    @Test func concurrentMigrationsApplyEachStepOnce() async throws {
        let settings = try await TestDatabase.fresh()
        let reports = try await withThrowingTaskGroup(of: MigrationReport.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresStore(settings: settings).migrate() } }
            return try await group.reduce(into: [MigrationReport]()) { $0.append($1) }
        }
        #expect(reports.map(\.applied.count).sorted() == [0, 0, 0, Migration.all.count])
    }

    @Test func aDjangoDatabaseIsAdoptedAndItsPlayersLogInWithTheirPasswords() async throws {
        let settings = try await TestDatabase.fresh()
        try await TestDatabase.execute(try fixture("django-core-0007"), in: settings.name)
        let store = PostgresStore(settings: settings)
        let report = try await store.migrate()
        #expect(report.adoptedExistingTables)

        let game = MapleQuest(store.dependencies(passwords: DjangoPasswordHasher(), tokens: HS256TokenSigner(secret: "k"), uploads: FakeUploadSigner()))
        let signedIn = try await game.auth.login(email: "ann@example.com", password: "maple-syrup-42")
        #expect(signedIn.user.id == "1b9d6bcd-bbfd-4")
        #expect(signedIn.user.points == 100)
        #expect(signedIn.user.phoneNumber == "4165550100")
        #expect(signedIn.user.createdAt == Date(timeIntervalSince1970: 1_762_377_032.998848))
        #expect(try await game.locations.list(PageRequest()).items.map(\.name) == ["Niagara Falls", "CN Tower"], "existing landmarks keep their order")
        let visits = try await game.visits.visits(of: signedIn.user, PageRequest())
        #expect(visits.items.map(\.note) == ["misty"])

        let tower = try await game.locations.list(PageRequest()).items[1]
        let outcome = try await game.visits.checkIn(at: tower.id, by: signedIn.user, note: "new", photos: [])
        #expect(outcome.totalPoints == 190)
        let newcomer = try await game.auth.register(Registration(email: "bob@example.com", password: "correct-horse-battery"))
        _ = try await game.friends.send(to: newcomer.user.id, from: signedIn.user)
        try await game.profiles.deleteAccount(signedIn.user.id, requestedBy: signedIn.user)
        #expect(await (try? game.auth.login(email: "ann@example.com", password: "maple-syrup-42")) == nil)
    }

    @Test func aDjangoDatabaseBehindMigration0007IsRefused() async throws {
        let settings = try await TestDatabase.fresh()
        let old = try fixture("django-core-0007").replacingOccurrences(of: ", ('core', '0007_location_province', now())", with: "")
        try await TestDatabase.execute(old, in: settings.name)
        await #expect(throws: MigrationError.self) { try await PostgresStore(settings: settings).migrate() }
    }

    @Test func theAppRolePlaysTheGameButCannotChangeTheSchema() async throws {
        let owner = try await TestDatabase.fresh()
        let role = AppRole(name: "mq_app_" + UUID().uuidString.lowercased().prefix(8), password: "app-role-password")
        _ = try await PostgresStore(settings: owner).migrate(appRole: role)
        _ = try await PostgresStore(settings: owner).migrate(appRole: role)

        var settings = owner
        settings.user = role.name
        settings.password = role.password
        let store = PostgresStore(settings: settings)
        let game = MapleQuest(
            store.dependencies(passwords: DjangoPasswordHasher(iterations: 1000), tokens: HS256TokenSigner(secret: "k"), uploads: FakeUploadSigner()))
        let ann = try await game.auth.register(Registration(email: "ann@example.com", password: "correct-horse-battery"))
        let tower = try await store.locations.create(
            Location(
                id: "cn-tower-1", name: "CN Tower", province: "Ontario", latitude: "43.6",
                longitude: "-79.3", description: "", points: 90, defaultImageURL: nil))
        #expect(try await game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: []).totalPoints == 90)
        _ = try await game.auth.refresh(ann.tokens.refresh)
        try await game.profiles.deleteAccount(ann.user.id, requestedBy: ann.user)
        try await store.sessions.purge(expiredBefore: Date())

        for forbidden in [
            "CREATE TABLE mq_intruder (id int)", "DROP TABLE core_user", "ALTER TABLE core_user ADD COLUMN x int",
            "TRUNCATE core_visit", "CREATE ROLE intruder", "DROP TABLE mq_schema_migrations",
        ] {
            await #expect(throws: PostgresError.self, "\(forbidden)") {
                try await store.pool.withSession { try $0.execute(forbidden) }
            }
        }
    }

    @Test func storedPhotoURLsMoveToANewAddressOnceAndOnlyWhereTheyFit() async throws {
        let store = PostgresStore(settings: try await TestDatabase.fresh())
        _ = try await store.migrate()
        let game = MapleQuest(
            store.dependencies(passwords: DjangoPasswordHasher(iterations: 1000), tokens: HS256TokenSigner(secret: "k"), uploads: FakeUploadSigner()))
        let ann = try await game.auth.register(Registration(email: "ann@example.com", password: "correct-horse-battery"))
        let bucket = "https://bucket.s3.amazonaws.com/"
        let tower = try await store.locations.create(
            Location(
                id: "cn-tower-1", name: "CN Tower", province: "Ontario", latitude: "43.6", longitude: "-79.3",
                description: "", points: 90, defaultImageURL: bucket + "locations/tower.jpg"))
        let visit = try await game.visits.recordVisit(to: tower.id, by: ann.user, note: nil)
        let kept = bucket + "images/u/" + String(repeating: "x", count: 153) + ".jpg"
        _ = try await store.images.add(NewImage(imageURL: bucket + "images/u/a.jpg", description: ""), to: visit.id, limit: 10)
        _ = try await store.images.add(NewImage(imageURL: kept, description: ""), to: visit.id, limit: 10)
        _ = try await store.images.add(NewImage(imageURL: "https://elsewhere.test/images/u/b.jpg", description: ""), to: visit.id, limit: 10)

        let addresses = PhotoAddresses(store: store)
        let cdn = "https://d111111abcdef8.cloudfront.net/"
        #expect(try await addresses.rewrite(from: bucket, to: cdn) == 2)
        #expect(try await addresses.rewrite(from: bucket, to: cdn) == 0, "a second run changes nothing")
        let urls = Set(try await store.images.images(at: tower.id, limit: 10).newest.map(\.imageURL))
        #expect(urls == [cdn + "images/u/a.jpg", kept, "https://elsewhere.test/images/u/b.jpg"], "a URL too long for its column stays")
        #expect(try await store.locations.find(id: tower.id)?.defaultImageURL == cdn + "locations/tower.jpg")
    }
}
