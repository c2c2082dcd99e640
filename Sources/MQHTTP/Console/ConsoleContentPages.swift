import FoundationEssentials
import Hummingbird
import MQDomain

/// Landmarks and achievements: list, create, edit, delete — validated by the same services as the API.
extension ConsoleRoutes {
    func addContentPages(to router: Router<MQRequestContext>) {
        router.get("/admin/landmarks") { request, context in
            try await staffOnly(request, context) { request, _, staff in
                let page = try await game.locations.list(PageRequest(number: Self.pageNumber(request), size: 50))
                return render(
                    "landmarks", ["title": "Landmarks", "landmarks": page.items.map(Self.row), "pager": Self.pager(page, path: "/admin/landmarks/")],
                    staff: staff)
            }
        }
        router.get("/admin/landmarks/new") { request, context in
            try await staffOnly(request, context) { _, _, staff in
                render("landmark_form", ["title": "New landmark", "action": "/admin/landmarks/new/", "landmark": [String: Any]()], staff: staff)
            }
        }
        router.post("/admin/landmarks/new") { request, context in
            try await staffOnly(request, context, form: true) { _, _, staff in
                try await save(
                    staff,
                    form: ContentForm(
                        template: "landmark_form", key: "landmark", title: "New landmark", action: "/admin/landmarks/new/",
                        list: "/admin/landmarks/")
                ) {
                    let created = try await game.locations.create(try Self.landmarkDraft(staff.form), by: staff.user)
                    return ("location.create", "location \(created.id) (\(created.name))")
                }
            }
        }
        router.get("/admin/landmarks/:id") { request, context in
            try await staffOnly(request, context) { _, context, staff in
                let location = try await game.locations.location(try context.parameters.require("id"))
                return render(
                    "landmark_form", ["title": location.name, "action": "/admin/landmarks/\(location.id)/", "landmark": Self.row(location), "existing": true],
                    staff: staff)
            }
        }
        router.post("/admin/landmarks/:id") { request, context in
            try await staffOnly(request, context, form: true) { _, context, staff in
                let id = try context.parameters.require("id")
                return try await save(
                    staff,
                    form: ContentForm(
                        template: "landmark_form", key: "landmark", title: "Edit landmark", action: "/admin/landmarks/\(id)/",
                        list: "/admin/landmarks/", existingID: id)
                ) {
                    let updated = try await game.locations.update(id, with: try Self.landmarkDraft(staff.form), partial: false, by: staff.user)
                    return ("location.update", "location \(updated.id) (\(updated.name))")
                }
            }
        }
        router.post("/admin/landmarks/:id/delete") { request, context in
            try await staffOnly(request, context, form: true) { _, context, staff in
                let id = try context.parameters.require("id")
                try await game.locations.delete(id, by: staff.user)
                try await game.audit.record(staff.actor, "location.delete", "location \(id)")
                return ConsolePages.redirect("/admin/landmarks/", cookies: [staff.cookie])
            }
        }

        router.get("/admin/achievements") { request, context in
            try await staffOnly(request, context) { request, _, staff in
                let page = try await game.achievements.list(PageRequest(number: Self.pageNumber(request), size: 50))
                return render(
                    "achievements",
                    ["title": "Achievements", "achievements": page.items.map(Self.row), "pager": Self.pager(page, path: "/admin/achievements/")], staff: staff)
            }
        }
        router.get("/admin/achievements/new") { request, context in
            try await staffOnly(request, context) { _, _, staff in
                render("achievement_form", ["title": "New achievement", "action": "/admin/achievements/new/", "achievement": [String: Any]()], staff: staff)
            }
        }
        router.post("/admin/achievements/new") { request, context in
            try await staffOnly(request, context, form: true) { _, _, staff in
                try await save(
                    staff,
                    form: ContentForm(
                        template: "achievement_form", key: "achievement", title: "New achievement",
                        action: "/admin/achievements/new/", list: "/admin/achievements/")
                ) {
                    let created = try await game.achievements.create(try Self.achievementDraft(staff.form, withID: true), by: staff.user)
                    return ("achievement.create", "achievement \(created.id)")
                }
            }
        }
        router.get("/admin/achievements/:id") { request, context in
            try await staffOnly(request, context) { _, context, staff in
                let achievement = try await game.achievements.achievement(try context.parameters.require("id"))
                return render(
                    "achievement_form",
                    [
                        "title": achievement.id, "action": "/admin/achievements/\(achievement.id)/", "achievement": Self.row(achievement),
                        "existing": true,
                    ], staff: staff)
            }
        }
        router.post("/admin/achievements/:id") { request, context in
            try await staffOnly(request, context, form: true) { _, context, staff in
                let id = try context.parameters.require("id")
                return try await save(
                    staff,
                    form: ContentForm(
                        template: "achievement_form", key: "achievement", title: "Edit achievement",
                        action: "/admin/achievements/\(id)/", list: "/admin/achievements/", existingID: id)
                ) {
                    let updated = try await game.achievements.update(
                        id, with: try Self.achievementDraft(staff.form, withID: false), partial: true, by: staff.user)
                    return ("achievement.update", "achievement \(updated.id)")
                }
            }
        }
        router.post("/admin/achievements/:id/delete") { request, context in
            try await staffOnly(request, context, form: true) { _, context, staff in
                let id = try context.parameters.require("id")
                try await game.achievements.delete(id, by: staff.user)
                try await game.audit.record(staff.actor, "achievement.delete", "achievement \(id)")
                return ConsolePages.redirect("/admin/achievements/", cookies: [staff.cookie])
            }
        }
    }

