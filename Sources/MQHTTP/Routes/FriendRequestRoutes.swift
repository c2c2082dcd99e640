import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addFriendRequestRoutes(to table: RouteTable) {
        table.get("/api/friend-requests") { request, _ in
            let page = try await game.friends.requests(involving: try await caller(request), try pageRequest(request))
            return JSONReply.make(.ok, PageJSON(page, request: request, transform: FriendRequestJSON.init))
        }
        table.post("/api/friend-requests") { request, _ in
            let caller = try await caller(request)
            var body = try await RequestBody.read(request)
            let target = body.string("to_user")
            try body.throwIfProblems()
            return JSONReply.make(.created, FriendRequestJSON(try await game.friends.send(to: target, from: caller)))
        }
        table.post("/api/friend-requests/add_friend") { request, context in
            try settings.throttle.spend(.addFriend, request, context)
            let caller = try await caller(request)
            var body = try await RequestBody.read(request)
            let email = body.string("email", nullable: true)
            let phone = body.string("phone_no", nullable: true)
            try body.throwIfProblems()
            let outcome = try await game.friends.addFriend(email: email, phoneNumber: phone, by: caller)
            let (status, message): (HTTPResponse.Status, String) =
                switch outcome.kind {
                case .sent: (.created, "Friend request sent successfully")
                case .alreadySent: (.ok, "Friend request already sent")
                case .alreadyFriends: (.ok, "You are already friends with this user")
                case .accepted: (.ok, "Friend request accepted")
                }
            return JSONReply.make(status, AddFriendJSON(message: message, friendRequest: FriendRequestJSON(outcome.request)))
        }
        table.get("/api/friend-requests/{id}") { request, context in
            let caller = try await caller(request)
            return JSONReply.make(.ok, FriendRequestJSON(try await game.friends.request(try numericID(context, .friendRequest), for: caller)))
        }
        table.delete("/api/friend-requests/{id}") { request, context in
            let caller = try await caller(request)
            try await game.friends.remove(try numericID(context, .friendRequest), by: caller)
            return JSONReply.noContent()
        }
        table.post("/api/friend-requests/{id}/accept") { request, context in
            let caller = try await caller(request)
            let accepted = try await game.friends.accept(try numericID(context, .friendRequest), by: caller)
            return try JSONReply.make(.ok, ["status": accepted.status.rawValue])
        }
        table.post("/api/friend-requests/{id}/reject") { request, context in
            let caller = try await caller(request)
            let rejected = try await game.friends.reject(try numericID(context, .friendRequest), by: caller)
            return try JSONReply.make(.ok, ["status": rejected.status.rawValue])
        }
    }
}
