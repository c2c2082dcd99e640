/// A presigned upload: where the phone `PUT`s the bytes, and where everyone reads them afterwards.
public struct SignedUpload: Sendable, Equatable {
    public var uploadURL: String
    public var publicURL: String

    public init(uploadURL: String, publicURL: String) {
        self.uploadURL = uploadURL
        self.publicURL = publicURL
    }
}

/// The photo storage as the game sees it: it signs uploads and knows which URLs are its own.
public protocol UploadSigner: Sendable {
    /// A URL that accepts one `PUT` of an object at `key` with exactly `contentType`, for `expiresIn` seconds.
    /// Throws when storage cannot sign now (e.g. its credentials cannot be fetched).
    func signUpload(key: String, contentType: String, expiresIn: Int) async throws -> SignedUpload
    /// The public URL an object at `key` is read from.
    func publicURL(forKey key: String) -> String
    /// The object key behind a public URL of this storage, or `nil` when the URL is not one of its own.
    func key(forPublicURL url: String) -> String?
}
