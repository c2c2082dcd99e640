import Crypto
import FoundationEssentials
import MQDomain

/// AWS Signature Version 4 by query string ("presigned URLs"), as S3 defines it: the payload is
/// `UNSIGNED-PAYLOAD`, the path is not normalised, and every header passed in is signed, so the holder
/// of the URL must send exactly those header values.
///
/// Query parameters appear in the order botocore writes them, so the same inputs give the same URL.
public struct SigV4Presigner: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var scheme: String
        /// `host` or `host:port`, exactly as the client will send it in `Host`.
        public var host: String
        /// The path, already URI-encoded (see `PercentEncoding.encodePath`), starting with `/`.
        public var encodedPath: String
        /// Headers the upload must carry besides `Host`, e.g. `Content-Type`.
        public var headers: [String: String]

        public init(method: String, scheme: String, host: String, encodedPath: String, headers: [String: String] = [:]) {
            self.method = method
            self.scheme = scheme
            self.host = host
            self.encodedPath = encodedPath
            self.headers = headers
        }
    }

    public var region: String
    public var service: String

    public init(region: String, service: String = "s3") {
        self.region = region
        self.service = service
    }

    /// The presigned URL for `request`, valid `expires` seconds from `date`.
    public func presign(_ request: Request, credentials: AWSCredentials, date: Date, expires: Int) -> String {
        let (amzDate, day) = Self.timestamps(date)
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        var headers = request.headers.reduce(into: [String: String]()) { result, header in
            result[header.key.lowercased()] = header.value.trimmingSpaces()
        }
        headers["host"] = request.host
        let signedHeaders = headers.keys.sorted().joined(separator: ";")

        var parameters: [(String, String)] = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedHeaders),
        ]
        if let token = credentials.sessionToken { parameters.append(("X-Amz-Security-Token", token)) }
        let encoded = parameters.map { (PercentEncoding.encode($0.0), PercentEncoding.encode($0.1)) }
        let canonicalQuery = encoded.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let canonicalHeaders = headers.keys.sorted().map { "\($0):\(headers[$0]!)\n" }.joined()
        let canonicalRequest = [
            request.method, request.encodedPath, canonicalQuery, canonicalHeaders, signedHeaders, "UNSIGNED-PAYLOAD",
        ].joined(separator: "\n")
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Hexadecimal.string(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let signature = Hexadecimal.string(
            HMAC<SHA256>.authenticationCode(
                for: Data(stringToSign.utf8), using: signingKey(secret: credentials.secretAccessKey, day: day)))
        let query = encoded.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return "\(request.scheme)://\(request.host)\(request.encodedPath)?\(query)&X-Amz-Signature=\(signature)"
    }

    private func signingKey(secret: String, day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// `20130524T000000Z` and `20130524`, in UTC.
    static func timestamps(_ date: Date) -> (String, String) {
        let parts = CivilTime(date)
        func pad(_ value: Int, _ width: Int = 2) -> String { value.zeroPadded(to: width) }
        let day = "\(pad(parts.year, 4))\(pad(parts.month))\(pad(parts.day))"
        return ("\(day)T\(pad(parts.hour))\(pad(parts.minute))\(pad(parts.second))Z", day)
    }
}
