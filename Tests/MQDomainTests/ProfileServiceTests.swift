import MQDomain
import Testing

@Suite("Profiles, points and account deletion")
struct ProfileServiceTests {
    @Test func aProfileChangesOnlyTheFieldsSent() async throws {
        let test = TestGame()
        let ann = try await test.player("ann", phone: "4165550100")
        let updated = try await test.game.profiles.update(ann.user, with: ProfileChanges(lastName: "Lee", profilePictureURL: "https://photos.test/a.jpg"))
        #expect(updated.lastName == "Lee")
        #expect(updated.firstName == "Ann")
        #expect(updated.phoneNumber == "4165550100")
        #expect(updated.profilePictureURL == "https://photos.test/a.jpg")
    }

    @Test func anEmptyOrNullPhoneNumberRemovesIt() async throws {
        let test = TestGame()
        let ann = try await test.player("ann", phone: "4165550100")
        #expect(try await test.game.profiles.update(ann.user, with: ProfileChanges(phoneNumber: .some(nil))).phoneNumber == nil)
        _ = try await test.game.profiles.update(ann.user, with: ProfileChanges(phoneNumber: "4165550100"))
        #expect(try await test.game.profiles.update(ann.user, with: ProfileChanges(phoneNumber: "")).phoneNumber == nil)
    }

    @Test func takenValuesAndBadURLsAreRefusedWithoutChangingAnything() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        try await test.player("bob", phone: "6045550111")
        let error = await caught {
            try await test.game.profiles.update(
                ann.user, with: ProfileChanges(email: "bob@example.com", firstName: "Changed", phoneNumber: "6045550111", profilePictureURL: "not a url"))
        }
        #expect(error?.fieldMessages["email"] == ["user with this email already exists."])
        #expect(error?.fieldMessages["phone_no"] == ["user with this phone no already exists."])
        #expect(error?.fieldMessages["profile_pic_url"] == ["Enter a valid URL."])
        #expect(try await test.current(ann.user).firstName == "Ann")
    }

    @Test func keepingOnesOwnEmailAndPhoneIsNotAConflict() async throws {
        let test = TestGame()
        let ann = try await test.player("ann", phone: "4165550100")
        let updated = try await test.game.profiles.update(ann.user, with: ProfileChanges(email: "ann@example.com", phoneNumber: "4165550100"))
        #expect(updated.email == "ann@example.com")
    }

    @Test func aNewPasswordIsCheckedAndRehashed() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        #expect(await caught { try await test.game.profiles.update(ann.user, with: ProfileChanges(password: "password")) }?.fieldMessages["password"] != nil)
        _ = try await test.game.profiles.update(ann.user, with: ProfileChanges(password: "a-much-better-one"))
        _ = try await test.game.auth.login(email: "ann@example.com", password: "a-much-better-one")
        #expect(await caught { try await test.game.auth.login(email: "ann@example.com", password: TestGame.password) } == .invalidCredentials)
    }

    @Test func pointsAreTheServersNotTheClients() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let tower = try await test.location(points: 90)
        _ = try await test.game.visits.checkIn(at: tower.id, by: ann.user, note: nil, photos: [])
        var stale = ann.user
        stale.points = 1_000_000
        #expect(try await test.game.profiles.points(of: ann.user) == 90)
        #expect(try await test.game.profiles.update(stale, with: ProfileChanges(firstName: "A")).points == 90)
    }

    @Test func deletingAnAccountRemovesEverythingItOwns() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let tower = try await test.location()
        let visit = try await test.game.visits.checkIn(
            at: tower.id, by: ann.user, note: nil, photos: [PhotoAttachment(imageURL: test.uploadedPhoto(of: ann.user))])
        let request = try await test.game.friends.send(to: bob.user.id, from: ann.user)
        try await test.game.profiles.deleteAccount(ann.user.id, requestedBy: ann.user)
        #expect(try await test.store.users.find(id: ann.user.id) == nil)
        #expect(try await test.store.visits.find(id: visit.visit.id) == nil)
        #expect(try await test.game.locations.photos(at: tower.id).images.isEmpty)
        #expect(try await test.store.friendRequests.find(id: request.request.id) == nil)
        #expect(try await test.game.friends.requests(involving: bob.user, PageRequest()).totalCount == 0)
    }
}
