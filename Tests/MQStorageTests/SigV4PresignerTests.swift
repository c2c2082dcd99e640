import Foundation
import MQStorage
import Testing

@Suite("Signature V4 presigning")
struct SigV4PresignerTests {
    static let exampleCredentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

    /// "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", Amazon S3 API Reference.
    @Test func theAWSDocumentationsExampleSignsTheSame() {
        let date = ISO8601DateFormatter().date(from: "2013-05-24T00:00:00Z")!
        let url = SigV4Presigner(region: "us-east-1").presign(
            .init(method: "GET", scheme: "https", host: "examplebucket.s3.amazonaws.com", encodedPath: "/test.txt"),
            credentials: Self.exampleCredentials, date: date, expires: 86400)
        #expect(
            url == "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
                + "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }
}
