import Foundation
import MQDomain
import Testing

/// What operators rely on, proven on the in-memory store and on PostgreSQL alike: finding players and
/// acting on anyone's account or photo with the game's own cascades.
@Suite("Moderation, in memory and on PostgreSQL")
struct ModerationContractTests {
    static let password = "correct-horse-battery"

    func player(_ game: MapleQuest, _ email: String, first: String = "", last: String = "", phone: String? = nil) async throws -> User {
        try await game.auth.register(Registration(email: email, password: Self.password, firstName: first, lastName: last, phoneNumber: phone)).user
    }

    @Test(arguments: Backend.allCases)
    func playersAreFoundByAnyPartOfTheirContactsOrNameNewestFirst(backend: Backend) async throws {
        let game = MapleQuest(try await backend.dependencies())
        let ann = try await player(game, "ann.lake@example.com", first: "Ann", last: "Lake", phone: "4165550100")
        let bob = try await player(game, "bob@example.org", first: "Robert", last: "O'Lakely")
        let cat = try await player(game, "cat_100%@example.com", first: "Cat")

        let everyone = try await game.moderation.players(matching: nil, PageRequest(number: 1, size: 10))
        #expect(everyone.items.map(\.id) == [cat.id, bob.id, ann.id], "newest sign-ups first")
        #expect(everyone.totalCount == 3)
        #expect(try await game.moderation.players(matching: "  ", PageRequest()).totalCount == 3, "blank means everyone")

        func found(_ text: String) async throws -> [UserID] {
            try await game.moderation.players(matching: text, PageRequest(number: 1, size: 10)).items.map(\.id)
        }
        #expect(try await found("LAKE") == [bob.id, ann.id], "names, any case")
        #expect(try await found("555010") == [ann.id], "phone numbers")
        #expect(try await found("example.org") == [bob.id], "email addresses")
        #expect(try await found("100%") == [cat.id], "wildcard characters are matched as themselves")
        #expect(try await found("_") == [cat.id])
        #expect(try await found("nobody").isEmpty)

        let second = try await game.moderation.players(matching: nil, PageRequest(number: 2, size: 2))
        #expect(second.items.map(\.id) == [ann.id])
        #expect(second.totalCount == 3)
    }

    @Test(arguments: Backend.allCases)
    func anyPlayersPhotoCanBeRemovedAndItsVisitAndPointsStay(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann@example.com")
        let tower = try await ports.locations.create(
            Location(
                id: "tower00001", name: "CN Tower", province: "Ontario", latitude: "43.64", longitude: "-79.38", description: "", points: 90,
                defaultImageURL: nil))
        let photo = NewImage(imageURL: "https://photos.test/images/\(ann.id)/00000001.jpg", description: "")
        let outcome = try #require(
            try await ports.visits.checkIn(CheckIn(userID: ann.id, locationID: tower.id, note: "", at: Date(), points: 90, images: [photo])))
        let image = try #require(outcome.addedImages.first)
        #expect(try await ports.images.owner(of: image.id) == ann.id)

