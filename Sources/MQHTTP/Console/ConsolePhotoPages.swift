import FoundationEssentials
import Hummingbird
import MQDomain

/// Photos (with their removal), friend requests and the audit log.
extension ConsoleRoutes {
    func addPhotoPages(to router: Router<MQRequestContext>) {
        router.get("/admin/images") { request, context in
            try await staffOnly(request, context) { request, _, staff in
                let page = try await game.reports.photos(PageRequest(number: Self.pageNumber(request), size: 24), requestedBy: staff.user)
                return render(
                    "images",
                    [
                        "title": "Photos", "photos": page.items.map(Self.row), "count": page.totalCount,
                        "pager": Self.pager(page, path: "/admin/images/"),
                    ], staff: staff)
            }
        }
        router.post("/admin/images/:id/delete") { request, context in
            try await staffOnly(request, context, form: true) { _, context, staff in
                guard let id = Int(try context.parameters.require("id")) else { throw MapleQuestError.notFound(.image) }
                try await game.moderation.deletePhoto(id, by: staff.actor)
                return ConsolePages.redirect("/admin/images/", cookies: [staff.cookie])
            }
        }
        router.get("/admin/friend-requests") { request, context in
            try await staffOnly(request, context) { request, _, staff in
                let status = request.uri.queryParameters.get("status").flatMap(FriendRequest.Status.init(rawValue:))
                let page = try await game.reports.friendRequests(
                    status: status, PageRequest(number: Self.pageNumber(request), size: 50), requestedBy: staff.user)
                let filters = [nil, FriendRequest.Status.pending, .accepted, .rejected].map { option in
                    [
                        "label": option?.rawValue ?? "all", "href": option.map { "/admin/friend-requests/?status=\($0.rawValue)" } ?? "/admin/friend-requests/",
                        "current": option == status,
                    ]
                }
                return render(
                    "friend_requests",
                    [
                        "title": "Friend requests", "filters": filters, "count": page.totalCount,
                        "requests": page.items.map {
                            [
                                "id": $0.id, "from": $0.fromUserID, "to": $0.toUserID, "status": $0.status.rawValue,
                                "created": Timestamp.string($0.createdAt), "updated": Timestamp.string($0.updatedAt),
                            ]
                        },
                        "pager": Self.pager(page, path: "/admin/friend-requests/", extra: status.map { "&status=\($0.rawValue)" } ?? ""),
                    ], staff: staff)
            }
        }
        router.get("/admin/audit") { request, context in
            try await staffOnly(request, context) { request, _, staff in
                let page = try await game.audit.entries(PageRequest(number: Self.pageNumber(request), size: 50), requestedBy: staff.user)
                return render(
                    "audit",
                    [
                        "title": "Audit log", "count": page.totalCount,
                        "entries": page.items.map { ["at": Timestamp.string($0.at), "actor": $0.actor, "action": $0.action, "object": $0.object] },
                        "pager": Self.pager(page, path: "/admin/audit/"),
                    ], staff: staff)
            }
        }
    }
}
