import Foundation
import MQDomain
import MQTestSupport
import Testing

@Suite("Registration, login and tokens")
struct AuthServiceTests {
    @Test func registrationStoresANormalisedEmailAndSignsIn() async throws {
        let test = TestGame()
        let signedIn = try await test.game.auth.register(Registration(email: " Ann@Example.COM ", password: TestGame.password))
        #expect(signedIn.user.email == "Ann@example.com")
        #expect(signedIn.user.points == 0)
        #expect(signedIn.user.phoneNumber == nil)
        #expect(signedIn.user.id.count == 15)
        let user = try await test.game.auth.authenticate(accessToken: signedIn.tokens.access)
        #expect(user.id == signedIn.user.id)
    }

    @Test func registrationReportsEveryBadFieldAtOnce() async throws {
        let test = TestGame()
        let error = await caught {
            try await test.game.auth.register(
                Registration(
                    email: "not-an-email", password: "123", firstName: String(repeating: "x", count: 51), phoneNumber: "555-1234"))
        }
        let fields = try #require(error?.fieldMessages)
        #expect(fields["email"] == ["Enter a valid email address."])
        #expect(fields["first_name"] == ["Ensure this field has no more than 50 characters."])
        #expect(fields["phone_no"] == [PhoneNumber.invalidMessage])
        #expect(fields["password"]?.contains("This password is entirely numeric.") == true)
        #expect(fields["password"]?.contains("This password is too short. It must contain at least 8 characters.") == true)
        #expect(try await test.store.users.find(email: "not-an-email") == nil)
    }

    @Test func missingEmailAndPasswordAreRequired() async throws {
        let error = await caught { try await TestGame().game.auth.register(Registration(email: nil, password: nil)) }
        #expect(error?.fieldMessages == ["email": ["This field is required."], "password": ["This field is required."]])
    }

    @Test func takenEmailAndPhoneAreRefused() async throws {
        let test = TestGame()
        try await test.player("ann", phone: "4165550100")
        let error = await caught {
            try await test.game.auth.register(Registration(email: "ANN@example.com".lowercased(), password: TestGame.password, phoneNumber: "4165550100"))
        }
        #expect(error?.fieldMessages["email"] == ["user with this email already exists."])
        #expect(error?.fieldMessages["phone_no"] == ["user with this phone no already exists."])
    }

    @Test func loginWithTheRightPasswordSucceeds() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let signedIn = try await test.game.auth.login(email: "ann@EXAMPLE.com", password: TestGame.password)
        #expect(signedIn.user.id == ann.user.id)
    }

    @Test func unknownEmailAndWrongPasswordGetTheSameAnswerAfterTheSameWork() async throws {
        let test = TestGame()
        try await test.player("ann")
        let wrongPassword = await caught { try await test.game.auth.login(email: "ann@example.com", password: "nope-nope-nope") }
        let unknownEmail = await caught { try await test.game.auth.login(email: "bob@example.com", password: "nope-nope-nope") }
        #expect(wrongPassword == .invalidCredentials)
        #expect(unknownEmail == .invalidCredentials)
        #expect(test.passwords.checksWithoutAccount == 1, "an unknown email is still checked against a decoy hash")
    }

    @Test func refreshRotatesTheTokenPair() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let rotated = try await test.game.auth.refresh(ann.tokens.refresh)
        #expect(rotated.refresh != ann.tokens.refresh)
        #expect(try await test.game.auth.authenticate(accessToken: rotated.access).id == ann.user.id)
        let again = try await test.game.auth.refresh(rotated.refresh)
        #expect(again.access != rotated.access)
    }

    @Test func replayingASpentRefreshTokenRevokesTheWholeLogin() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let rotated = try await test.game.auth.refresh(ann.tokens.refresh)

        let replay = await caught { try await test.game.auth.refresh(ann.tokens.refresh) }
        #expect(replay == .tokenNotValid("Token is invalid or expired"))

        #expect(await caught { try await test.game.auth.refresh(rotated.refresh) } != nil, "the descendant refresh token is revoked")
        #expect(await caught { try await test.game.auth.authenticate(accessToken: rotated.access) } != nil, "so is its access token")
        #expect(await caught { try await test.game.auth.authenticate(accessToken: ann.tokens.access) } != nil, "and the original access token")
    }

    @Test func anotherLoginIsUntouchedByARevokedFamily() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let phone = try await test.game.auth.login(email: "ann@example.com", password: TestGame.password)
        _ = try await test.game.auth.refresh(ann.tokens.refresh)
        _ = await caught { try await test.game.auth.refresh(ann.tokens.refresh) }
        #expect(try await test.game.auth.authenticate(accessToken: phone.tokens.access).id == ann.user.id)
    }

    @Test func concurrentRefreshesOfOneTokenLetExactlyOneThrough() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await test.game.auth.refresh(ann.tokens.refresh)) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
    }

    @Test func tokensOfTheWrongTypeAreRefused() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        #expect(
            await caught { try await test.game.auth.authenticate(accessToken: ann.tokens.refresh) }
                == .tokenNotValid("Given token not valid for any token type"))
        #expect(await caught { try await test.game.auth.refresh(ann.tokens.access) } == .tokenNotValid("Token is invalid or expired"))
        #expect(await caught { try await test.game.auth.authenticate(accessToken: "garbage") } != nil)
        #expect(await caught { try await test.game.auth.authenticate(accessToken: nil) } == .notAuthenticated("Authentication credentials were not provided."))
    }

    @Test func expiredTokensAreRefused() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        test.clock.advance(by: TimeInterval(AuthService.accessTokenLifetime))
        #expect(await caught { try await test.game.auth.authenticate(accessToken: ann.tokens.access) } != nil)
        _ = try await test.game.auth.refresh(ann.tokens.refresh)
        test.clock.advance(by: TimeInterval(AuthService.refreshTokenLifetime))
        let fresh = try await test.game.auth.login(email: "ann@example.com", password: TestGame.password)
        test.clock.advance(by: TimeInterval(AuthService.refreshTokenLifetime))
        #expect(await caught { try await test.game.auth.refresh(fresh.tokens.refresh) } != nil)
    }

    @Test func aDeletedAccountsTokensStopWorkingAtOnce() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        try await test.game.profiles.deleteAccount(ann.user.id, requestedBy: ann.user)
        #expect(await caught { try await test.game.auth.authenticate(accessToken: ann.tokens.access) } != nil)
        #expect(await caught { try await test.game.auth.refresh(ann.tokens.refresh) } != nil)
    }

    @Test func aRefreshTokenTheOldBackendIssuedIsAcceptedOnce() async throws {
        let test = TestGame()
        let ann = try await test.player("ann")
        let now = Int(test.clock.now().timeIntervalSince1970)
        let legacy = try FakeTokenSigner().sign(
            TokenClaims(
                kind: .refresh, tokenID: "0123456789abcdef0123456789abcdef", userID: ann.user.id, email: nil,
                issuedAt: now, expiresAt: now + 3600))
        _ = try await test.game.auth.refresh(legacy)
        #expect(await caught { try await test.game.auth.refresh(legacy) } != nil)
    }
}
