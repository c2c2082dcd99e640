import Foundation
import MQDomain
import MQTestSupport
import Testing

@Suite("Likes, the friends' feed and leaderboards")
struct SocialTests {
    /// A photo `owner` attached to a check-in at a fresh landmark.
    func photo(_ test: TestGame, by owner: User, at name: String = "CN Tower") async throws -> Image {
        let landmark = try await test.location(name)
        let outcome = try await test.game.visits.checkIn(
            at: landmark.id, by: owner, note: nil, photos: [PhotoAttachment(imageURL: test.uploadedPhoto(of: owner, "\(landmark.id).jpg"))])
        return try #require(outcome.addedImages.first)
    }

    @Test func aLikeCountsOncePerPlayerAndCanBeTakenBack() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let cat = try await test.player("cat")
        let image = try await photo(test, by: ann.user)
        #expect(try await test.game.photos.like(image.id, by: bob.user) == LikeTally(likes: 1, liked: true))
        #expect(try await test.game.photos.like(image.id, by: bob.user) == LikeTally(likes: 1, liked: true))
        #expect(try await test.game.photos.like(image.id, by: cat.user) == LikeTally(likes: 2, liked: true))
        #expect(try await test.game.photos.unlike(image.id, by: bob.user) == LikeTally(likes: 1, liked: false))
        #expect(try await test.game.photos.unlike(image.id, by: bob.user) == LikeTally(likes: 1, liked: false))
        #expect(try await test.game.photos.image(image.id, of: ann.user).likes == 1, "the count every reader sees")
        #expect(await caught { try await test.game.photos.like(9_999, by: bob.user) } == .notFound(.image))
    }

    @Test func concurrentLikesNeverLoseAnUpdate() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let image = try await photo(test, by: ann.user)
        var fans: [User] = []
        for index in 0..<20 { fans.append(try await test.player("fan\(index)").user) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for fan in fans {
                for _ in 0..<3 { group.addTask { _ = try await test.game.photos.like(image.id, by: fan) } }
            }
            try await group.waitForAll()
        }
        #expect(try await test.game.photos.image(image.id, of: ann.user).likes == 20)
    }

    @Test func aDeletedAccountsLikesLeaveTheCount() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let image = try await photo(test, by: ann.user)
        _ = try await test.game.photos.like(image.id, by: bob.user)
        _ = try await test.store.users.delete(id: bob.user.id)
        #expect(try await test.game.photos.image(image.id, of: ann.user).likes == 0)
    }

    @Test func theFeedShowsFriendsVisitsNewestFirstAndNeverAStrangers() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let cat = try await test.player("cat")
        let dan = try await test.player("dan")
        try await test.befriend(ann.user, bob.user)
        try await test.befriend(cat.user, ann.user)
        _ = try await test.game.friends.send(to: dan.user.id, from: ann.user)
        let bobsPhoto = try await photo(test, by: bob.user, at: "Banff")
        test.clock.advance(by: 60)
        _ = try await photo(test, by: cat.user, at: "Jasper")
        _ = try await photo(test, by: dan.user, at: "Quebec City")
        let feed = try await test.game.feed.feed(of: ann.user, PageRequest())
        #expect(feed.totalCount == 2, "a pending request is not a friendship")
        #expect(feed.items.map(\.player.id) == [cat.user.id, bob.user.id])
        #expect(feed.items.map(\.location.name) == ["Jasper", "Banff"])
        #expect(feed.items.last?.visit.images.map(\.id) == [bobsPhoto.id])
        #expect(try await test.game.feed.feed(of: dan.user, PageRequest()).totalCount == 0)
        #expect(await caught { try await test.game.feed.feed(of: ann.user, PageRequest(number: 2)) } == .notFound(.page))
    }

    @Test func theFeedShowsEachLandmarkAsTheMapDoes() async throws {
        let test = TestGame(landmarkCacheLifetime: .seconds(10))
        let staff = try await test.player("staff", staff: true)
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        try await test.befriend(ann.user, bob.user)
        let tower = try await test.location("CN Tower")
        _ = try await test.game.locations.list(PageRequest())
        let lake = try await test.location("Lake Louise")
        for landmark in [tower, lake] {
            _ = try await test.game.visits.checkIn(at: landmark.id, by: bob.user, note: nil, photos: [])
        }
        let feed = try await test.game.feed.feed(of: ann.user, PageRequest())
        #expect(feed.items.map(\.location) == [lake, tower], "a landmark the map's snapshot does not hold yet is read from the store")
        _ = try await test.game.locations.update(tower.id, with: LocationDraft(name: "Toronto's CN Tower"), partial: true, by: staff.user)
        let edited = try await test.game.feed.feed(of: ann.user, PageRequest())
        #expect(edited.items.map(\.location.name) == ["Lake Louise", "Toronto's CN Tower"], "a staff edit shows at once, as on the map")
        #expect(edited.totalCount == 2)
    }

    @Test func leaderboardsRankByPointsWithTiesSharingARank() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let cat = try await test.player("cat")
        let dan = try await test.player("dan")
        let big = try await test.location("Big", points: 100)
        let small = try await test.location("Small", points: 50)
        for player in [ann.user, bob.user] { _ = try await test.game.visits.checkIn(at: big.id, by: player, note: nil, photos: []) }
        _ = try await test.game.visits.checkIn(at: small.id, by: cat.user, note: nil, photos: [])
        let global = try await test.game.leaderboards.leaderboard(.global, for: cat.user)
        #expect(global.top.map(\.rank) == [1, 1, 3, 4])
        #expect(global.top.map(\.points) == [100, 100, 50, 0])
        #expect(Set(global.top.prefix(2).map(\.userID)) == [ann.user.id, bob.user.id])
        #expect(global.top.last?.userID == dan.user.id)
        #expect(global.me == Standing(try await test.current(cat.user), rank: 3))

        try await test.befriend(cat.user, bob.user)
        let friends = try await test.game.leaderboards.leaderboard(.friends, for: cat.user)
        #expect(friends.top.map(\.userID) == [bob.user.id, cat.user.id])
        #expect(friends.top.map(\.rank) == [1, 2])
        #expect(friends.me.rank == 2)
        let alone = try await test.game.leaderboards.leaderboard(.friends, for: dan.user)
        #expect(alone.top.map(\.userID) == [dan.user.id])
        #expect(alone.me == Standing(try await test.current(dan.user), rank: 1))
    }

    @Test func equalPointsAreOrderedByTheIdentifiersUTF8Bytes() {
        let identifiers = ["b", "a", "ab", "a\u{0}", "", "Z", "é", "e\u{301}", "😀", "ﬀ", "a b", "aa"]
        let caller = Contender(userID: "m", firstName: "", lastName: "", points: 5)
        let players = identifiers.map { Contender(userID: $0, firstName: "", lastName: "", points: 5) } + [caller]
        let board = Leaderboard.ranking(players, for: caller)
        let byBytes = players.map(\.userID).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(board.top.map(\.userID) == byBytes)
        #expect(board.top.allSatisfy { $0.rank == 1 })
        #expect(board.me.rank == 1)
    }

    @Test func aContenderIsThePlayerWhoseIdentifierHasTheSameBytes() {
        let precomposed = Contender(userID: "é", firstName: "", lastName: "", points: 0)
        #expect(precomposed.isPlayer("é"))
        #expect(!precomposed.isPlayer("e\u{301}"), "canonically equivalent, but other bytes: another player")
        let player = Contender(userID: "ab", firstName: "", lastName: "", points: 0)
        #expect(player.isPlayer("ab"))
        for other in ["a", "abc", "ab\u{0}", "aB", ""] { #expect(!player.isPlayer(other), "\(other)") }
    }

    @Test func theTopOfALeaderboardStopsAtFiftyButTheCallerAlwaysKnowsTheirPlace() async throws {
        let test = TestGame()
        let landmark = try await test.location(points: 10)
        var players: [User] = []
        for index in 0..<55 { players.append(try await test.player("p\(index)").user) }
        for player in players.dropLast() { _ = try await test.game.visits.checkIn(at: landmark.id, by: player, note: nil, photos: []) }
        let board = try await test.game.leaderboards.leaderboard(.global, for: players.last!)
        #expect(board.top.count == Leaderboard.topCount)
        #expect(Set(board.top.map(\.rank)) == [1])
        #expect(board.me.rank == 55)
    }
}
