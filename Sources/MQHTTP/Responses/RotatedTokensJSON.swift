import MQDomain

/// The answer to a token refresh: `{"access", "refresh"}`.
struct RotatedTokensJSON: Encodable {
    let access: String
    let refresh: String
}
