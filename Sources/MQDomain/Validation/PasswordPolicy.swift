/// Django's four default password validators, which the old backend declared but never ran.
///
/// All four run and every message is reported under `password`, as Django does.
public enum PasswordPolicy {
    public static let minimumLength = 8
    /// Django's `UserAttributeSimilarityValidator` default.
    static let maximumSimilarity = 0.7

    /// The attributes of the account a password must not resemble.
    public struct Account: Sendable {
        public var email: String
        public var firstName: String
        public var lastName: String

        public init(email: String, firstName: String, lastName: String) {
            self.email = email
            self.firstName = firstName
            self.lastName = lastName
        }
    }

    /// Every rule `password` breaks, as messages in Django's words; empty when it is acceptable.
    public static func problems(with password: String, for account: Account) -> [String] {
        var problems: [String] = []
        if let attribute = similarAttribute(password, account) {
            problems.append("The password is too similar to the \(attribute).")
        }
        if password.count < minimumLength {
            problems.append("This password is too short. It must contain at least \(minimumLength) characters.")
        }
        if !TextLimit.isStorable(password) {
            problems.append(TextLimit.nulMessage)
        }
        if TextLimit.length(password) > TextLimit.password {
            problems.append(FieldMessage.tooLong(TextLimit.password))
        }
        if commonPasswords.contains(Substring(password.lowercased().trimmingWhitespace())) {
            problems.append("This password is too common.")
        }
        if !password.isEmpty, password.allSatisfy(\.isNumber) {
            problems.append("This password is entirely numeric.")
        }
        return problems
    }

    private static let commonPasswords: Set<Substring> = Set(commonPasswordList.split(separator: "\n"))

    /// How many distinct passwords the common-password check refuses.
    static var commonPasswordCount: Int { commonPasswords.count }

    private static func similarAttribute(_ password: String, _ account: Account) -> String? {
        let lowered = password.lowercased()
        let attributes = [("email", account.email), ("first name", account.firstName), ("last name", account.lastName)]
        for (name, value) in attributes where !value.isEmpty {
            let valueLowered = value.lowercased()
            let parts = valueLowered.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init) + [valueLowered]
            for part in parts where !exceedsMaximumLengthRatio(lowered, part) {
                if quickRatio(lowered, part) >= maximumSimilarity { return name }
            }
        }
        return nil
    }

    /// Django skips parts much shorter than the password, where similarity means nothing.
    private static func exceedsMaximumLengthRatio(_ password: String, _ value: String) -> Bool {
        let passwordLength = Double(password.count)
        let valueLength = Double(value.count)
        return passwordLength >= 10 * valueLength && valueLength < maximumSimilarity / 2 * passwordLength
    }

    /// Python's `SequenceMatcher.quick_ratio`: twice the shared characters (as multisets) over both lengths.
    private static func quickRatio(_ a: String, _ b: String) -> Double {
        let total = a.count + b.count
        guard total > 0 else { return 1 }
        var available: [Character: Int] = [:]
        for character in b { available[character, default: 0] += 1 }
        var matches = 0
        for character in a {
            if let left = available[character], left > 0 {
                available[character] = left - 1
                matches += 1
            }
        }
        return 2 * Double(matches) / Double(total)
    }
}
