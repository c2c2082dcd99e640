import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addUserRoutes(to table: RouteTable) {
        table.get("/api/users") { request, _ in
            let caller = try await caller(request)
            let page = try pageRequest(request)
            let onlyCaller = try [caller].page(page).requireExisting()
            return JSONReply.make(.ok, PageJSON(onlyCaller, request: request) { UserProfileJSON(user: $0) })
        }
        table.post("/api/users") { request, _ in
            _ = try await caller(request)
            throw MapleQuestError.forbidden("Use /auth/register/ to create new users")
        }
        table.get("/api/users/me") { request, _ in
            JSONReply.make(.ok, UserProfileJSON(user: try await caller(request)))
        }
        table.get("/api/users/friends") { request, _ in
            let friends = try await game.friends.friends(of: try await caller(request))
            return JSONReply.make(.ok, FriendsJSON(friends: friends.map { UserProfileJSON(user: $0) }, count: friends.count))
        }
        table.post("/api/users/update_points") { request, _ in
            let caller = try await caller(request)
            var body = try await RequestBody.read(request)
            guard body.contains("points"), body.integer("points") != nil else {
                try body.throwIfProblems()
                throw MapleQuestError.rejected("points value is required")
            }
            let points = try await game.profiles.points(of: caller)
            return try JSONReply.make(.ok, PointsJSON(message: "Points updated successfully", totalPoints: points))
        }
        table.post("/api/users/generate_upload_url") { request, _ in
            let caller = try await caller(request)
            var body = try await RequestBody.read(request)
            let filename = body.string("filename")
            let ticket = try await game.photos.prepareUpload(filename: filename, for: caller)
            return try JSONReply.make(.ok, UploadTicketJSON(ticket))
        }
        table.get("/api/users/{id}") { request, context in
            let caller = try await caller(request)
            let user = try await game.profiles.account(try textID(context, .user), requestedBy: caller)
            return JSONReply.make(.ok, UserProfileJSON(user: user))
        }
        let updateAccount: RouteTable.Handler = { request, context in
            let session = try await callerSession(request)
            _ = try await game.profiles.account(try textID(context, .user), requestedBy: session.user)
            var body = try await RequestBody.read(request)
            let changes = profileChanges(&body, includingPassword: true)
            try body.throwIfProblems()
            let updated = try await game.profiles.update(session.user, with: changes, keepingSession: session.family)
            return JSONReply.make(.ok, UserProfileJSON(user: updated))
        }
        table.put("/api/users/{id}", updateAccount)
        table.patch("/api/users/{id}", updateAccount)
        table.delete("/api/users/{id}") { request, context in
            let caller = try await caller(request)
            try await game.profiles.deleteAccount(try textID(context, .user), requestedBy: caller)
            return JSONReply.noContent()
        }
    }
}
