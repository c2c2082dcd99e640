import MQDomain

/// Visits read with their photos in the same statement: the visit's columns joined with ``join`` give
/// one row per photo, newest first (``photosOrder``), or one row with NULL photo columns for a visit
/// without any. A visit's rows are consecutive, so ``fold(_:into:visit:)`` rebuilds each visit in one
/// pass, where reading the photos in a statement of their own cost a round trip per read.
enum VisitsWithPhotos {
    /// The photo columns (``Columns/image``), joined to the visits aliased `v`.
    static let join = "LEFT JOIN core_image i ON i.visit_id = v.id"
    /// The last key of the statement's `ORDER BY`: a visit's photos, newest first.
    static let photosOrder = "i.id DESC"

    /// The visits the rows hold, each with its photos.
    static func visits(_ rows: [Row]) throws -> [Visit] {
        try fold(rows, into: Columns.visit, visit: \.self)
    }

    /// One item per visit, in the rows' order: `item` reads it from the visit's first row (the visit and
    /// any columns joined beside it, such as its player's card), and each row's photo is added to the
    /// item's `visit`.
    static func fold<Item>(_ rows: [Row], into item: (Row) throws -> Item, visit: WritableKeyPath<Item, Visit>) throws -> [Item] {
        var items: [Item] = []
        items.reserveCapacity(rows.count)
        var lastVisitID: VisitID?
        for row in rows {
            let visitID = try row.int("visit_id")
            if visitID != lastVisitID {
                items.append(try item(row))
                lastVisitID = visitID
            }
            if try !row.isNull("image_id") {
                items[items.count - 1][keyPath: visit].images.append(try Columns.image(row))
            }
        }
        return items
    }
}
