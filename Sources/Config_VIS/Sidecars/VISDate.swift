import Foundation

/// The compact date stamps ELVIS writes into file names and exposure logs.
///
/// `DDMMYYDhhmmssT` (e.g. `251116D150614T`, 25 Nov 2016 15:06:14) and the day form `DDMMYY`
/// (e.g. `050800` in `EXP_LOG_050800.txt`). They carry no time zone, so we read them as UTC.
///
/// Two-digit years below 70 mean 20xx, the others 19xx. vison (`vistime.get_dtobj`) pivots at
/// 20, which reads every stamp from 2020 on as 19xx; no VIS data predate 1970, so pivoting at 70
/// keeps the campaign's 2016–2019 stamps identical and reads later ones correctly.
/// ``format(_:)`` refuses dates it cannot write in two digits instead
/// of writing a stamp that would read back a century off.
///
/// ```swift
/// let taken = VISDate.parse("251116D150614T")   // 2016-11-25 15:06:14 UTC
/// VISDate.format(taken!)                         // "251116D150614T"
/// ```
public enum VISDate {
    /// Two-digit years below this are 20xx, the others 19xx.
    public static let centuryPivot = 70

    /// The years a two-digit stamp can stand for under the pivot rule.
    public static let representableYears = 1970...2069

    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Parses `DDMMYYDhhmmssT`; `nil` if the text is not exactly that form or not a real date.
    public static func parse(_ stamp: String) -> Date? {
        let text = stamp.trimmingCharacters(in: .whitespaces)
        let chars = Array(text)
        guard chars.count == 14, chars[6] == "D", chars[13] == "T",
              let day = digits(chars[0..<6]), let time = digits(chars[7..<13]) else { return nil }
        return makeDate(day: day, time: time)
    }

    /// Parses the day form `DDMMYY` (midnight UTC).
    public static func parseDay(_ stamp: String) -> Date? {
        let chars = Array(stamp)
        guard chars.count == 6, let day = digits(chars[0..<6]) else { return nil }
        return makeDate(day: day, time: [0, 0, 0])
    }

    /// Formats a date as `DDMMYYDhhmmssT`; `nil` outside ``representableYears``.
    public static func format(_ date: Date) -> String? {
        guard let (day, time) = split(date) else { return nil }
        return day + "D" + time + "T"
    }

    /// Formats the day as `DDMMYY`; `nil` outside ``representableYears``.
    public static func formatDay(_ date: Date) -> String? {
        split(date)?.day
    }

    /// `("DDMMYY", "hhmmss")` of a date, or `nil` if its year cannot be written in two digits.
    static func split(_ date: Date) -> (day: String, time: String)? {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        guard let year = c.year, representableYears.contains(year) else { return nil }
        let two = { (v: Int?) in String(format: "%02d", v ?? 0) }
        return (two(c.day) + two(c.month) + two(year % 100), two(c.hour) + two(c.minute) + two(c.second))
    }

    private static func digits(_ chars: ArraySlice<Character>) -> [Int]? {
        guard chars.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let values = chars.map { Int(String($0))! }
        return stride(from: 0, to: values.count, by: 2).map { values[$0] * 10 + values[$0 + 1] }
    }

    private static func makeDate(day: [Int], time: [Int]) -> Date? {
        let year = day[2] + (day[2] < centuryPivot ? 2000 : 1900)
        let parts = DateComponents(year: year, month: day[1], day: day[0],
                                   hour: time[0], minute: time[1], second: time[2])
        guard let date = utcCalendar.date(from: parts) else { return nil }
        // Calendar rolls 31 Feb over into March; a real stamp never does that.
        let back = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        guard back.day == day[0], back.month == day[1], back.hour == time[0],
              back.minute == time[1], back.second == time[2] else { return nil }
        return date
    }
}

