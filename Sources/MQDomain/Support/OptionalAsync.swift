extension Optional {
    /// `flatMap` for an asynchronous transform: `nil` stays `nil` without calling it.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
