/// The email rules of the old backend: Django's `EmailValidator` shape, at most 254 characters,
/// with the domain part lower-cased as Django's `normalize_email` stores it.
public enum EmailAddress {
    public static let maximumLength = 254

    /// The address as it is stored and looked up, or `nil` when it is not a valid address.
    public static func normalized(_ raw: String) -> String? {
        let trimmed = raw.trimmingWhitespace()
        guard TextLimit.length(trimmed) <= maximumLength,
            let at = trimmed.lastIndex(of: "@")
        else { return nil }
        let local = trimmed[..<at]
        let domain = trimmed[trimmed.index(after: at)...].lowercased()
        guard isValidLocalPart(local), isValidDomain(domain) else { return nil }
        return "\(local)@\(domain)"
    }

    private static let localPartSymbols = Set("!#$%&'*+/=?^_`{|}~-")

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.count <= 64 else { return false }
        return local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || localPartSymbols.contains($0)) }
        }
    }

    private static func isValidDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let topLevel = labels.last,
            topLevel.count >= 2, topLevel.allSatisfy({ $0.isLetter || $0 == "-" }) || topLevel.hasPrefix("xn--")
        else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.unicodeScalars.count)
                && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }
}
