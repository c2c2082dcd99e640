/// Which object keys are safe to use as paths: non-empty segments of `A-Z a-z 0-9 . _ -`, none of
/// them `.` or `..`, so that no key can reach outside the storage root.
enum ObjectKey {
    static let maximumLength = 512

    static func isSafe(_ key: String) -> Bool {
        guard !key.isEmpty, key.utf8.count <= maximumLength else { return false }
        return key.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".."
                && segment.utf8.allSatisfy { byte in
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        || byte == 0x2E || byte == 0x5F || byte == 0x2D
                }
        }
    }
}
