import Foundation
import Testing

@testable import MQDomain

@Suite("Timestamps are ISO 8601 in UTC with microseconds")
struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000000Z"),
        (1_762_377_032.998848, "2025-11-05T21:10:32.998848Z"),
        (-0.5, "1969-12-31T23:59:59.500000Z"),
        (951_782_400.000001, "2000-02-29T00:00:00.000001Z"),
        (253_402_300_799.5, "9999-12-31T23:59:59.500000Z"),
        (253_402_300_800, "10000-01-01T00:00:00.000000Z"),
        (-62_135_596_800, "0001-01-01T00:00:00.000000Z"),
    ])
    func formatsEveryDateTheSameWay(seconds: Double, text: String) {
        #expect(Timestamp.string(Date(timeIntervalSince1970: seconds)) == text)
    }
}

@Suite("Calendar fields are computed without the C library, exactly as the Gregorian calendar has them")
struct CivilTimeTests {
    @Test func agreesWithFoundationsCalendarFromTheGregorianReformToYear9999() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var generator = SystemRandomNumberGenerator()
        // Foundation's calendar is Julian before October 1582; CivilTime, like gmtime, is proleptic Gregorian
        // (the year-1 vector above checks an early year).
        let firstGregorianYear: Int64 = -12_212_553_600
        let samples: [Int64] =
            [0, -1, 86_399, 86_400, -86_400, 951_782_400, 253_402_300_799, firstGregorianYear]
            + (0..<2000).map { _ in Int64.random(in: firstGregorianYear...253_402_300_799, using: &generator) }
        for seconds in samples {
            let expected = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
            let civil = CivilTime(secondsSince1970: seconds)
            #expect(
                [civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second]
                    == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second].map { $0! },
                "at \(seconds) s")
        }
    }
}

@Suite("The dashboard's days are whole UTC calendar days")
struct DailyActivityDaysTests {
    @Test func everyDayTouchedIsListedOldestFirstAcrossAYearEnd() {
        let since = Date(timeIntervalSince1970: 1_767_135_600)  // 2025-12-30T23:00:00Z
        let through = Date(timeIntervalSince1970: 1_767_315_600)  // 2026-01-02T01:00:00Z
        #expect(DailyActivity.days(since: since, through: through) == ["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"])
        #expect(DailyActivity.days(since: through, through: since).isEmpty)
        #expect(DailyActivity.days(since: since, through: since) == ["2025-12-30"])
    }
}
