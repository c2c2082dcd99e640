/// Which slice of a list a caller asks for: 1-based page number and page size.
public struct PageRequest: Sendable, Equatable, Hashable {
    public static let defaultSize = 10
    public static let maximumSize = 100

    public var number: Int
    public var size: Int

    /// Clamps `size` into `1...maximumSize`; `number` is kept as given and checked against the list.
    public init(number: Int = 1, size: Int = PageRequest.defaultSize) {
        self.number = number
        self.size = min(max(size, 1), PageRequest.maximumSize)
    }

    public var offset: Int { (number - 1) * size }
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

    public var hasNext: Bool { request.number * request.size < totalCount }
    public var hasPrevious: Bool { request.number > 1 }

    public func map<T: Sendable>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), totalCount: totalCount, request: request)
    }
}

extension Array where Element: Sendable {
    /// The slice of this whole list that `request` asks for.
    public func page(_ request: PageRequest) -> Page<Element> {
        let start = Swift.min(request.offset, count)
        let end = Swift.min(start + request.size, count)
        return Page(items: Array(self[start..<end]), totalCount: count, request: request)
    }
}
