import Foundation
import MQDomain
import Testing

/// Nearby landmarks, earned achievements, likes, the feed and leaderboards behave the same on both stores.
@Suite("Game features, in memory and on PostgreSQL")
struct GameFeatureContractTests {
    static let password = "correct-horse-battery"

    func player(_ game: MapleQuest, _ name: String) async throws -> User {
        try await game.auth.register(Registration(email: "\(name)@example.com", password: Self.password, firstName: name)).user
    }

    func landmark(
        _ ports: GameDependencies, _ name: String, province: String = "Ontario", latitude: String = "43.64", longitude: String = "-79.38", points: Int = 10
    ) async throws -> Location {
        try await ports.locations.create(
            Location(
                id: String(UUID().uuidString.lowercased().prefix(10)), name: name, province: province, latitude: latitude,
                longitude: longitude, description: "", points: points, defaultImageURL: nil))
    }

    func staff(_ game: MapleQuest) async throws -> User {
        let user = try await player(game, "staff")
        return try await game.profiles.grantStaff(email: user.email)
    }

    func befriend(_ game: MapleQuest, _ first: User, _ second: User) async throws {
        let sent = try await game.friends.send(to: second.id, from: first)
        _ = try await game.friends.accept(sent.request.id, by: second)
    }

    @Test(arguments: Backend.allCases)
    func nearbyOrdersByGreatCircleDistanceWithUnreadableCoordinatesLast(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let odd = try await landmark(ports, "Odd", latitude: "1e3", longitude: "0")
        let tower = try await landmark(ports, "CN Tower", latitude: " 43.6427", longitude: "-79.3871 ")
        let banff = try await landmark(ports, "Banff", latitude: "51.1784", longitude: "-115.5708")
        let louise = try await landmark(ports, "Lake Louise", latitude: "+51.4254", longitude: "-116.1773")
        let twin = try await landmark(ports, "Banff again", latitude: "51.1784", longitude: "-115.5708")
        let page = try await game.locations.nearby(PageRequest(size: 10), near: "51.1784,-115.5708")
        #expect(page.items.map(\.location.id) == [banff.id, twin.id, louise.id, tower.id, odd.id])
        #expect(page.items.prefix(2).map(\.distanceMeters) == [0, 0])
        #expect(page.items[2].distanceMeters.map { abs($0 - 50_320) < 5 } == true)
        #expect(page.items[4].distanceMeters == nil)
        let second = try await game.locations.nearby(PageRequest(number: 2, size: 2), near: "51.1784,-115.5708")
        #expect(second.items.map(\.location.id) == [louise.id, tower.id])
        #expect(second.totalCount == 5)
    }

    @Test(arguments: Backend.allCases)
    func rulesRoundTripAndEarnedAchievementsListNewestFirst(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let staff = try await staff(game)
        let tower = try await landmark(ports, "CN Tower", province: "Ontario")
        let banff = try await landmark(ports, "Banff", province: "Alberta")
        let set = try await game.achievements.create(
            AchievementDraft(id: "pair", description: "both", points: 30, rule: AchievementRuleDraft(kind: .landmarks, landmarks: [tower.id, banff.id])),
            by: staff)
        #expect(try await game.achievements.achievement("pair") == set)
        #expect(set.rule == .landmarks([tower.id, banff.id]))
        _ = try await game.achievements.create(
            AchievementDraft(id: "prov2", description: "two provinces", points: 20, rule: AchievementRuleDraft(kind: .distinctProvinces, count: 2)), by: staff)
        _ = try await game.achievements.create(AchievementDraft(id: "manual", description: "no rule", points: 5), by: staff)
        #expect(try await game.achievements.seedStarterSet() == 3)

        let ann = try await player(game, "ann")
        let first = try await game.visits.checkIn(at: tower.id, by: ann, note: nil, photos: [])
        #expect(first.achievementsEarned.map(\.id) == ["first-stop"])
        #expect(first.totalPoints == 10 + 10)
        let second = try await game.visits.checkIn(at: banff.id, by: ann, note: nil, photos: [])
        #expect(second.achievementsEarned.map(\.id) == ["pair", "prov2"])
        #expect(second.totalPoints == 20 + 10 + 30 + 20)
        #expect(try await ports.users.find(id: ann.id)?.points == 80)
        let earned = try await game.achievements.earned(by: ann, PageRequest())
        #expect(earned.totalCount == 3)
        #expect(earned.items.map(\.achievement.id) == ["pair", "prov2", "first-stop"])
        #expect(earned.items.first?.achievement.rule == .landmarks([tower.id, banff.id]))

        let cleared = try await game.achievements.update("pair", with: AchievementDraft(rule: .some(nil)), partial: true, by: staff)
        #expect(try await game.achievements.achievement("pair") == cleared)
        try await game.achievements.delete("prov2", by: staff)
        #expect(try await game.achievements.earned(by: ann, PageRequest()).items.map(\.achievement.id) == ["pair", "first-stop"])
    }

