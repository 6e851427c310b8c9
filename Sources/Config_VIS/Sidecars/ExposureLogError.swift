import Foundation

/// Why an exposure log could not be read or written. Each case reads as one sentence that names
/// the file and, where there is one, the line, so an operator can open the file and fix it.
///
/// ```swift
/// do { _ = try ExposureLog.read(url) } catch { print(error) }
/// // EXP_LOG_050800.txt line 3: column 'Exptime' holds 'abc', not a number
/// ```
public enum ExposureLogError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case noHeader(file: String)
    case missingColumn(file: String, line: Int, column: String)
    case fieldCount(file: String, line: Int, found: Int, expected: Int)
    case notANumber(file: String, line: Int, column: String, value: String)
    case notAWholeNumber(file: String, line: Int, column: String, value: String)
    case notADate(file: String, line: Int, column: String, value: String)
    case notACCD(file: String, line: Int, column: String, value: String)
    case undatedFileName(file: String)
    case unwritableDate(obsid: Int, ccd: Int)
    case unwritableLayout(version: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file) could not be read: \(reason)"
        case let .noHeader(file):
            return "\(file) has no header line: it is empty or holds only blank lines"
        case let .missingColumn(file, line, column):
            return "\(file) line \(line): the header has no '\(column)' column, which every exposure log needs"
        case let .fieldCount(file, line, found, expected):
            return "\(file) line \(line): \(found) fields, but the header names \(expected) columns"
        case let .notANumber(file, line, column, value):
            return "\(file) line \(line): column '\(column)' holds '\(value)', not a number"
        case let .notAWholeNumber(file, line, column, value):
            return "\(file) line \(line): column '\(column)' holds '\(value)', not a whole number"
        case let .notADate(file, line, column, value):
            return "\(file) line \(line): column '\(column)' holds '\(value)', not a date of the form DDMMYYDhhmmssT"
        case let .notACCD(file, line, column, value):
            return "\(file) line \(line): column '\(column)' holds '\(value)', not CCD1, CCD2 or CCD3"
        case let .undatedFileName(file):
            return "\(file) does not tell its date: exposure logs are named EXP_LOG_DDMMYY.txt"
        case let .unwritableDate(obsid, ccd):
            return "ObsID \(obsid) CCD\(ccd) has a date outside 1920-2019, which a two-digit-year stamp cannot hold"
        case let .unwritableLayout(version):
            return "exposure logs can be written in the ELVIS 6.3.0 to 7.5.X layout only, not \(version)"
        }
    }
}
