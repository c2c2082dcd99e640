import FoundationEssentials
import Hummingbird
import MQDomain

extension ConsoleRoutes {
    func addUserPages(to router: Router<MQRequestContext>) {
        router.get("/admin/users") { request, context in
            try await staffOnly(request, context) { request, _, staff in
                let query = request.uri.queryParameters.get("q") ?? ""
                let number = Self.pageNumber(request)
                let found = try await game.moderation.players(matching: query, PageRequest(number: number, size: 25))
                return render(
                    "users",
                    [
                        "title": "Users", "q": query, "users": found.items.map(Self.row), "count": found.totalCount,
                        "pager": Self.pager(found, path: "/admin/users/", extra: query.isEmpty ? "" : "&q=" + PercentEncoding.encode(query)),
                    ], staff: staff)
            }
        }
        router.get("/admin/users/:id") { request, context in
            try await staffOnly(request, context) { _, context, staff in
                try await userPage(try context.parameters.require("id"), staff: staff)
            }
        }
        router.post("/admin/users/:id/delete") { request, context in
            try await staffOnly(request, context, form: true) { _, context, staff in
                let deleted = try await game.moderation.deleteAccount(try context.parameters.require("id"), by: staff.actor)
                return render(
                    "message", ["title": "Deleted", "message": "\(deleted.email) was deleted with their visits, photos, friend requests and sessions."],
                    staff: staff)
            }
        }
        router.post("/admin/users/:id/password") { request, context in
            try await staffOnly(request, context, form: true) { _, context, staff in
                let id = try context.parameters.require("id")
                let user = try await game.moderation.setPassword(of: id, to: staff.form["password"] ?? "", by: staff.actor)
                return ConsolePages.redirect("/admin/users/\(user.id)/?done=password", cookies: [staff.cookie])
            }
        }
        router.post("/admin/users/:id/staff") { request, context in
            try await staffOnly(request, context, form: true) { _, context, staff in
                let id = try context.parameters.require("id")
                let user = try await game.moderation.setStaff(id, staff.form["grant"] == "true", by: staff.actor)
                return ConsolePages.redirect("/admin/users/\(user.id)/", cookies: [staff.cookie])
            }
        }
    }

    private func userPage(_ id: String, staff: StaffVisit) async throws -> Response {
        let overview = try await game.moderation.overview(of: id)
        return render(
            "user",
            [
                "title": overview.user.email,
                "user": Self.row(overview.user),
                "visitCount": overview.visitCount,
                "visits": overview.visits.map {
                    ["when": Timestamp.string($0.visitedAt), "location": $0.locationID, "note": $0.note, "photos": $0.images.count]
                },
                "friends": overview.friends.map(Self.row),
                "isSelf": overview.user.id == staff.user.id,
            ], staff: staff)
    }

    static func pageNumber(_ request: Request) -> Int {
        request.uri.queryParameters.get("page").flatMap(Int.init).map { min(max($0, 1), 100_000) } ?? 1
    }

    /// Links to the previous and next pages, when there are any.
    static func pager<Item>(_ page: MQDomain.Page<Item>, path: String, extra: String = "") -> [String: Any] {
        let number = page.request.number
        let last = max(1, (page.totalCount + page.request.size - 1) / page.request.size)
        var pager: [String: Any] = ["number": number, "last": last]
        if number > 1 { pager["previous"] = "\(path)?page=\(number - 1)\(extra)" }
        if number < last { pager["next"] = "\(path)?page=\(number + 1)\(extra)" }
        return pager
    }
}