    @Test(arguments: Backend.allCases)
    func concurrentCheckInsAwardEachAchievementOnce(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let staff = try await staff(game)
        _ = try await game.achievements.create(
            AchievementDraft(id: "three", description: "", points: 100, rule: AchievementRuleDraft(kind: .distinctLandmarks, count: 3)), by: staff)
        let ann = try await player(game, "ann")
        var landmarks: [Location] = []
        for index in 0..<5 { landmarks.append(try await landmark(ports, "L\(index)")) }
        let awarded = try await withThrowingTaskGroup(of: Int.self) { group in
            for landmark in landmarks {
                for _ in 0..<4 {
                    group.addTask { try await game.visits.checkIn(at: landmark.id, by: ann, note: nil, photos: []).achievementsEarned.count }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(awarded == 1)
        #expect(try await ports.users.find(id: ann.id)?.points == 5 * 10 + 100)
        #expect(try await game.achievements.earned(by: ann, PageRequest()).totalCount == 1)
    }

    /// Every check-in reads the rules again, so an achievement the player's visits already meet (one
    /// created after them) comes with their next check-in, even a repeat visit, and only once.
    @Test(arguments: Backend.allCases)
    func aCheckInAwardsWhatTheVisitsAlreadyMeetEvenOnARepeatVisit(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let staff = try await staff(game)
        let ann = try await player(game, "ann")
        let first = try await landmark(ports, "First")
        let second = try await landmark(ports, "Second")
        for landmark in [first, second] { _ = try await game.visits.checkIn(at: landmark.id, by: ann, note: nil, photos: []) }
        _ = try await game.achievements.create(
            AchievementDraft(id: "two", description: "", points: 25, rule: AchievementRuleDraft(kind: .distinctLandmarks, count: 2)), by: staff)

        let again = try await game.visits.checkIn(at: first.id, by: ann, note: nil, photos: [])
        #expect(!again.isFirstVisit)
        #expect(again.pointsEarned == 0)
        #expect(again.achievementsEarned.map(\.id) == ["two"])
        #expect(again.totalPoints == 10 + 10 + 25)
        #expect(try await game.visits.checkIn(at: second.id, by: ann, note: nil, photos: []).achievementsEarned.isEmpty)
        #expect(try await ports.users.find(id: ann.id)?.points == 45)
    }

    @Test(arguments: Backend.allCases)
    func concurrentLikesCountEveryPlayerOnceAndLeaveWithTheirAccount(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let tower = try await landmark(ports, "CN Tower")
        let outcome = try await game.visits.checkIn(
            at: tower.id, by: ann, note: nil, photos: [PhotoAttachment(imageURL: "https://photos.test/images/\(ann.id)/0000000a.jpg")])
        let image = try #require(outcome.addedImages.first)
        var fans: [User] = []
        for index in 0..<8 { fans.append(try await player(game, "fan\(index)")) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for fan in fans {
                for _ in 0..<3 { group.addTask { _ = try await game.photos.like(image.id, by: fan) } }
            }
            try await group.waitForAll()
        }
        #expect(try await game.photos.image(image.id, of: ann).likes == 8)
        #expect(try await game.photos.unlike(image.id, by: fans[0]) == LikeTally(likes: 7, liked: false))
        #expect(try await game.photos.unlike(image.id, by: fans[0]) == LikeTally(likes: 7, liked: false))
        #expect(try await ports.users.delete(id: fans[1].id))
        #expect(try await ports.images.like(id: image.id, by: fans[1].id)?.likes == 6, "a closed account's like is not counted")
        #expect(try await game.photos.like(image.id, by: fans[2]) == LikeTally(likes: 6, liked: true))
        #expect(try await game.photos.images(of: ann, PageRequest()).items.first?.likes == 6)
        #expect(try await ports.images.like(id: 987_654, by: ann.id) == nil)
    }

    @Test(arguments: Backend.allCases)
    func theFeedHoldsFriendsVisitsOnlyNewestFirstWithTheirPhotos(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let bob = try await player(game, "bob")
        let cat = try await player(game, "cat")
        let dan = try await player(game, "dan")
        try await befriend(game, ann, bob)
        try await befriend(game, cat, ann)
        _ = try await game.friends.send(to: dan.id, from: ann)
        let tower = try await landmark(ports, "CN Tower")
        let banff = try await landmark(ports, "Banff")
        let bobsPhotos = ["0000000b.jpg", "0000000c.jpg"].map { "https://photos.test/images/\(bob.id)/\($0)" }
        _ = try await game.visits.checkIn(at: tower.id, by: bob, note: "first", photos: bobsPhotos.map { PhotoAttachment(imageURL: $0) })
        try await Task.sleep(for: .milliseconds(5))
        _ = try await game.visits.checkIn(at: banff.id, by: cat, note: "second", photos: [])
        _ = try await game.visits.checkIn(at: banff.id, by: dan, note: "stranger", photos: [])
        _ = try await game.visits.checkIn(at: banff.id, by: ann, note: "mine", photos: [])
        let feed = try await game.feed.feed(of: ann, PageRequest())
        #expect(feed.totalCount == 2)
        #expect(feed.items.map(\.visit.note) == ["second", "first"])
        #expect(feed.items.map(\.player) == [PlayerCard(cat), PlayerCard(bob)], "each friend's card: a name and a picture, nothing private")
        #expect(feed.items.map(\.location.id) == [banff.id, tower.id])
        #expect(feed.items.first?.visit.images == [], "a visit without photos")
        #expect(feed.items.last?.visit.images.map(\.imageURL) == bobsPhotos.reversed(), "a visit's photos, newest first")
        let page2 = try await game.feed.feed(of: ann, PageRequest(number: 2, size: 1))
        #expect(page2.items.map(\.visit.note) == ["first"], "a page counts visits, not photos")
        #expect(page2.items.first?.visit.images.count == 2)
        #expect(page2.totalCount == 2)
        #expect(try await game.feed.feed(of: dan, PageRequest()).totalCount == 0)
    }

    @Test(arguments: Backend.allCases)
    func leaderboardsRankAlikeWithTiesByIdentifier(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        var players: [User] = []
        for name in ["ann", "bob", "cat", "dan", "eve"] { players.append(try await player(game, name)) }
        let big = try await landmark(ports, "Big", points: 100)
        let small = try await landmark(ports, "Small", points: 40)
        for player in players.prefix(3) { _ = try await game.visits.checkIn(at: big.id, by: player, note: nil, photos: []) }
        _ = try await game.visits.checkIn(at: small.id, by: players[3], note: nil, photos: [])
        let global = try await game.leaderboards.leaderboard(.global, for: players[3])
        #expect(global.top.map(\.rank) == [1, 1, 1, 4, 5])
        #expect(global.top.prefix(3).map(\.userID) == players.prefix(3).map(\.id).sorted())
        #expect(global.top.map(\.userID).suffix(2) == [players[3].id, players[4].id])
        #expect(global.me.rank == 4)
        #expect(global.me.points == 40)
        try await befriend(game, players[4], players[0])
        let friends = try await game.leaderboards.leaderboard(.friends, for: players[4])
        #expect(friends.top.map(\.userID) == [players[0].id, players[4].id])
        #expect(friends.me == Standing(rank: 2, userID: players[4].id, firstName: "eve", lastName: "", points: 0))
        let limited = try #require(try await ports.leaderboards.leaderboard(.global, for: players[4].id, limit: 2))
        #expect(limited.top.count == 2)
        #expect(try await ports.leaderboards.leaderboard(.global, for: "nobody", limit: 2) == nil)
    }
}
