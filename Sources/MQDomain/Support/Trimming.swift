extension StringProtocol {
    /// The text without leading and trailing white space, as the old backend's serializers trimmed input.
    public func trimmingWhitespace() -> String {
        trimming(while: \.isWhitespace)
    }

    /// The text without leading and trailing spaces and tabs (Unicode's space separators); line breaks stay.
    public func trimmingSpaces() -> String {
        trimming(while: \.isSpaceOrTab)
    }

    private func trimming(while isTrimmed: (Character) -> Bool) -> String {
        var slice = Substring(self)
        while let first = slice.first, isTrimmed(first) { slice.removeFirst() }
        while let last = slice.last, isTrimmed(last) { slice.removeLast() }
        return String(slice)
    }
}

extension Character {
    /// A tab or a space separator (general category Zs).
    fileprivate var isSpaceOrTab: Bool {
        self == "\t" || (unicodeScalars.count == 1 && unicodeScalars.first!.properties.generalCategory == .spaceSeparator)
    }
}
