import Foundation
import MQDomain
import Testing

/// The promises every store keeps, proven on the in-memory store and on PostgreSQL alike.
@Suite("Repository contract, in memory and on PostgreSQL")
struct RepositoryContractTests {
    static let password = "correct-horse-battery"

    func player(_ game: MapleQuest, _ name: String, phone: String? = nil) async throws -> User {
        try await game.auth.register(Registration(email: "\(name)@example.com", password: Self.password, firstName: name, phoneNumber: phone)).user
    }

    func location(_ ports: GameDependencies, _ name: String, points: Int = 90) async throws -> Location {
        try await ports.locations.create(
            Location(
                id: String(UUID().uuidString.lowercased().prefix(10)), name: name, province: "Ontario", latitude: "43.64",
                longitude: "-79.38", description: "O'Brien's \"favourite\"; DROP TABLE core_user; --", points: points, defaultImageURL: nil))
    }

    @Test(arguments: Backend.allCases)
    func accountsKeepEveryFieldAndStayUnique(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann", phone: "4165550100")
        let stored = try #require(try await ports.users.find(id: ann.id))
        #expect(stored == ann)
        #expect(try await ports.users.find(email: "ann@example.com")?.id == ann.id)
        #expect(try await ports.users.find(phoneNumber: "4165550100")?.id == ann.id)
        #expect(try await ports.users.find(ids: [ann.id, "nobody"]).map(\.id) == [ann.id])

        let bob = try await player(game, "bob")
        var clash = bob
        clash.email = ann.email
        await #expect(throws: DuplicateValue(.email)) { try await ports.users.update(clash) }
        clash = bob
        clash.phoneNumber = "4165550100"
        await #expect(throws: DuplicateValue(.phoneNumber)) { try await ports.users.update(clash) }
        var staff = bob
        staff.isStaff = true
        staff.points = 5000
        let updated = try #require(try await ports.users.update(staff))
        #expect(updated.isStaff)
        #expect(updated.points == 0, "points change only through visits")
    }

