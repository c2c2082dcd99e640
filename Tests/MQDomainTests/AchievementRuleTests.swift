import Foundation
import MQDomain
import MQTestSupport
import Testing

@Suite("Achievements earned by checking in")
struct AchievementRuleTests {
    /// Staff create `rule` worth `points`.
    func achievement(_ test: TestGame, _ id: String, points: Int = 25, _ rule: AchievementRuleDraft) async throws -> Achievement {
        let staff = try await test.player("staff-\(id)", staff: true)
        return try await test.game.achievements.create(AchievementDraft(id: id, description: id, points: points, rule: rule), by: staff.user)
    }

    @Test func aCountingRuleIsAwardedOnceWhenMetAndCreditsItsPoints() async throws {
        let test = TestGame()
        _ = try await achievement(test, "two", points: 25, AchievementRuleDraft(kind: .distinctLandmarks, count: 2))
        let ann = try await test.player("ann")
        let tower = try await test.location("CN Tower", points: 90)
        let falls = try await test.location("Niagara Falls", points: 60)
        let first = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [])
        #expect(first.achievementsEarned.isEmpty)
        let second = try await test.game.visits.checkIn(at: falls.id, by: ann.user, note: nil, photos: [])
        #expect(second.achievementsEarned.map(\.id) == ["two"])
        #expect(second.pointsEarned == 60, "points_earned stays the landmark's")
        #expect(second.totalPoints == 90 + 60 + 25)
        let again = try await test.game.visits.checkIn(at: falls.id, by: ann.user, note: nil, photos: [])
        #expect(again.achievementsEarned.isEmpty)
        #expect(try await test.current(ann.user).points == 175)
        let earned = try await test.game.achievements.earned(by: ann.user, PageRequest())
        #expect(earned.items.map(\.achievement.id) == ["two"])
        #expect(earned.items.first?.earnedAt == test.clock.now())
    }

    @Test func provincesCountOnceEachWhateverTheirCase() async throws {
        let test = TestGame()
        _ = try await achievement(test, "prov2", AchievementRuleDraft(kind: .distinctProvinces, count: 2))
        let ann = try await test.player("ann")
        let tower = try await test.location("CN Tower", province: "Ontario")
        let falls = try await test.location("Niagara Falls", province: " ontario ")
        let banff = try await test.location("Banff", province: "Alberta")
        #expect(try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: []).achievementsEarned.isEmpty)
        #expect(try await test.game.visits.checkIn(at: falls.id, by: ann.user, note: nil, photos: []).achievementsEarned.isEmpty)
        #expect(try await test.game.visits.checkIn(at: banff.id, by: ann.user, note: nil, photos: []).achievementsEarned.map(\.id) == ["prov2"])
    }

    @Test func aSetRuleNeedsEveryLandmarkInIt() async throws {
        let test = TestGame()
        let tower = try await test.location("CN Tower")
        let falls = try await test.location("Niagara Falls")
        let other = try await test.location("Other")
        _ = try await achievement(test, "golden", AchievementRuleDraft(kind: .landmarks, landmarks: [tower.id, falls.id]))
        let ann = try await test.player("ann")
        #expect(try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: []).achievementsEarned.isEmpty)
        #expect(try await test.game.visits.checkIn(at: other.id, by: ann.user, note: nil, photos: []).achievementsEarned.isEmpty)
        #expect(try await test.game.visits.checkIn(at: falls.id, by: ann.user, note: nil, photos: []).achievementsEarned.map(\.id) == ["golden"])
    }

    @Test func anAchievementCreatedLaterIsAwardedOnTheNextCheckInEvenARepeat() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location()
        _ = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [])
        _ = try await achievement(test, "one", points: 5, AchievementRuleDraft(kind: .distinctLandmarks, count: 1))
        let repeatVisit = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [])
        #expect(!repeatVisit.isFirstVisit)
        #expect(repeatVisit.achievementsEarned.map(\.id) == ["one"])
        #expect(try await test.current(ann.user).points == 95)
    }

    @Test func concurrentCheckInsAwardEachAchievementExactlyOnce() async throws {
        let test = TestGame()
        _ = try await achievement(test, "three", points: 100, AchievementRuleDraft(kind: .distinctLandmarks, count: 3))
        let ann = try await test.player("ann")
        var landmarks: [Location] = []
        for index in 0..<6 { landmarks.append(try await test.location("L\(index)", points: 10)) }
        let awards = try await withThrowingTaskGroup(of: Int.self) { group in
            for landmark in landmarks {
                for _ in 0..<5 {
                    group.addTask { try await test.game.visits.checkIn(at: landmark.id, by: ann.user, note: nil, photos: []).achievementsEarned.count }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(awards == 1)
        #expect(try await test.current(ann.user).points == 6 * 10 + 100)
    }

    @Test func rulesAreValidated() async throws {
        let test = TestGame()
        let staff = try await test.player("staff", staff: true)
        let drafts: [AchievementRuleDraft] = [
            AchievementRuleDraft(kind: nil, count: 2),
            AchievementRuleDraft(kind: .distinctLandmarks),
            AchievementRuleDraft(kind: .distinctProvinces, count: 0),
            AchievementRuleDraft(kind: .distinctLandmarks, count: AchievementRule.largestCount + 1),
            AchievementRuleDraft(kind: .landmarks, landmarks: []),
            AchievementRuleDraft(kind: .landmarks, landmarks: ["nowhere"]),
            AchievementRuleDraft(kind: .landmarks, landmarks: (0...AchievementRule.largestSet).map { "l\($0)" }),
        ]
        for (index, draft) in drafts.enumerated() {
            let error = await caught {
                try await test.game.achievements.create(AchievementDraft(id: "bad\(index)", description: "x", points: 1, rule: draft), by: staff.user)
            }
            #expect(error?.fieldMessages["rule"] != nil, "draft \(index)")
        }
        #expect(try await test.game.achievements.list(PageRequest()).totalCount == 0)
    }

    @Test func playersCannotCreateRules() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let error = await caught {
            try await test.game.achievements.create(AchievementDraft(id: "mine", rule: AchievementRuleDraft(kind: .distinctLandmarks, count: 1)), by: ann.user)
        }
        if case .forbidden = error {} else { Issue.record("expected forbidden, got \(String(describing: error))") }
    }

    @Test func staffCanChangeOrRemoveARule() async throws {
        let test = TestGame()
        let staff = try await test.player("staff", staff: true)
        _ = try await achievement(test, "two", AchievementRuleDraft(kind: .distinctLandmarks, count: 2))
        let patched = try await test.game.achievements.update(
            "two", with: AchievementDraft(rule: .some(AchievementRuleDraft(kind: .distinctProvinces, count: 4))), partial: true, by: staff.user)
        #expect(patched.rule == .distinctProvinces(4))
        let kept = try await test.game.achievements.update("two", with: AchievementDraft(points: 7), partial: true, by: staff.user)
        #expect(kept.rule == .distinctProvinces(4), "a patch without a rule keeps it")
        let cleared = try await test.game.achievements.update("two", with: AchievementDraft(rule: .some(nil)), partial: true, by: staff.user)
        #expect(cleared.rule == nil)
    }

    @Test func theStarterSetIsSeededOnceAndLeavesStaffEditsAlone() async throws {
        let test = TestGame()
        let staff = try await test.player("staff", staff: true)
        #expect(try await test.game.achievements.seedStarterSet() == 3)
        _ = try await test.game.achievements.update("first-stop", with: AchievementDraft(points: 1), partial: true, by: staff.user)
        #expect(try await test.game.achievements.seedStarterSet() == 0)
        #expect(try await test.game.achievements.achievement("first-stop").points == 1)
        let ids = try await test.game.achievements.list(PageRequest()).items.map(\.id)
        #expect(ids == ["explorer-5", "first-stop", "provinces3"])
        let ann = try await test.player("ann")
        let tower = try await test.location()
        let first = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [])
        #expect(first.achievementsEarned.map(\.id) == ["first-stop"])
    }
}
