import FoundationEssentials
import Hummingbird
import MQDomain

extension ConsoleRoutes {
    func addDashboard(to router: Router<MQRequestContext>) {
        router.get("/admin") { request, context in
            try await staffOnly(request, context) { _, _, staff in
                let days = try await game.reports.dailyActivity(days: 30, requestedBy: staff.user)
                let newestPlayers = try await game.moderation.players(matching: nil, PageRequest(number: 1, size: 8))
                let newestPhotos = try await game.reports.photos(PageRequest(number: 1, size: 8), requestedBy: staff.user)
                return render(
                    "dashboard",
                    [
                        "title": "Dashboard",
                        "chart": ActivityChart(days: days).svg,
                        "totals": [
                            "players": days.reduce(0) { $0 + $1.players },
                            "checkIns": days.reduce(0) { $0 + $1.checkIns },
                            "photos": days.reduce(0) { $0 + $1.photos },
                        ],
                        "players": newestPlayers.items.map(Self.row),
                        "photos": newestPhotos.items.map(Self.row),
                    ], staff: staff)
            }
        }
    }

    static func row(_ user: User) -> [String: Any] {
        [
            "id": user.id, "email": user.email, "name": [user.firstName, user.lastName].filter { !$0.isEmpty }.joined(separator: " "),
            "phone": user.phoneNumber ?? "", "points": user.points, "staff": user.isStaff,
            "joined": user.createdAt.map { Timestamp.string($0) } ?? "",
        ]
    }

    static func row(_ photo: PhotoListing) -> [String: Any] {
        [
            "id": photo.image.id, "url": photo.image.imageURL, "caption": photo.image.description, "likes": photo.image.likes,
            "ownerID": photo.ownerID, "ownerEmail": photo.ownerEmail, "locationName": photo.locationName,
        ]
    }
}

/// Players, check-ins and photos per day as a small server-rendered SVG line chart.
struct ActivityChart {
    let days: [DailyActivity]

    static let width = 600.0, height = 160.0, margin = 24.0
    static let series: [(name: String, colour: String, value: @Sendable (DailyActivity) -> Int)] = [
        ("players", "#c8102e", { $0.players }), ("check-ins", "#1f6f50", { $0.checkIns }), ("photos", "#2456a6", { $0.photos }),
    ]

    var svg: String {
        let peak = max(1, days.flatMap { day in Self.series.map { $0.value(day) } }.max() ?? 1)
        let step = days.count > 1 ? (Self.width - 2 * Self.margin) / Double(days.count - 1) : 0
        var parts: [String] = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Int(Self.width)) \##(Int(Self.height))" role="img" aria-label="Activity over the last \##(days.count) days" class="chart">"##,
            ##"<line x1="\##(Self.margin)" y1="\##(Self.height - Self.margin)" x2="\##(Self.width - Self.margin)" y2="\##(Self.height - Self.margin)" stroke="#999"/>"##,
            ##"<text x="2" y="\##(Self.margin)" font-size="10">\##(peak)</text><text x="2" y="\##(Self.height - Self.margin)" font-size="10">0</text>"##,
        ]
        for (index, series) in Self.series.enumerated() {
            let points = days.enumerated().map { offset, day in
                let x = Self.margin + Double(offset) * step
                let y = Self.height - Self.margin - Double(series.value(day)) / Double(peak) * (Self.height - 2 * Self.margin)
                return "\(Self.oneDecimal(x)),\(Self.oneDecimal(y))"
            }.joined(separator: " ")
            parts.append(##"<polyline fill="none" stroke="\##(series.colour)" stroke-width="2" points="\##(points)"/>"##)
            parts.append(
                ##"<text x="\##(Self.margin + Double(index) * 90)" y="\##(Self.height - 6)" font-size="11" fill="\##(series.colour)">\##(series.name)</text>"##)
        }
        if let first = days.first, let last = days.last {
            parts.append(##"<text x="\##(Self.width - Self.margin - 140)" y="\##(Self.height - 6)" font-size="10">\##(first.day) – \##(last.day)</text>"##)
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// `value` with one decimal, as `%.1f` writes it, for the chart's coordinates.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let magnitude = Int(abs(tenths))
        return "\(tenths < 0 ? "-" : "")\(magnitude / 10).\(magnitude % 10)"
    }
}