    @Test(arguments: Backend.allCases)
    func concurrentRegistrationsOfOneEmailLeaveOneAccount(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let created = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask { (try? await game.auth.register(Registration(email: "ann@example.com", password: Self.password))) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(created == 1)
    }

    @Test(arguments: Backend.allCases)
    func fiftyConcurrentCheckInsCreditPointsOnce(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let tower = try await location(ports, "CN Tower", points: 90)
        let firsts = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let photo = PhotoAttachment(imageURL: "https://photos.test/images/\(ann.id)/\(String(format: "%08x", index)).jpg")
                    return try await game.visits.checkIn(at: tower.id, by: ann, note: "race", photos: [photo]).isFirstVisit
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(firsts == 1)
        #expect(try await ports.users.find(id: ann.id)?.points == 90)
        let visits = try await ports.visits.visits(of: ann.id, PageRequest())
        #expect(visits.totalCount == 1)
        #expect(visits.items.first?.images.count == 50)
        #expect(visits.items.first?.images.map(\.id) == visits.items.first?.images.map(\.id).sorted(by: >))
        let page = try await ports.visits.visits(of: ann.id, PageRequest(number: 1, size: 1))
        #expect(page.items.count == 1 && page.items.first?.images.count == 50, "a page counts visits, not photos")
    }

    @Test(arguments: Backend.allCases)
    func aCheckInByAPlayerOrAtALandmarkThatNoLongerExistsWritesNothing(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let tower = try await location(ports, "CN Tower", points: 90)
        let ghost = CheckIn(userID: "ghost0001", locationID: tower.id, note: "", at: Date(), points: 90, images: [])
        #expect(try await ports.visits.checkIn(ghost) == nil)
        let nowhere = CheckIn(userID: ann.id, locationID: "nowhere1", note: "", at: Date(), points: 90, images: [])
        #expect(try await ports.visits.checkIn(nowhere) == nil)
        #expect(try await ports.users.find(id: ann.id)?.points == 0)
        #expect(try await ports.visits.visits(of: ann.id, PageRequest()).totalCount == 0)
    }

    @Test(arguments: Backend.allCases)
    func aRepeatCheckInAnswersTheVisitWithAllItsPhotosNewestFirstAndCreditsNothing(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let ann = try await player(MapleQuest(ports), "ann")
        let tower = try await location(ports, "CN Tower", points: 90)
        func photo(_ number: Int) -> NewImage { NewImage(imageURL: "https://photos.test/images/\(ann.id)/\(number).jpg", description: "photo \(number)") }
        func checkIn(_ images: [NewImage]) async throws -> CheckInOutcome {
            try #require(
                try await ports.visits.checkIn(CheckIn(userID: ann.id, locationID: tower.id, note: "", at: Date(), points: 90, images: images, photoLimit: 4)))
        }
        let first = try await checkIn([photo(1), photo(2)])
        #expect(first.addedImages.map(\.imageURL) == [photo(1), photo(2)].map(\.imageURL), "added photos in the order given")
        #expect(first.visit.images.map(\.imageURL) == [photo(2), photo(1)].map(\.imageURL))
        let plain = try await checkIn([])
        #expect(!plain.isFirstVisit)
        #expect(plain.pointsEarned == 0 && plain.totalPoints == first.totalPoints)
        #expect(plain.addedImages.isEmpty)
        #expect(plain.visit.id == first.visit.id)
        #expect(plain.visit.images.map(\.imageURL) == [photo(2), photo(1)].map(\.imageURL))
        let withPhoto = try await checkIn([photo(3)])
        #expect(withPhoto.addedImages.map(\.imageURL) == [photo(3).imageURL])
        #expect(withPhoto.visit.images.map(\.imageURL) == [photo(3), photo(2), photo(1)].map(\.imageURL))
        await #expect(throws: PhotoLimitReached.self) { _ = try await checkIn([photo(4), photo(5)]) }
        #expect(
            try await ports.visits.find(id: first.visit.id)?.images.map(\.imageURL) == [photo(3), photo(2), photo(1)].map(\.imageURL),
            "a refused check-in adds no photo")
        #expect(try await ports.users.find(id: ann.id)?.points == first.totalPoints)
    }

    @Test(arguments: Backend.allCases)
    func aNoteChangedByItsOwnerAnswersTheVisitWithItsPhotosNewestFirst(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let bob = try await player(game, "bob")
        let tower = try await location(ports, "CN Tower", points: 90)
        let photos = ["00000001.jpg", "00000002.jpg"].map { PhotoAttachment(imageURL: "https://photos.test/images/\(ann.id)/\($0)") }
        let visit = try await game.visits.checkIn(at: tower.id, by: ann, note: "before", photos: photos).visit
        let changed = try #require(try await ports.visits.updateNote(id: visit.id, ownedBy: ann.id, note: "after"))
        #expect(changed.note == "after")
        #expect(changed.images.map(\.imageURL) == photos.reversed().map(\.imageURL))
        #expect(try await ports.visits.updateNote(id: visit.id, ownedBy: bob.id, note: "bob's") == nil, "only the owner changes it")
        #expect(try await ports.visits.find(id: visit.id)?.note == "after")
    }

    @Test(arguments: Backend.allCases)
    func concurrentFirstVisitsToManyLandmarksCreditEveryLandmarkOnce(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        var landmarks: [Location] = []
        for index in 0..<8 { landmarks.append(try await location(ports, "L\(index)", points: index + 1)) }
        let totals = try await withThrowingTaskGroup(of: CheckInOutcome.self) { group in
            for landmark in landmarks {
                for _ in 0..<3 { group.addTask { try await game.visits.checkIn(at: landmark.id, by: ann, note: nil, photos: []) } }
            }
            return try await group.reduce(into: [CheckInOutcome]()) { $0.append($1) }
        }
        #expect(totals.filter(\.isFirstVisit).count == 8)
        #expect(totals.map(\.totalPoints).max() == 36, "the last check-in to commit sees every landmark's points")
        #expect(try await ports.users.find(id: ann.id)?.points == 36)
    }

    @Test(arguments: Backend.allCases)
    func deletingAVisitTakesBackItsPointsAndPhotos(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let tower = try await location(ports, "CN Tower", points: 90)
        let outcome = try await game.visits.checkIn(
            at: tower.id, by: ann, note: nil,
            photos: [PhotoAttachment(imageURL: "https://photos.test/images/\(ann.id)/00000001.jpg")])
        #expect(try await ports.images.images(at: tower.id, limit: 10).total == 1)
        #expect(try await !ports.visits.delete(id: outcome.visit.id, ownedBy: "someone-else"))
        #expect(try await ports.visits.delete(id: outcome.visit.id, ownedBy: ann.id))
        #expect(try await ports.users.find(id: ann.id)?.points == 0)
        #expect(try await ports.images.images(at: tower.id, limit: 10).newest.isEmpty)
        #expect(try await ports.visits.find(id: outcome.visit.id) == nil)
    }

    @Test(arguments: Backend.allCases)
    func timestampsAndTextSurviveExactly(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let tower = try await location(ports, "Peggy’s Cove Lighthouse")
        let at = Date(timeIntervalSince1970: 1_762_377_032.998848)
        let note = "Ünïcödé, 'quotes', \"double\", back\\slash, 🍁"
        let outcome = try #require(try await ports.visits.checkIn(CheckIn(userID: ann.id, locationID: tower.id, note: note, at: at, points: 1, images: [])))
        let stored = try #require(try await ports.visits.find(id: outcome.visit.id))
        #expect(stored.note == note)
        #expect(abs(stored.visitedAt.timeIntervalSince1970 - at.timeIntervalSince1970) < 0.000_001)
        #expect(try await ports.locations.find(name: "Peggy’s Cove Lighthouse")?.description == tower.description)
    }

    @Test(arguments: Backend.allCases)
    func locationsListInCreationOrderAndDeleteWithTheirVisits(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let names = ["Zeta", "Alpha", "Mu", "Beta"]
        var created: [Location] = []
        for name in names { created.append(try await location(ports, name)) }
        let first = try await ports.locations.list(PageRequest(number: 1, size: 3))
        #expect(first.items.map(\.name) == ["Zeta", "Alpha", "Mu"])
        #expect(first.totalCount == 4)
        #expect(try await ports.locations.list(PageRequest(number: 2, size: 3)).items.map(\.name) == ["Beta"])
        let found = try await ports.locations.find(ids: [created[0].id, created[3].id, "nowhere1", "quote\"d{,}"])
        #expect(Set(found) == [created[0], created[3]], "the landmarks among the identifiers that exist, whole")
        #expect(try await ports.locations.find(ids: []).isEmpty)
        await #expect(throws: DuplicateValue.self) { try await ports.locations.create(created[0]) }

        let ann = try await player(game, "ann")
        _ = try await game.visits.checkIn(
            at: created[1].id, by: ann, note: nil, photos: [PhotoAttachment(imageURL: "https://photos.test/images/\(ann.id)/00000001.jpg")])
        #expect(try await ports.locations.delete(id: created[1].id))
        #expect(try await ports.visits.visits(of: ann.id, PageRequest()).totalCount == 0)
        #expect(try await ports.users.find(id: ann.id)?.points == 90, "points already awarded stay")
        #expect(try await !ports.locations.delete(id: created[1].id))
    }

    @Test(arguments: Backend.allCases)
    func deletingAnAccountRemovesEverythingItOwns(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let bob = try await player(game, "bob")
        let tower = try await location(ports, "CN Tower")
        _ = try await game.visits.checkIn(
            at: tower.id, by: ann, note: nil, photos: [PhotoAttachment(imageURL: "https://photos.test/images/\(ann.id)/00000001.jpg")])
        _ = try await game.friends.send(to: bob.id, from: ann)
        let session = try await game.auth.login(email: "ann@example.com", password: Self.password)
        #expect(try await ports.users.delete(id: ann.id))
        #expect(try await ports.users.find(id: ann.id) == nil)
        #expect(try await ports.images.images(at: tower.id, limit: 10).newest.isEmpty)
        #expect(try await ports.friendRequests.requests(involving: bob.id, PageRequest()).totalCount == 0)
        await #expect(throws: MapleQuestError.self) { try await game.auth.refresh(session.tokens.refresh) }
        #expect(try await !ports.users.delete(id: ann.id))
    }

    @Test(arguments: Backend.allCases)
    func aPairHasOneFriendRequestWhoeverAsksFirst(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let bob = try await player(game, "bob")
        let created = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask {
                    let (from, to) = index.isMultiple(of: 2) ? (ann.id, bob.id) : (bob.id, ann.id)
                    return (try? await ports.friendRequests.create(from: from, to: to, at: Date(), waitingLimit: .max)) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(created == 1)
        var request = try #require(try await ports.friendRequests.find(between: bob.id, and: ann.id))
        request.status = .accepted
        request.updatedAt = Date()
        #expect(try await ports.friendRequests.transition(request, from: .pending, friendLimit: 5, waitingLimit: .max)?.status == .accepted)
        #expect(try await ports.friendRequests.transition(request, from: .pending, friendLimit: 5, waitingLimit: .max) == nil, "a stale transition loses")
        #expect(try await ports.friendRequests.friends(of: ann.id).map(\.id) == [bob.id])
        #expect(try await ports.friendRequests.friends(of: bob.id).map(\.id) == [ann.id])
        #expect(try await ports.friendRequests.delete(id: request.id))
        #expect(try await ports.friendRequests.friends(of: ann.id).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func concurrentAcceptancesCannotTakeEitherPlayerPastTheFriendLimit(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        var waiting: [FriendRequest] = []
        for index in 0..<12 {
            let other = try await player(game, "p\(index)")
            var request = try await ports.friendRequests.create(from: other.id, to: ann.id, at: Date(), waitingLimit: .max)
            request.status = .accepted
            waiting.append(request)
        }
        let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for request in waiting {
                group.addTask {
                    do {
                        return try await ports.friendRequests.transition(request, from: .pending, friendLimit: 3, waitingLimit: .max) != nil
                    } catch let full as FriendLimitReached {
                        #expect(full == FriendLimitReached(playerID: ann.id, limit: 3))
                        return false
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted == 3)
        #expect(try await ports.friendRequests.friendCount(of: ann.id) == 3)
        #expect(try await ports.friendRequests.friends(of: ann.id).count == 3)
        var stillPending = 0
        for request in waiting where try await ports.friendRequests.find(id: request.id)?.status == .pending { stillPending += 1 }
        #expect(stillPending == 9, "a refused acceptance changes nothing")

        let eve = try await player(game, "eve")
        var toEve = try await ports.friendRequests.create(from: ann.id, to: eve.id, at: Date(), waitingLimit: .max)
        toEve.status = .accepted
        await #expect(throws: FriendLimitReached(playerID: ann.id, limit: 3), "the sender's full circle refuses it too") {
            try await ports.friendRequests.transition(toEve, from: .pending, friendLimit: 3, waitingLimit: .max)
        }
        #expect(try await ports.friendRequests.transition(toEve, from: .pending, friendLimit: 4, waitingLimit: .max)?.status == .accepted)
        #expect(try await ports.friendRequests.friendCount(of: eve.id) == 1)
        #expect(try await ports.friendRequests.friendCount(of: ann.id) == 4)
    }

    @Test(arguments: Backend.allCases)
    func concurrentRequestsCannotTakeASenderPastTheWaitingLimit(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        var others: [User] = []
        for index in 0..<12 { others.append(try await player(game, "p\(index)")) }
        let sent = try await withThrowingTaskGroup(of: Bool.self) { group in
            for other in others {
                group.addTask {
                    do {
                        _ = try await ports.friendRequests.create(from: ann.id, to: other.id, at: Date(), waitingLimit: 3)
                        return true
                    } catch let full as WaitingRequestLimitReached {
                        #expect(full == WaitingRequestLimitReached(playerID: ann.id, limit: 3))
                        return false
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(sent == 3)
        let requests = try await ports.friendRequests.requests(involving: ann.id, PageRequest(number: 1, size: 50)).items
        #expect(requests.count == 3, "a refused request leaves no row")

        let (bob, cat) = (try await player(game, "bob"), try await player(game, "cat"))
        #expect(try await ports.friendRequests.create(from: bob.id, to: cat.id, at: Date(), waitingLimit: 3).status == .pending, "each sender has their own")
        #expect(
            try await ports.friendRequests.create(from: cat.id, to: ann.id, at: Date(), waitingLimit: 1).status == .pending, "received requests do not count")

        var answered = requests[0]
        answered.status = .rejected
        answered = try #require(try await ports.friendRequests.transition(answered, from: .pending, friendLimit: 5, waitingLimit: 3))
        var reopened = answered
        reopened.status = .pending
        let stranger = try await player(game, "eve")
        #expect(try await ports.friendRequests.create(from: ann.id, to: stranger.id, at: Date(), waitingLimit: 3).status == .pending)
        await #expect(throws: WaitingRequestLimitReached(playerID: ann.id, limit: 3), "reopening a rejected request waits for room too") {
            try await ports.friendRequests.transition(reopened, from: .rejected, friendLimit: 5, waitingLimit: 3)
        }
        #expect(try await ports.friendRequests.find(id: answered.id)?.status == .rejected, "a refused reopening changes nothing")
        #expect(try await ports.friendRequests.transition(reopened, from: .rejected, friendLimit: 5, waitingLimit: 4)?.status == .pending)
    }

    @Test(arguments: Backend.allCases)
    func friendRequestsListNewestFirst(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        var others: [User] = []
        for name in ["bob", "cat", "dan"] { others.append(try await player(game, name)) }
        let base = Date(timeIntervalSince1970: 1_762_000_000)
        for (offset, other) in others.enumerated() {
            _ = try await ports.friendRequests.create(from: other.id, to: ann.id, at: base.addingTimeInterval(Double(offset)), waitingLimit: .max)
        }
        let page = try await ports.friendRequests.requests(involving: ann.id, PageRequest(number: 1, size: 2))
        #expect(page.items.map(\.fromUserID) == [others[2].id, others[1].id])
        #expect(page.totalCount == 3)
        await #expect(throws: (any Error).self) { try await ports.friendRequests.create(from: ann.id, to: "nobody", at: base, waitingLimit: .max) }
    }

    @Test(arguments: Backend.allCases)
    func aSignInOrAnAdoptedFamilyOfAnAccountThatDoesNotExistRecordsNothing(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let expiry = Date().addingTimeInterval(3600)
        try await ports.sessions.begin(family: "ghost-family", userID: "nobody", refreshTokenID: "ghost-family-r1", expiresAt: expiry)
        #expect(try await ports.sessions.familyCount(of: "nobody") == 0)
        #expect(
            try await ports.sessions.rotate(
                family: "ghost-legacy", presented: "ghost-legacy-r1", next: "ghost-legacy-r2", userID: "nobody", issuedAt: Date(),
                expiresAt: expiry) == .revoked)
        #expect(try await ports.sessions.familyCount(of: "nobody") == 0)
    }

    @Test(arguments: Backend.allCases)
    func aRefreshTokenIsSpentExactlyOnceAndReplaysRevokeItsFamily(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let issued = Date()
        let expiry = issued.addingTimeInterval(3600)
        try await ports.sessions.begin(family: "family-1", userID: ann.id, refreshTokenID: "family-1-r1", expiresAt: expiry)
        let outcomes = try await withThrowingTaskGroup(of: RefreshRedemption.self) { group in
            for attempt in 0..<10 {
                group.addTask {
                    try await ports.sessions.rotate(
                        family: "family-1", presented: "family-1-r1", next: "family-1-r2-\(attempt)",
                        userID: ann.id, issuedAt: issued, expiresAt: expiry)
                }
            }
            return try await group.reduce(into: [RefreshRedemption]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .redeemed(family: "family-1") }.count == 1)
        #expect(outcomes.filter { $0 == .replayed(family: "family-1") }.count == 9)
        #expect(try await ports.sessions.account(ann.id, family: "family-1", issuedAt: issued) == .active(ann))
        try await ports.sessions.revoke(family: "family-1")
        #expect(try await ports.sessions.account(ann.id, family: "family-1", issuedAt: issued) == .revoked)
        #expect(
            try await ports.sessions.rotate(
                family: "family-1", presented: "family-1-r1", next: "x", userID: ann.id,
                issuedAt: issued, expiresAt: expiry) == .revoked)
        #expect(try await ports.sessions.account(ann.id, family: "never-seen", issuedAt: issued) == .active(ann))
        #expect(try await ports.sessions.account("nobody", family: "family-1", issuedAt: issued) == .missing)

        #expect(
            try await ports.sessions.rotate(
                family: "legacy", presented: "legacy-jti", next: "legacy-n1", userID: ann.id,
                issuedAt: issued, expiresAt: expiry) == .redeemed(family: "legacy"))
        #expect(
            try await ports.sessions.rotate(
                family: "legacy", presented: "legacy-jti", next: "legacy-n2", userID: ann.id,
                issuedAt: issued, expiresAt: expiry) == .replayed(family: "legacy"))

        try await ports.sessions.purge(expiredBefore: Date().addingTimeInterval(TimeInterval(AuthService.refreshTokenLifetime + 1)))
        #expect(try await ports.sessions.familyCount(of: ann.id) == 0, "expired families are forgotten")
    }

    @Test(arguments: Backend.allCases)
    func aSignInKeepsOneRowHoweverOftenItIsRefreshed(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let ann = try await player(MapleQuest(ports), "ann")
        let issued = Date()
        let expiry = issued.addingTimeInterval(3600)
        let signIns = try await ports.sessions.familyCount(of: ann.id)
        try await ports.sessions.begin(family: "family-1", userID: ann.id, refreshTokenID: "r0", expiresAt: expiry)
        for step in 1...1_000 {
            let outcome = try await ports.sessions.rotate(
                family: "family-1", presented: "r\(step - 1)", next: "r\(step)",
                userID: ann.id, issuedAt: issued, expiresAt: expiry)
            #expect(outcome == .redeemed(family: "family-1"))
        }
        #expect(try await ports.sessions.familyCount(of: ann.id) == signIns + 1)
    }

    @Test(arguments: Backend.allCases)
    func endingSessionsKeepsOnlyTheCallersOwn(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let ann = try await player(MapleQuest(ports), "ann")
        let before = Date().addingTimeInterval(-60)
        let expiry = Date().addingTimeInterval(3600)
        try await ports.sessions.begin(family: "phone", userID: ann.id, refreshTokenID: "phone-r", expiresAt: expiry)
        try await ports.sessions.begin(family: "tablet", userID: ann.id, refreshTokenID: "tablet-r", expiresAt: expiry)
        try await ports.sessions.endSessions(of: ann.id, keeping: "phone", at: Date())
        #expect(try await ports.sessions.account(ann.id, family: "phone", issuedAt: before) == .active(ann))
        #expect(try await ports.sessions.account(ann.id, family: "tablet", issuedAt: before) == .revoked)
        #expect(
            try await ports.sessions.account(ann.id, family: "old-backend", issuedAt: before) == .revoked,
            "a token the store never saw, issued before the change, is refused")
        #expect(try await ports.sessions.account(ann.id, family: "old-backend", issuedAt: Date().addingTimeInterval(60)) == .active(ann))
        #expect(
            try await ports.sessions.rotate(
                family: "old-backend", presented: "old", next: "new", userID: ann.id,
                issuedAt: before, expiresAt: expiry) == .revoked)
    }

    @Test(arguments: Backend.allCases)
    func aVisitCarriesNoMorePhotosThanItsLimitUnderConcurrentAdds(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let tower = try await location(ports, "CN Tower")
        let visit = try await game.visits.recordVisit(to: tower.id, by: ann, note: nil)
        let added = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<12 {
                group.addTask {
                    let photo = NewImage(imageURL: "https://photos.test/images/\(ann.id)/\(index).jpg", description: "")
                    do {
                        return try await ports.images.add(photo, to: visit.id, limit: 5) != nil
                    } catch is PhotoLimitReached {
                        return false
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(added == 5)
        let shown = try await ports.images.images(at: tower.id, limit: 3)
        #expect(shown.total == 5)
        #expect(shown.newest.map(\.id) == shown.newest.map(\.id).sorted(by: >))
        #expect(shown.newest.count == 3)
    }

    @Test(arguments: Backend.allCases)
    func achievementsAreKeptByIdentifier(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        _ = try await ports.achievements.create(Achievement(id: "explorer", description: "Five landmarks", points: 50))
        _ = try await ports.achievements.create(Achievement(id: "easterner", description: "Nova Scotia", points: 20))
        await #expect(throws: DuplicateValue(.achievementID)) { try await ports.achievements.create(Achievement(id: "explorer", description: "", points: 0)) }
        #expect(try await ports.achievements.list(PageRequest()).items.map(\.id) == ["easterner", "explorer"])
        #expect(try await ports.achievements.update(Achievement(id: "explorer", description: "Six", points: 60))?.points == 60)
        #expect(try await ports.achievements.update(Achievement(id: "missing", description: "", points: 0)) == nil)
        #expect(try await ports.achievements.delete(id: "explorer"))
        #expect(try await ports.achievements.find(id: "explorer") == nil)
    }

    @Test(arguments: Backend.allCases)
    func imagesBelongToWhoeverOwnsTheVisit(backend: Backend) async throws {
        let ports = try await backend.dependencies()
        let game = MapleQuest(ports)
        let ann = try await player(game, "ann")
        let tower = try await location(ports, "CN Tower")
        let visit = try await game.visits.recordVisit(to: tower.id, by: ann, note: nil)
        let image = try #require(
            try await ports.images.add(NewImage(imageURL: "https://photos.test/images/\(ann.id)/00000001.jpg", description: ""), to: visit.id, limit: 10))
        #expect(try await ports.images.add(NewImage(imageURL: "x", description: ""), to: 999_999, limit: 10) == nil)
        #expect(try await ports.images.find(id: image.id, ownedBy: "someone-else") == nil)
        #expect(try await ports.images.updateDescription(id: image.id, ownedBy: "someone-else", description: "x") == nil)
        #expect(try await ports.images.updateDescription(id: image.id, ownedBy: ann.id, description: "view")?.description == "view")
        #expect(try await ports.images.images(ownedBy: ann.id, PageRequest()).items.map(\.id) == [image.id])
        #expect(try await !ports.images.delete(id: image.id, ownedBy: "someone-else"))
        #expect(try await ports.images.delete(id: image.id, ownedBy: ann.id))
    }

    @Test(arguments: Backend.allCases)
    func theStoreAnswersAHealthCheck(backend: Backend) async throws {
        try await backend.dependencies().health.ping()
    }
}
