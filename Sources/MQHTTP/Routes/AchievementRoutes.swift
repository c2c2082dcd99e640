import Hummingbird
import MQDomain

extension MapleQuestAPI {
    func addAchievementRoutes(to table: RouteTable) {
        table.get("/api/achievements") { request, _ in
            let page = try await game.achievements.list(try pageRequest(request))
            return JSONReply.make(.ok, PageJSON(page, request: request, transform: AchievementJSON.init))
        }
        table.post("/api/achievements") { request, _ in
            let caller = try await caller(request)
            try game.achievements.authorizeChanges(by: caller)
            let draft = try await achievementDraft(request)
            return JSONReply.make(.created, AchievementJSON(try await game.achievements.create(draft, by: caller)))
        }
        table.get("/api/achievements/{id}") { _, context in
            JSONReply.make(.ok, AchievementJSON(try await game.achievements.achievement(try textID(context, .achievement))))
        }
        for (method, partial) in [(HTTPRequest.Method.put, false), (.patch, true)] {
            table.on(method, "/api/achievements/{id}") { request, context in
                let caller = try await caller(request)
                try game.achievements.authorizeChanges(by: caller)
                let id = try textID(context, .achievement)
                let draft = try await achievementDraft(request)
                return JSONReply.make(.ok, AchievementJSON(try await game.achievements.update(id, with: draft, partial: partial, by: caller)))
            }
        }
        table.get("/api/users/me/achievements") { request, _ in
            let page = try await game.achievements.earned(by: try await caller(request), try pageRequest(request))
            return try JSONReply.make(.ok, PageJSON(page, request: request, transform: EarnedAchievementJSON.init))
        }
        table.delete("/api/achievements/{id}") { request, context in
            let caller = try await caller(request)
            try game.achievements.authorizeChanges(by: caller)
            try await game.achievements.delete(try textID(context, .achievement), by: caller)
            return JSONReply.noContent()
        }
    }

    private func achievementDraft(_ request: Request) async throws -> AchievementDraft {
        var body = try await RequestBody.read(request)
        let rule = body.object("rule") { rule in
            let kindWord = rule.string("kind")
            let kind = kindWord.flatMap { AchievementJSON.RuleJSON.kinds[$0] }
            if let kindWord, kind == nil { rule.refuse("kind", "\"\(kindWord.prefix(40))\" is not a valid choice.") }
            return AchievementRuleDraft(kind: kind, count: rule.integer("count"), landmarks: rule.strings("landmarks"))
        }
        let draft = AchievementDraft(
            id: body.string("achievement_id"), description: body.string("description"), points: body.integer("points"),
            rule: rule)
        try body.throwIfProblems()
        return draft
    }
}
