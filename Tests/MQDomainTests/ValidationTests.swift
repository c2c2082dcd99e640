import Testing

@testable import MQDomain

@Suite("Field rules")
struct ValidationTests {
    @Test(arguments: ["ann@example.com", "a.b+c@sub.example.ca", "o'neil@example.co.uk", "ANN@EXAMPLE.COM"])
    func validEmailsAreAccepted(email: String) {
        #expect(EmailAddress.normalized(email) != nil)
    }

    @Test(arguments: ["", "ann", "ann@", "@example.com", "ann@example", "a..b@example.com", "ann@exa mple.com", "ann@-x.com", "ann@example.c"])
    func invalidEmailsAreRefused(email: String) {
        #expect(EmailAddress.normalized(email) == nil)
    }

    @Test func onlyTheDomainOfAnEmailIsLowerCased() {
        #expect(EmailAddress.normalized("Ann.Lee@Example.COM") == "Ann.Lee@example.com")
    }

    @Test func phoneNumbersAreOneToTenDigits() throws {
        #expect(try PhoneNumber.normalized(" 4165550100 ") == "4165550100")
        #expect(try PhoneNumber.normalized("") == nil)
        #expect(throws: FieldErrors.self) { try PhoneNumber.normalized("41655501000") }
        #expect(throws: FieldErrors.self) { try PhoneNumber.normalized("416-555-0100") }
    }

    @Test func thePasswordPolicyIsDjangosFourValidators() {
        let account = PasswordPolicy.Account(email: "maple.leaf@example.com", firstName: "Maple", lastName: "Leaf")
        #expect(PasswordPolicy.problems(with: "correct-horse-battery", for: account).isEmpty)
        #expect(PasswordPolicy.problems(with: "short1", for: account).contains("This password is too short. It must contain at least 8 characters."))
        #expect(PasswordPolicy.problems(with: "12345678901", for: account).contains("This password is entirely numeric."))
        #expect(PasswordPolicy.problems(with: "Password1", for: account).contains("This password is too common."))
        #expect(PasswordPolicy.problems(with: "iloveyou", for: account).contains("This password is too common."))
        #expect(PasswordPolicy.problems(with: "mapleleaf", for: account).contains("The password is too similar to the email."))
    }

    @Test func commonPasswordsWithSpacesAreRefusedWholeAndTheirFragmentsAreNot() {
        let account = PasswordPolicy.Account(email: "maple.leaf@example.com", firstName: "Maple", lastName: "Leaf")
        #expect(PasswordPolicy.problems(with: "Friend of Emily", for: account).contains("This password is too common."))
        #expect(PasswordPolicy.problems(with: "friend of joan", for: account).contains("This password is too common."))
        #expect(
            !PasswordPolicy.problems(with: "emilyfriendship", for: account).contains("This password is too common."),
            "a word that appears only inside a phrase is not on the list by itself")
    }

    @Test func theCommonPasswordListIsDjangosWholeList() {
        #expect(PasswordPolicy.commonPasswordCount == 19_729)
    }
}
