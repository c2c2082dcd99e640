import MQDomain

/// `Tokens`.
struct TokensJSON: Encodable {
    let refresh: String
    let access: String

    init(_ pair: TokenPair) {
        refresh = pair.refresh
        access = pair.access
    }
}

/// The answer to a registration or a login.
struct SignedInJSON: Encodable {
    let user: UserProfileJSON
    let tokens: TokensJSON
    let message: String

    init(_ signedIn: SignedIn, message: String) {
        user = UserProfileJSON(user: signedIn.user)
        tokens = TokensJSON(signedIn.tokens)
        self.message = message
    }
}
