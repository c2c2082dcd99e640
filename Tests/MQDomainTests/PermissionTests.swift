import MQDomain
import Testing

@Suite("Who may do what")
struct PermissionTests {
    @Test func onlyStaffWriteLocations() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let admin = try await test.player("admin", staff: true)
        let draft = LocationDraft(name: "Banff", latitude: "51.49", longitude: "-115.92", points: 120)
        #expect(await caught { try await test.game.locations.create(draft, by: ann.user) } == .forbidden("You do not have permission to perform this action."))
        let banff = try await test.game.locations.create(draft, by: admin.user)
        #expect(
            await caught { try await test.game.locations.update(banff.id, with: LocationDraft(points: 1), partial: true, by: ann.user) }
                == .forbidden("You do not have permission to perform this action."))
        #expect(
            await caught { try await test.game.locations.delete(banff.id, by: ann.user) } == .forbidden("You do not have permission to perform this action."))
        #expect(try await test.game.locations.update(banff.id, with: LocationDraft(points: 5), partial: true, by: admin.user).points == 5)
        try await test.game.locations.delete(banff.id, by: admin.user)
        #expect(await caught { try await test.game.locations.location(banff.id) } == .notFound(.location))
    }

    @Test func onlyStaffWriteAchievements() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let admin = try await test.player("admin", staff: true)
        #expect(await caught { try await test.game.achievements.create(AchievementDraft(description: "x"), by: ann.user) } != nil)
        let badge = try await test.game.achievements.create(AchievementDraft(id: "explorer", description: "Visit 5", points: 50), by: admin.user)
        #expect(await caught { try await test.game.achievements.delete(badge.id, by: ann.user) } != nil)
        #expect(try await test.game.achievements.achievement("explorer").points == 50)
        #expect(
            await caught { try await test.game.achievements.create(AchievementDraft(id: "explorer"), by: admin.user) }?.fieldMessages["achievement_id"] != nil)
    }

    @Test func nobodySeesAnotherPlayersAccount() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        #expect(await caught { try await test.game.profiles.account(bob.user.id, requestedBy: ann.user) } == .notFound(.user))
        #expect(await caught { try await test.game.profiles.deleteAccount(bob.user.id, requestedBy: ann.user) } == .notFound(.user))
        #expect(try await test.game.profiles.account(ann.user.id, requestedBy: ann.user).id == ann.user.id)
    }

    @Test func photosAreAttachedOnlyToOnesOwnVisits() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let tower = try await test.location()
        let visit = try await test.game.visits.recordVisit(to: tower.id, by: ann.user, note: nil)
        let attempt = await caught {
            try await test.game.photos.attach(PhotoAttachment(imageURL: test.uploadedPhoto(of: bob.user)), toVisit: visit.id, by: bob.user)
        }
        #expect(attempt == .forbidden("You can only add images to your own visits"))
        let image = try await test.game.photos.attach(PhotoAttachment(imageURL: test.uploadedPhoto(of: ann.user)), toVisit: visit.id, by: ann.user)
        #expect(image.description == "")
        #expect(await caught { try await test.game.photos.image(image.id, of: bob.user) } == .notFound(.image))
        #expect(await caught { try await test.game.photos.describe(image.id, as: "mine", by: bob.user) } == .notFound(.image))
        #expect(await caught { try await test.game.photos.delete(image.id, by: bob.user) } == .notFound(.image))
        #expect(try await test.game.photos.describe(image.id, as: "view", by: ann.user).description == "view")
    }

    @Test func attachingToAnUnknownVisitNamesTheField() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let error = await caught { try await test.game.photos.attach(PhotoAttachment(imageURL: test.uploadedPhoto(of: ann.user)), toVisit: 999, by: ann.user) }
        #expect(error?.fieldProblems["visit"] == [.unknownReference("999")])
    }
}
