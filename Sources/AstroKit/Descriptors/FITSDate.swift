import Foundation

/// Parsing of FITS date strings: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ss[.sss]` and the old
/// `DD/MM/YY` form (years 19YY, as the FITS standard defines it). All in UTC.
public enum FITSDate {
    public static func parse(_ text: String) -> Date? {
        let s = text.trimmingCharacters(in: .whitespaces)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        if s.count == 8, s.dropFirst(2).first == "/" {
            let p = s.split(separator: "/")
            guard p.count == 3, let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]) else { return nil }
            return calendar.date(from: DateComponents(year: 1900 + y, month: m, day: d))
        }
        let parts = s.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let ymd = datePart.split(separator: "-")
        guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        var components = DateComponents(year: y, month: m, day: d)
        var fraction = 0.0
        if parts.count == 2 {
            let hms = parts[1].split(separator: ":")
            guard hms.count >= 2, let h = Int(hms[0]), let mi = Int(hms[1]) else { return nil }
            components.hour = h
            components.minute = mi
            if hms.count == 3 {
                guard let sec = Double(hms[2]) else { return nil }
                components.second = Int(sec)
                fraction = sec - Double(Int(sec))
            }
        }
        return calendar.date(from: components).map { $0.addingTimeInterval(fraction) }
    }

    /// Combines a date (`YYYY-MM-DD`) with a separate time of day (`hh:mm:ss[.sss]`).
    public static func parse(date: String, time: String) -> Date? {
        parse(date.trimmingCharacters(in: .whitespaces) + "T" + time.trimmingCharacters(in: .whitespaces))
    }
}
