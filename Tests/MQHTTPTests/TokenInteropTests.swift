import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import MQAuth
import MQDomain
import MQHTTP
import Testing

@Suite("HS256 tokens, interchangeable with the old backend's")
struct TokenInteropTests {
    let signer = HS256TokenSigner(secret: TestServer.secret)
    let now = Int(Date().timeIntervalSince1970)

    /// Mints a token with PyJWT, as djangorestframework-simplejwt does (`pip install pyjwt`).
    func pyJWT(_ claims: [String: Any], algorithm: String = "HS256", key: String = TestServer.secret) throws -> String {
        let script = "import json, sys, jwt; print(jwt.encode(json.loads(sys.argv[1]), sys.argv[2], algorithm=sys.argv[3]))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: claims), as: UTF8.self)
        process.arguments = ["python3", "-c", script, payload, key, algorithm]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("PyJWT failed; is pyjwt installed?") }
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func claims(_ type: String = "access") -> [String: Any] {
        [
            "token_type": type, "exp": now + 3600, "iat": now, "jti": "0123456789abcdef0123456789abcdef",
            "user_id": "1b9d6bcd-bbfd-4", "email": "ann@example.com",
        ]
    }

    @Test func aTokenMintedByPyJWTWithTheSameKeyIsAccepted() throws {
        let verified = try signer.verify(try pyJWT(claims()))
        #expect(
            verified
                == TokenClaims(
                    kind: .access, tokenID: "0123456789abcdef0123456789abcdef", userID: "1b9d6bcd-bbfd-4",
                    email: "ann@example.com", issuedAt: now, expiresAt: now + 3600))
    }

    @Test func aTokenWeSignIsOnePyJWTCanRead() throws {
        let token = try signer.sign(TokenClaims(kind: .refresh, tokenID: "ab", userID: "u", email: "e@x.ca", issuedAt: now, expiresAt: now + 60))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import sys, jwt; c = jwt.decode(sys.argv[1], sys.argv[2], algorithms=['HS256']); print(c['token_type'], c['user_id'])", token,
            TestServer.secret,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "refresh u\n")
    }

    @Test func aTokenSignedWithAnotherKeyIsRefused() throws {
        #expect(throws: (any Error).self) { try signer.verify(try pyJWT(claims(), key: "another-key")) }
    }

    @Test(arguments: ["HS384", "HS512"])
    func otherAlgorithmsAreRefusedEvenWithTheRightKey(algorithm: String) throws {
        #expect(throws: (any Error).self) { try signer.verify(try pyJWT(claims(), algorithm: algorithm)) }
    }

    @Test func algNoneIsRefused() throws {
        let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URL
        let payload = try JSONSerialization.data(withJSONObject: claims()).base64URL
        #expect(throws: (any Error).self) { try signer.verify("\(header).\(payload).") }
    }

    @Test func aTokenLabelledRS256ButSignedWithTheSecretIsRefused() throws {
        let header = Data(#"{"alg":"RS256","typ":"JWT"}"#.utf8).base64URL
        let payload = try JSONSerialization.data(withJSONObject: claims()).base64URL
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(header).\(payload)".utf8), using: SymmetricKey(data: Data(TestServer.secret.utf8)))
        #expect(throws: (any Error).self) { try signer.verify("\(header).\(payload).\(Data(mac).base64URL)") }
    }

    @Test func aTamperedPayloadIsRefused() throws {
        let token = try pyJWT(claims())
        let parts = token.split(separator: ".")
        var forged = claims()
        forged["user_id"] = "someone-else-00"
        let payload = try JSONSerialization.data(withJSONObject: forged).base64URL
        #expect(throws: (any Error).self) { try signer.verify("\(parts[0]).\(payload).\(parts[2])") }
    }

    @Test func refreshAndAccessTokensAreNotInterchangeableOverHTTP() async throws {
        try await TestServer().test { client in
            let ann = try await client.register("ann")
            let withRefresh = try await client.send(.get, "/api/users/me/", headers: [.authorization: "Bearer \(ann.refresh)"])
            #expect(withRefresh.status == .unauthorized)
            let withAccess = try await client.send(.post, "/auth/token/refresh/", ["refresh": ann.access])
            #expect(withAccess.status == .unauthorized)
        }
    }

    @Test func aPyJWTAccessTokenForARealPlayerWorksOverHTTP() async throws {
        let server = TestServer()
        try await server.test { client in
            let ann = try await client.register("ann")
            var fields = claims()
            fields["user_id"] = ann.id
            let token = try pyJWT(fields)
            let me = try await client.send(.get, "/api/users/me/", headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .ok)
        }
    }
}

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
