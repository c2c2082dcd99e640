import MQDomain
import MQTestSupport
import Testing

@Suite("Friend requests and friendships")
struct FriendServiceTests {
    @Test func aRequestStartsPendingFromTheCaller() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let sent = try await test.game.friends.send(to: bob.user.id, from: ann.user)
        #expect(sent.request.status == .pending)
        #expect(sent.request.fromUserID == ann.user.id)
        #expect(sent.to.id == bob.user.id)
    }

    @Test func requestsToOneselfUnknownPlayersOrAnExistingPairAreRefused() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        #expect(await caught { try await test.game.friends.send(to: ann.user.id, from: ann.user) }?.fieldMessages["to_user"] != nil)
        #expect(await caught { try await test.game.friends.send(to: "nobody", from: ann.user) }?.fieldMessages["to_user"] != nil)
        _ = try await test.game.friends.send(to: bob.user.id, from: ann.user)
        #expect(await caught { try await test.game.friends.send(to: ann.user.id, from: bob.user) }?.fieldMessages["to_user"] != nil)
    }

    @Test func onlyTheRecipientAcceptsOrRejects() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let cat = try await test.player("cat")
        let sent = try await test.game.friends.send(to: bob.user.id, from: ann.user)
        #expect(
            await caught { try await test.game.friends.accept(sent.request.id, by: ann.user) } == .forbidden("You can only accept friend requests sent to you"))
        #expect(
            await caught { try await test.game.friends.reject(sent.request.id, by: ann.user) } == .forbidden("You can only reject friend requests sent to you"))
        #expect(await caught { try await test.game.friends.accept(sent.request.id, by: cat.user) } == .notFound(.friendRequest))
        #expect(try await test.game.friends.accept(sent.request.id, by: bob.user).status == .accepted)
        #expect(try await test.game.friends.friends(of: ann.user).map(\.id) == [bob.user.id])
        #expect(try await test.game.friends.friends(of: bob.user).map(\.id) == [ann.user.id])
    }

    @Test func aRejectedRequestCanStillBeAcceptedButAFriendshipIsNotRejected() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let sent = try await test.game.friends.send(to: bob.user.id, from: ann.user)
        #expect(try await test.game.friends.reject(sent.request.id, by: bob.user).status == .rejected)
        #expect(try await test.game.friends.friends(of: ann.user).isEmpty)
        #expect(try await test.game.friends.accept(sent.request.id, by: bob.user).status == .accepted)
        #expect(try await test.game.friends.accept(sent.request.id, by: bob.user).status == .accepted, "accepting twice changes nothing")
        if case .rejected? = await caught({ try await test.game.friends.reject(sent.request.id, by: bob.user) }) {
        } else {
            Issue.record("rejecting an accepted request should be refused")
        }
    }

    @Test func eitherPartyEndsAFriendshipByDeletingTheRequest() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let cat = try await test.player("cat")
        let sent = try await test.game.friends.send(to: bob.user.id, from: ann.user)
        _ = try await test.game.friends.accept(sent.request.id, by: bob.user)
        #expect(await caught { try await test.game.friends.remove(sent.request.id, by: cat.user) } == .notFound(.friendRequest))
        try await test.game.friends.remove(sent.request.id, by: bob.user)
        #expect(try await test.game.friends.friends(of: ann.user).isEmpty)
    }

    @Test func addFriendByEmailOrPhoneSendsARequest() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob", phone: "6045550111")
        let byEmail = try await test.game.friends.addFriend(email: "BOB@example.com".lowercased(), phoneNumber: nil, by: ann.user)
        #expect(byEmail.kind == .sent)
        let byPhone = try await test.game.friends.addFriend(email: nil, phoneNumber: "6045550111", by: ann.user)
        #expect(byPhone.kind == .alreadySent)
        #expect(byPhone.request.request.id == byEmail.request.request.id)
        #expect(byPhone.request.to.id == bob.user.id)
    }

    @Test func addFriendAcceptsTheOtherPlayersPendingRequest() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        _ = try await test.game.friends.send(to: ann.user.id, from: bob.user)
        let outcome = try await test.game.friends.addFriend(email: "bob@example.com", phoneNumber: nil, by: ann.user)
        #expect(outcome.kind == .accepted)
        #expect(outcome.request.request.status == .accepted)
        let again = try await test.game.friends.addFriend(email: "bob@example.com", phoneNumber: nil, by: ann.user)
        #expect(again.kind == .alreadyFriends)
    }

    @Test func addFriendReopensARejectedRequestAsPendingFromTheCaller() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let sent = try await test.game.friends.send(to: ann.user.id, from: bob.user)
        _ = try await test.game.friends.reject(sent.request.id, by: ann.user)
        let outcome = try await test.game.friends.addFriend(email: "bob@example.com", phoneNumber: nil, by: ann.user)
        #expect(outcome.kind == .sent)
        #expect(outcome.request.request.id == sent.request.id)
        #expect(outcome.request.request.fromUserID == ann.user.id)
        #expect(outcome.request.request.status == .pending)
    }

    @Test func addFriendNeedsSomebodyElseWhoExists() async throws {
        let test = TestGame()
        let ann = try await test.player("ann", phone: "4165550100")
        #expect(
            await caught { try await test.game.friends.addFriend(email: nil, phoneNumber: nil, by: ann.user) }
                == .rejected("Either email or phone_no is required"))
        #expect(
            await caught { try await test.game.friends.addFriend(email: "ann@example.com", phoneNumber: nil, by: ann.user) }
                == .rejected("You cannot send a friend request to yourself"))
        #expect(
            await caught { try await test.game.friends.addFriend(email: nil, phoneNumber: "4165550100", by: ann.user) }
                == .rejected("You cannot send a friend request to yourself"))
        #expect(await caught { try await test.game.friends.addFriend(email: "zed@example.com", phoneNumber: nil, by: ann.user) } == .notFound(.playerByContact))
    }

    @Test func requestsListBothDirectionsNewestFirstAndHideOthers() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        let cat = try await test.player("cat")
        let first = try await test.game.friends.send(to: bob.user.id, from: ann.user)
        test.clock.advance(by: 1)
        let second = try await test.game.friends.send(to: ann.user.id, from: cat.user)
        let page = try await test.game.friends.requests(involving: ann.user, PageRequest())
        #expect(page.items.map(\.request.id) == [second.request.id, first.request.id])
        #expect(try await test.game.friends.requests(involving: bob.user, PageRequest()).items.map(\.request.id) == [first.request.id])
        #expect(await caught { try await test.game.friends.request(second.request.id, for: bob.user) } == .notFound(.friendRequest))
    }

    @Test func concurrentAddFriendsInBothDirectionsEndAsOneFriendship() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let bob = try await test.player("bob")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    if index.isMultiple(of: 2) {
                        _ = try await test.game.friends.addFriend(email: "bob@example.com", phoneNumber: nil, by: ann.user)
                    } else {
                        _ = try await test.game.friends.addFriend(email: "ann@example.com", phoneNumber: nil, by: bob.user)
                    }
                }
            }
            try await group.waitForAll()
        }
        let requests = try await test.game.friends.requests(involving: ann.user, PageRequest())
        #expect(requests.totalCount == 1)
        #expect(requests.items.first?.request.status == .accepted)
    }
}