    /// Where a create or edit form comes from and goes back to.
    struct ContentForm {
        let template: String
        /// The name the template reads the fields under.
        let key: String
        let title: String
        let action: String
        /// Where a saved form returns.
        let list: String
        var existingID: String?
    }

    /// Runs `change` (which names the audit action and object); refused input shows the form again with
    /// what was typed and the service's messages.
    func save(_ staff: StaffVisit, form: ContentForm, _ change: () async throws -> (action: String, object: String)) async throws -> Response {
        do {
            let done = try await change()
            try await game.audit.record(staff.actor, done.action, done.object)
            return ConsolePages.redirect(form.list, cookies: [staff.cookie])
        } catch MapleQuestError.invalid(let errors) {
            var fields = Self.submitted(staff.form)
            var page: [String: Any] = ["title": form.title, "action": form.action, "errors": errors.summary]
            if let id = form.existingID {
                fields["id"] = id
                page["existing"] = true
            }
            page[form.key] = fields
            return render(form.template, page, staff: staff, status: .badRequest)
        }
    }

    static func landmarkDraft(_ form: ConsoleForm) throws -> LocationDraft {
        let image = form.text("default_image_url")
        return LocationDraft(
            name: form["name"], province: form["province"], latitude: form["latitude"], longitude: form["longitude"],
            description: form["description"], points: try points(form), defaultImageURL: .some(image))
    }

    static func achievementDraft(_ form: ConsoleForm, withID: Bool) throws -> AchievementDraft {
        AchievementDraft(id: withID ? form["id"] : nil, description: form["description"], points: try points(form))
    }

    /// The points field as the API reads it: a whole number, or the API's own message.
    static func points(_ form: ConsoleForm) throws -> Int? {
        guard let text = form.text("points") else { return nil }
        guard let points = Int(text) else { throw MapleQuestError.invalid(FieldErrors("points", "A valid integer is required.")) }
        return points
    }

    /// What was typed, to fill a form shown again with its errors.
    static func submitted(_ form: ConsoleForm) -> [String: Any] {
        var fields: [String: Any] = [:]
        for name in ["id", "name", "province", "latitude", "longitude", "description", "points", "default_image_url"] {
            if let value = form[name] { fields[name] = value }
        }
        return fields
    }

    static func row(_ location: Location) -> [String: Any] {
        [
            "id": location.id, "name": location.name, "province": location.province, "latitude": location.latitude,
            "longitude": location.longitude, "description": location.description, "points": location.points,
            "default_image_url": location.defaultImageURL ?? "",
        ]
    }

    static func row(_ achievement: Achievement) -> [String: Any] {
        ["id": achievement.id, "description": achievement.description, "points": achievement.points]
    }
}
