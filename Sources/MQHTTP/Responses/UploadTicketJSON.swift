import MQDomain

/// Where and how to upload one photo.
struct UploadTicketJSON: Encodable {
    let uploadURL: String
    let publicURL: String
    let fileKey: String
    let expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case uploadURL = "upload_url", publicURL = "public_url", fileKey = "file_key", expiresIn = "expires_in"
    }

    init(_ ticket: UploadTicket) {
        uploadURL = ticket.uploadURL
        publicURL = ticket.publicURL
        fileKey = ticket.key
        expiresIn = ticket.expiresIn
    }
}
