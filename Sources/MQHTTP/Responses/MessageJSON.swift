import MQDomain

/// `{"message": "..."}` plus one more field.
struct MessageJSON: Encodable {
    let message: String
}
