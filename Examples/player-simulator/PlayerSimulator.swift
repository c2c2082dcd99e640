import Foundation
import MQDomain

/// Plays a small season of Maple Quest on the in-memory store, using nothing but MQDomain: players sign
/// up, make friends in a ring, check in at landmarks, like each other's photos, and earn achievements.
/// It prints the leaderboard and a feed at the end, and exits non-zero if a rule of the game was broken.
///
///     swift run mq-player-simulator [players] [seed]
@main
struct PlayerSimulator {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        let playerCount = arguments.first.flatMap { Int($0) } ?? 12
        var random = SeededGenerator(seed: UInt64(arguments.dropFirst().first.flatMap { UInt64($0) } ?? 2026))

        let store = InMemoryStore()
        let game = MapleQuest(store.dependencies(passwords: DemoPasswords(), tokens: DemoTokens(), uploads: DemoUploads()))
        let seeded = try await game.locations.seed(Self.landmarks)
        try await game.achievements.seedStarterSet()
        let landmarks = try await game.locations.list(PageRequest(size: PageRequest.maximumSize)).items
        print("\(seeded.created) landmarks, \(try await game.achievements.list(PageRequest()).totalCount) achievements")

        var players: [User] = []
        for index in 0..<playerCount {
            let signedIn = try await game.auth.register(
                Registration(
                    email: "player\(index)@simulator.example", password: "canoe-poutine-toque-\(index)", firstName: "Player", lastName: "\(index)"))
            players.append(signedIn.user)
        }
        for (index, player) in players.enumerated() where playerCount > 1 {
            let next = players[(index + 1) % playerCount]
            guard try await game.friends.friends(of: player).allSatisfy({ $0.id != next.id }) else { continue }
            let request = try await game.friends.send(to: next.id, from: player)
            _ = try await game.friends.accept(request.request.id, by: next)
        }

        var photos: [ImageID] = []
        for player in players {
            for landmark in landmarks.shuffled(using: &random).prefix(Int.random(in: 1...landmarks.count, using: &random)) {
                let photo = PhotoAttachment(imageURL: DemoUploads.publicURL(player: player.id, name: "\(landmark.id).jpg"))
                let outcome = try await game.visits.checkIn(at: landmark.id, by: player, note: "simulated", photos: [photo])
                photos += outcome.addedImages.map(\.id)
                for earned in outcome.achievementsEarned { print("\(player.lastName) earned \(earned.id)") }
            }
        }
        for player in players {
            for photo in photos.shuffled(using: &random).prefix(3) { _ = try await game.photos.like(photo, by: player) }
        }

        let board = try await game.leaderboards.leaderboard(.global, for: players[0])
        print("\nrank  points  player")
        for standing in board.top.prefix(10) { print(String(format: "%4d  %6d  %@ %@", standing.rank, standing.points, standing.firstName, standing.lastName)) }
        let feed = try await game.feed.feed(of: players[0], PageRequest())
        print("\nPlayer 0's feed holds \(feed.totalCount) visits by friends")

        for player in players {
            let earned = try await game.achievements.earned(by: player, PageRequest(size: PageRequest.maximumSize)).items
            let visited = try await game.visits.visits(of: player, PageRequest(size: PageRequest.maximumSize)).items
            let expected =
                visited.reduce(0) { total, visit in total + (landmarks.first { $0.id == visit.locationID }?.points ?? 0) }
                + earned.reduce(0) { $0 + $1.achievement.points }
            guard try await store.users.find(id: player.id)?.points == expected, Set(earned.map(\.achievement.id)).count == earned.count else {
                print("a rule was broken for \(player.email)")
                exit(1)
            }
        }
        print("every player's points match their visits and achievements")
    }

    static let landmarks: [Landmark] = [
        Landmark(name: "CN Tower", province: "Ontario", latitude: "43.6426", longitude: "-79.3871", points: 90, defaultImage: "demo.jpg", description: ""),
        Landmark(
            name: "Banff National Park", province: "Alberta", latitude: "51.1784", longitude: "-115.5708", points: 120, defaultImage: "demo.jpg",
            description: ""),
        Landmark(name: "Old Quebec", province: "Quebec", latitude: "46.8139", longitude: "-71.2080", points: 100, defaultImage: "demo.jpg", description: ""),
        Landmark(
            name: "Peggy's Cove", province: "Nova Scotia", latitude: "44.4922", longitude: "-63.9165", points: 80, defaultImage: "demo.jpg", description: ""),
        Landmark(
            name: "Stanley Park", province: "British Columbia", latitude: "49.3043", longitude: "-123.1443", points: 70, defaultImage: "demo.jpg",
            description: ""),
        Landmark(
            name: "Niagara Falls", province: "Ontario", latitude: "43.0896", longitude: "-79.0849", points: 100, defaultImage: "demo.jpg", description: ""),
    ]
}

/// A small deterministic generator (SplitMix64), so a seed replays the same season.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
