/// Which slice of a list a caller asks for: 1-based page number and page size.
///
/// Every number here comes from a client, so nothing derived from it may trap: page numbers past
/// ``maximumNumber`` are refused as "Invalid page." before any store sees them, and ``offset`` saturates
/// instead of overflowing.
public struct PageRequest: Sendable, Equatable, Hashable {
    public static let defaultSize = 10
    public static let maximumSize = 100
    /// The largest page number any list can have: past it, `number × maximumSize` would not fit an `Int`.
    public static let maximumNumber = Int.max / maximumSize

    public var number: Int
    public var size: Int

    /// Clamps `size` into `1...maximumSize`; `number` is kept as given and checked against the list.
    public init(number: Int = 1, size: Int = PageRequest.defaultSize) {
        self.number = number
        self.size = min(max(size, 1), PageRequest.maximumSize)
    }

    /// Whether `number` can name a page of some list at all.
    public var isWithinRange: Bool { number >= 1 && number <= Self.maximumNumber }

    /// How many items come before this page; `Int.max` for a page no list can reach.
    public var offset: Int {
        guard isWithinRange else { return number < 1 ? 0 : Int.max }
        return (number - 1) * size
    }
}

/// One page of a longer list, with the length of the whole list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var totalCount: Int
    public var request: PageRequest

    public init(items: [Item], totalCount: Int, request: PageRequest) {
        self.items = items
        self.totalCount = totalCount
        self.request = request
    }

    public var hasNext: Bool {
        let (end, overflow) = request.number.multipliedReportingOverflow(by: request.size)
        return !overflow && end < totalCount
    }

    public var hasPrevious: Bool { request.number > 1 }

    public func map<T: Sendable>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), totalCount: totalCount, request: request)
    }
}

extension Array where Element: Sendable {
    /// The slice of this whole list that `request` asks for.
    public func page(_ request: PageRequest) -> Page<Element> {
        let start = Swift.min(request.offset, count)
        let end = start + Swift.min(request.size, count - start)
        return Page(items: Array(self[start..<end]), totalCount: count, request: request)
    }
}

extension Page {
    /// Refuses a page past the end of the list, as the old backend did; the first page may be empty.
    public func requireExisting() throws(MapleQuestError) -> Page {
        guard request.isWithinRange, request.number == 1 || !items.isEmpty else { throw .notFound(.page) }
        return self
    }
}

extension PageRequest {
    /// Refuses a page number no list can have.
    public func requireValid() throws(MapleQuestError) {
        guard isWithinRange else { throw .notFound(.page) }
    }
}
