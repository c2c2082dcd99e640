import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addAuthRoutes(to table: RouteTable) {
        table.post("/auth/register") { request, context in
            try settings.throttle.spend(.register, request, context)
            var body = try await RequestBody.read(request)
            let registration = Registration(
                email: body.string("email"), password: body.string("password"),
                firstName: body.string("first_name", nullable: true), lastName: body.string("last_name", nullable: true),
                phoneNumber: body.string("phone_no", nullable: true))
            try body.throwIfProblems()
            let signedIn = try await context.unlessClientLeaves { try await game.auth.register(registration) }
            return try JSONReply.make(.created, SignedInJSON(signedIn, message: "User registered successfully"))
        }
        table.post("/auth/login") { request, context in
            try settings.throttle.spend(.login, request, context)
            var body = try await RequestBody.read(request)
            let email = body.string("email")
            let password = body.string("password")
            try body.throwIfProblems()
            let signedIn = try await context.unlessClientLeaves { try await game.auth.login(email: email, password: password) }
            return try JSONReply.make(.ok, SignedInJSON(signedIn, message: "Login successful"))
        }
        table.post("/auth/token/refresh") { request, context in
            try settings.throttle.spend(.refresh, request, context)
            var body = try await RequestBody.read(request)
            let token = body.string("refresh")
            try body.throwIfProblems()
            let pair = try await game.auth.refresh(token)
            return try JSONReply.make(.ok, RotatedTokensJSON(access: pair.access, refresh: pair.refresh))
        }
        table.get("/auth/profile") { request, _ in
            JSONReply.make(.ok, UserProfileJSON(user: try await caller(request)))
        }
        let updateProfile: RouteTable.Handler = { request, _ in
            let session = try await callerSession(request)
            var body = try await RequestBody.read(request)
            let changes = profileChanges(&body, includingPassword: false)
            try body.throwIfProblems()
            let updated = try await game.profiles.update(session.user, with: changes, keepingSession: session.family)
            return JSONReply.make(.ok, UserProfileJSON(user: updated))
        }
        table.put("/auth/profile", updateProfile)
        table.patch("/auth/profile", updateProfile)
    }

    /// The profile fields a request may change; `user_id`, `points` and `created_at` are ignored.
    func profileChanges(_ body: inout RequestBody, includingPassword: Bool) -> ProfileChanges {
        ProfileChanges(
            email: body.string("email"),
            firstName: body.string("first_name", nullable: true),
            lastName: body.string("last_name", nullable: true),
            phoneNumber: body.clearableString("phone_no"),
            profilePictureURL: body.string("profile_pic_url", nullable: true),
            password: includingPassword ? body.string("password") : nil)
    }
}