        try await game.moderation.deletePhoto(image.id, by: .operatorCommand("test"))
        #expect(try await ports.images.owner(of: image.id) == nil)
        #expect(try await ports.visits.find(id: outcome.visit.id)?.images.isEmpty == true, "the visit stays, without the photo")
        #expect(try await ports.users.find(id: ann.id)?.points == 90, "and so do its points")
        await #expect(throws: MapleQuestError.notFound(.image)) { try await game.moderation.deletePhoto(image.id, by: .operatorCommand("test")) }
    }

    @Test(arguments: Backend.allCases)
    func operatorsActOnAccountsWithTheGamesRules(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann@example.com")
        let session = try await game.auth.login(email: "ann@example.com", password: Self.password)

        #expect(try await game.moderation.player("ann@EXAMPLE.com").id == ann.id, "by email, normalised as registration normalises it")
        #expect(try await game.moderation.player(ann.id).email == "ann@example.com", "or by id")
        let operatorCommand = StaffActor.operatorCommand("mq-server test")
        #expect(try await game.moderation.setStaff(ann.id, true, by: operatorCommand).isStaff)
        #expect(try await !game.moderation.setStaff("ann@example.com", false, by: operatorCommand).isStaff)
        await #expect(throws: MapleQuestError.self, "a player who is not staff cannot moderate") {
            try await game.moderation.setStaff(ann.id, true, by: .staff(ann))
        }

        await #expect(throws: MapleQuestError.self, "the same password policy as the player's own") {
            try await game.moderation.setPassword(of: ann.id, to: "password", by: operatorCommand)
        }
        _ = try await game.auth.session(accessToken: session.tokens.access)
        try await game.moderation.setPassword(of: ann.id, to: "a-fresh-maple-leaf-77", by: operatorCommand)
        await #expect(throws: MapleQuestError.self, "a new password ends every session") { try await game.auth.session(accessToken: session.tokens.access) }
        _ = try await game.auth.login(email: "ann@example.com", password: "a-fresh-maple-leaf-77")

        let overview = try await game.moderation.overview(of: ann.id)
        #expect(overview.user.id == ann.id && overview.visitCount == 0 && overview.friends.isEmpty)

        try await game.moderation.deleteAccount("ann@example.com", by: operatorCommand)
        #expect(try await ports.users.find(id: ann.id) == nil)
        await #expect(throws: MapleQuestError.notFound(.user)) { try await game.moderation.deleteAccount(ann.id, by: operatorCommand) }

        let audit = try await ports.audit.entries(PageRequest(number: 1, size: 10))
        #expect(
            audit.items.map(\.action) == ["user.delete", "user.set_password", "user.revoke_staff", "user.grant_staff"], "newest first, refusals unrecorded")
        #expect(audit.items.allSatisfy { $0.actor == "mq-server test" && $0.actorID == nil && $0.object.contains(ann.id) })
    }

    @Test(arguments: Backend.allCases)
    func staffReportsCountEachDayAndListEveryonesPhotosAndRequests(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann@example.com")
        let bob = try await player(game, "bob@example.com")
        var staff = try await player(game, "staff@example.com")
        staff.isStaff = true
        staff = try #require(try await ports.users.update(staff))
        let tower = try await ports.locations.create(
            Location(
                id: "tower00001", name: "CN Tower", province: "Ontario", latitude: "43.64", longitude: "-79.38", description: "", points: 90,
                defaultImageURL: nil))
        let photos = (1...3).map { NewImage(imageURL: "https://photos.test/images/\(ann.id)/0000000\($0).jpg", description: "n\($0)") }
        _ = try await ports.visits.checkIn(CheckIn(userID: ann.id, locationID: tower.id, note: "", at: Date(), points: 90, images: photos))
        let request = try await ports.friendRequests.create(from: ann.id, to: bob.id, at: Date(), waitingLimit: .max)

        await #expect(throws: MapleQuestError.self, "players see no reports") { try await game.reports.dailyActivity(requestedBy: ann) }
        let days = try await game.reports.dailyActivity(days: 30, requestedBy: staff)
        #expect(days.count == 30)
        #expect(days.last?.players == 3 && days.last?.checkIns == 1 && days.last?.photos == 3, "today's activity")
        #expect(days.dropLast().allSatisfy { $0.players == 0 && $0.checkIns == 0 && $0.photos == 0 })
        #expect(days.map(\.day) == days.map(\.day).sorted(), "oldest first")

        let listed = try await game.reports.photos(PageRequest(number: 1, size: 2), requestedBy: staff)
        #expect(listed.totalCount == 3)
        #expect(listed.items.map(\.image.description) == ["n3", "n2"], "newest first")
        #expect(listed.items.allSatisfy { $0.ownerEmail == "ann@example.com" && $0.locationName == "CN Tower" })

        #expect(try await game.reports.friendRequests(status: .pending, PageRequest(), requestedBy: staff).items.map(\.id) == [request.id])
        #expect(try await game.reports.friendRequests(status: .accepted, PageRequest(), requestedBy: staff).items.isEmpty)
        #expect(try await game.reports.friendRequests(status: nil, PageRequest(), requestedBy: staff).totalCount == 1)
    }

    @Test(arguments: Backend.allCases)
    func theStartingStaffAccountIsMadeOnceWithThePasswordTheOperatorChose(backend: Backend) async throws {
        let game = MapleQuest(try await backend.dependencies())
        let (staff, problems) = try await game.moderation.createStaffAccount(email: "admin@example.com", password: "admin")
        #expect(staff.isStaff)
        #expect(!problems.isEmpty, "a weak password is reported, for a warning, not refused")
        let (again, _) = try await game.moderation.createStaffAccount(email: "admin@example.com", password: "admin")
        #expect(again.id == staff.id, "a restart on a kept store reuses the account")
        #expect(try await game.auth.login(email: "admin@example.com", password: "admin").user.id == staff.id)
        await #expect(throws: MapleQuestError.self) { try await game.moderation.createStaffAccount(email: "not an email", password: "x") }
    }
}
