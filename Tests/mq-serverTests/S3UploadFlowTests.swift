import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQDomain
import MQHTTP
import NIOCore
import NIOHTTP1
import Testing

@testable import mq_server

struct NoS3Server: Error, CustomStringConvertible {
    var description: String { "MQ_TEST_S3_ENDPOINT is not set: run the tests with `make test`, which starts moto_server" }
}

@Suite("Photo uploads through S3 (moto)")
struct S3UploadFlowTests {
    func send(_ method: NIOHTTP1.HTTPMethod, _ url: String, contentType: String? = nil, body: String? = nil) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    @Test func withoutCredentialsAnUploadURLIs503AndNothingElseBreaks() async throws {
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "k", "S3_BUCKET_NAME": "maple-quest-photos", "AWS_REGION": "ca-central-1",
            "AWS_EC2_METADATA_DISABLED": "true", "PASSWORD_HASH_CONCURRENCY": "1",
        ])
        let assembly = try GameAssembly(configuration)
        try await Application(router: assembly.api.router()).test(.router) { client in
            let registered = try await client.execute(
                uri: "/auth/register/", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email": "ann@example.com", "password": "maple-syrup-42"}"#))
            let access = try #require((try json(registered)["tokens"] as? [String: String])?["access"])
            let ticket = try await client.execute(
                uri: "/api/users/generate_upload_url/", method: .post,
                headers: [.authorization: "Bearer \(access)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"filename": "a.jpg"}"#))
            #expect(ticket.status == .serviceUnavailable)
            #expect(try json(ticket)["error"] as? String == "Failed to generate upload URL")
            let me = try await client.execute(uri: "/api/users/me/", method: .get, headers: [.authorization: "Bearer \(access)"])
            #expect(me.status == .ok)
        }
    }

    @Test func anUploadURLFromTheServerTakesTheBytesAndThePublicURLServesThem() async throws {
        guard let endpoint = ProcessInfo.processInfo.environment["MQ_TEST_S3_ENDPOINT"] else { throw NoS3Server() }
        let bucket = "maple-quest-" + UUID().uuidString.lowercased().prefix(8)
        #expect(try await send(.PUT, "\(endpoint)/\(bucket)").0 == 200)
        let publicPhotos =
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\#(bucket)/images/*"}]}"#
        #expect(try await send(.PUT, "\(endpoint)/\(bucket)?policy", body: publicPhotos).0 == 200, "public read of images/*, as deployed")
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "k", "S3_BUCKET_NAME": bucket, "AWS_REGION": "us-east-1", "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_SESSION_TOKEN": "session-token", "PASSWORD_HASH_CONCURRENCY": "1",
        ])
        let assembly = try GameAssembly(configuration)
        let tower = try await assembly.game.locations.seed(try Landmarks.load())
        #expect(tower.created == 9)
        try await Application(router: assembly.api.router()).test(.router) { client in
            let registered = try await client.execute(
                uri: "/auth/register/", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email": "ann@example.com", "password": "maple-syrup-42"}"#))
            let access = try #require((try json(registered)["tokens"] as? [String: String])?["access"])
            let auth: HTTPFields = [.authorization: "Bearer \(access)", .contentType: "application/json"]
            let ticketResponse = try await client.execute(
                uri: "/api/users/generate_upload_url/", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"filename": "summit.JPG"}"#))
            #expect(ticketResponse.status == .ok)
            let ticket = try json(ticketResponse)
            let upload = try #require(ticket["upload_url"] as? String)
            let publicURL = try #require(ticket["public_url"] as? String)
            #expect(upload.hasPrefix("\(endpoint)/\(bucket)/images/"))
            #expect(upload.contains("X-Amz-SignedHeaders=content-type%3Bhost"))
            #expect(upload.contains("X-Amz-Security-Token=session-token"))
            #expect(publicURL == "\(endpoint)/\(bucket)/\(ticket["file_key"] as! String)")

            #expect(try await send(.PUT, upload, contentType: "image/jpeg", body: "JPEG BYTES FROM THE PHONE").0 == 200)
            let read = try await send(.GET, publicURL)
            #expect(read.0 == 200)
            #expect(read.1 == "JPEG BYTES FROM THE PHONE")

            let locations = try json(try await client.execute(uri: "/api/locations/", method: .get))
            let location = try #require(((locations["results"] as? [[String: Any]])?.first)?["location_id"] as? String)
            let visit = try await client.execute(
                uri: "/api/locations/\(location)/visit/", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"images": [{"image_url": "\#(publicURL)"}]}"#))
            #expect(visit.status == .created)
        }
    }
}
