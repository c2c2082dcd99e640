import MQDomain

/// Visits read with their photos in the same statement: the visit's columns joined with
/// ``withPhotos`` give one row per photo, newest first (``photosOrder``), or one row with NULL photo
/// columns for a visit without any. A visit's rows are consecutive, so ``fold(_:)`` rebuilds each visit
/// in one pass, where reading the photos in a statement of their own cost a round trip per read.
enum VisitsWithPhotos {
    /// The photo columns (``Columns/image``), joined to the visits aliased `v`.
    static let join = "LEFT JOIN core_image i ON i.visit_id = v.id"
    /// The last key of the statement's `ORDER BY`: a visit's photos, newest first.
    static let photosOrder = "i.id DESC"

    /// Each visit with its photos, in the rows' order, and the first of its rows (for columns joined
    /// beside it, such as its player's card).
    static func fold(_ rows: [Row]) throws -> [(visit: Visit, row: Row)] {
        var visits: [(visit: Visit, row: Row)] = []
        for row in rows {
            if visits.last?.visit.id != (try row.int("visit_id")) {
                visits.append((try Columns.visit(row), row))
            }
            if try row.optionalString("image_id") != nil {
                visits[visits.count - 1].visit.images.append(try Columns.image(row))
            }
        }
        return visits
    }
}
