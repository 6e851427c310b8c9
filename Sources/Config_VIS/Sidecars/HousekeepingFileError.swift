/// Why a housekeeping file could not be read or written, as one sentence naming file and line.
public enum HousekeepingFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case noHeader(file: String)
    case noTimestampColumn(file: String, line: Int, found: String)
    case fieldCount(file: String, line: Int, found: Int, expected: Int)
    case notANumber(file: String, line: Int, column: String, value: String)
    case seriesLength(key: String, found: Int, expected: Int)
    case missingKeys([String])
    case unnamed(reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file) could not be read: \(reason)"
        case let .noHeader(file):
            return "\(file) has no header line: it is empty or holds only blank and comment lines"
        case let .noTimestampColumn(file, line, found):
            return "\(file) line \(line): the first column is '\(found)', not the time stamp (HK_timestamp or TimeStamp)"
        case let .fieldCount(file, line, found, expected):
            return "\(file) line \(line): \(found) fields, but the header names \(expected) columns"
        case let .notANumber(file, line, column, value):
            return "\(file) line \(line): column '\(column)' holds '\(value)', not a number"
        case let .seriesLength(key, found, expected):
            return "HK key '\(key)' has \(found) readings for \(expected) time stamps"
        case let .missingKeys(keys):
            return "an ELVIS 7.5.X HK file needs every key, but these are missing: \(keys.joined(separator: ", "))"
        case let .unnamed(reason):
            return "the HK file cannot be named: \(reason)"
        }
    }
}
