import FoundationEssentials
import MQDomain

/// Where photos live in S3: `S3_BUCKET_NAME`, `AWS_REGION`, and optionally `AWS_S3_ENDPOINT_URL` (an
/// S3-compatible server such as MinIO or moto) and `S3_PUBLIC_BASE_URL` (a CDN in front of the bucket).
public struct S3Settings: Sendable, Equatable {
    public var bucket: String
    public var region: String
    public var endpoint: URL?
    public var publicBaseURL: String?

    public init(bucket: String, region: String, endpoint: URL? = nil, publicBaseURL: String? = nil) {
        self.bucket = bucket
        self.region = region
        self.endpoint = endpoint
        self.publicBaseURL = publicBaseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }
}

extension S3Settings {
    /// The addresses at which the bucket itself serves an object, each ending in `/` before the key: the
    /// one this signer uses, and on AWS the other spellings of it (global and regional, virtual-hosted
    /// and path style) that older clients and the old backend wrote into stored photo URLs.
    public var bucketURLPrefixes: [String] {
        let addressing = S3Addressing(self)
        let own = "\(addressing.scheme)://\(addressing.host)\(addressing.pathPrefix)/"
        guard endpoint == nil else { return [own] }
        let encoded = PercentEncoding.encode(bucket)
        var prefixes = [own, "https://s3.\(region).amazonaws.com/\(encoded)/", "https://s3.amazonaws.com/\(encoded)/"]
        if !bucket.contains(".") {
            prefixes += ["https://\(bucket).s3.amazonaws.com/", "https://\(bucket).s3-\(region).amazonaws.com/"]
        }
        return Array(Set(prefixes)).sorted()
    }
}

/// How an object is addressed: virtual-hosted (`https://BUCKET.s3.REGION.amazonaws.com/KEY`) on AWS,
/// path style (`ENDPOINT/BUCKET/KEY`) on a custom endpoint or for a bucket name with dots, which
/// would not match the wildcard TLS certificate of virtual-hosted names.
struct S3Addressing: Sendable {
    let scheme: String
    /// `host` or `host:port`, as sent in `Host`.
    let host: String
    /// Encoded path before the key, `""` or `/bucket` (or `/prefix/bucket` for an endpoint with a path).
    let pathPrefix: String

    init(_ settings: S3Settings) {
        if let endpoint = settings.endpoint, let endpointHost = endpoint.host {
            scheme = endpoint.scheme?.lowercased() ?? "https"
            let defaultPort = scheme == "https" ? 443 : 80
            host = endpoint.port.map { $0 == defaultPort ? endpointHost : "\(endpointHost):\($0)" } ?? endpointHost
            let basePath = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
            pathPrefix = basePath + "/" + PercentEncoding.encode(settings.bucket)
        } else if settings.bucket.contains(".") {
            scheme = "https"
            host = "s3.\(settings.region).amazonaws.com"
            pathPrefix = "/" + PercentEncoding.encode(settings.bucket)
        } else {
            scheme = "https"
            host = "\(settings.bucket).s3.\(settings.region).amazonaws.com"
            pathPrefix = ""
        }
    }

    func encodedPath(forKey key: String) -> String {
        pathPrefix + "/" + PercentEncoding.encodePath(key)
    }
}
