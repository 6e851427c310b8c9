import Foundation

/// File names of raw VIS frames: `EUC_<ObsID>_<DDMMYY>D_<hhmmss>T_ROE1_CCD<n>.fits`, or the older
/// ELVIS 5.7 form without the underscore before the time.
public struct VISFileName: Sendable, Hashable {
    public var obsid: Int
    public var date: String
    public var time: String
    public var roe: Int
    public var ccd: Int

    public static let pattern = #"^EUC_([0-9]+)_([0-9]{6})D_?([0-9]{6})T_ROE([0-9])_CCD([1-3])(\.fits)?(\.gz|\.fz|\.bz2)?$"#

    /// Compiled once: descriptors parse the name of every file many times while classifying.
    private static let regex = try? NSRegularExpression(pattern: pattern)

    public init?(_ fileName: String) {
        guard let regex = Self.regex,
              let m = regex.firstMatch(in: fileName, range: NSRange(fileName.startIndex..., in: fileName)) else {
            return nil
        }
        func group(_ i: Int) -> String { String(fileName[Range(m.range(at: i), in: fileName)!]) }
        guard let obsid = Int(group(1)), let roe = Int(group(4)), let ccd = Int(group(5)) else { return nil }
        self.obsid = obsid
        self.date = group(2)
        self.time = group(3)
        self.roe = roe
        self.ccd = ccd
    }
}

/// The names ELVIS gives to the files of one exposure, so readers and the simulator agree.
///
/// ```swift
/// VISFileName.exposure(obsid: 2112, date: d, ccd: 1)   // "EUC_2112_231016D_135042T_ROE1_CCD1"
/// VISFileName.housekeeping(obsid: 2112, date: d)       // "HK_2112_231016D135042T_ROE1.txt"
/// VISFileName.exposureLog(day: d)                      // "EXP_LOG_231016.txt"
/// ```
extension VISFileName {
    /// The FITS name without `.fits`, as the exposure log's `File_name` column holds it
    /// (the ELVIS ≥ 6 form, with an underscore between day and time).
    public static func exposure(obsid: Int, date: Date, ccd: Int, roe: String = "ROE1") -> String? {
        guard let (day, time) = VISDate.split(date) else { return nil }
        return "EUC_\(obsid)_\(day)D_\(time)T_\(roe)_CCD\(ccd)"
    }

    public static func housekeeping(obsid: Int, date: Date, roe: String = "ROE1") -> String? {
        guard let stamp = VISDate.format(date) else { return nil }
        return "HK_\(obsid)_\(stamp)_\(roe).txt"
    }

    public static func exposureLog(day: Date) -> String? {
        VISDate.formatDay(day).map { "EXP_LOG_\($0).txt" }
    }
}
