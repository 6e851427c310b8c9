import Foundation

/// An ELVIS exposure log (`EXP_LOG_<DDMMYY>.txt`): one row per CCD per exposure.
///
/// Columns are found by the names in the header line, not by their count, so every ELVIS
/// version (5.7.x legacy names, 6.0/6.1, 6.3.0 script names, 6.5.X–7.5.X) reads into the same
/// canonical fields; see ``ExposureLogColumnNames``.
///
/// ```swift
/// let logs = try ExposureLog.discover(near: fitsURL)
/// let log = try ExposureLog.read(logs)                    // merged in date order
/// let row = log.row(fileName: "EUC_191_251116D150614T_ROE1_CCD1.fits")
/// let sameRow = log.row(obsid: 191, ccd: 1)
/// ```
public struct ExposureLog: Sendable {
    /// Rows in file order; for merged logs, the logs in date order.
    public let rows: [ExposureLogRow]
    private let byFileName: [String: Int]
    private let byExposure: [ExposureKey: Int]

    private struct ExposureKey: Hashable, Sendable { let obsid: Int; let ccd: Int }

    public init(rows: [ExposureLogRow]) {
        self.rows = rows
        var names: [String: Int] = [:]
        var exposures: [ExposureKey: Int] = [:]
        // The first occurrence wins, which for a merged log is the earliest file.
        for (index, row) in rows.enumerated() {
            names[row.fileName] = names[row.fileName] ?? index
            let key = ExposureKey(obsid: row.obsid, ccd: row.ccd)
            exposures[key] = exposures[key] ?? index
        }
        byFileName = names
        byExposure = exposures
    }

    /// The row of a FITS file, named with or without `.fits` (and with or without a folder).
    public func row(fileName: String) -> ExposureLogRow? {
        var name = (fileName as NSString).lastPathComponent
        if name.hasSuffix(".fits") { name.removeLast(5) }
        return byFileName[name].map { rows[$0] }
    }

    public func row(obsid: Int, ccd: Int) -> ExposureLogRow? {
        byExposure[ExposureKey(obsid: obsid, ccd: ccd)].map { rows[$0] }
    }

    /// The rows of one exposure, CCD1 to CCD3 as logged.
    public func rows(obsid: Int) -> [ExposureLogRow] {
        rows.filter { $0.obsid == obsid }
    }

    // MARK: Reading

    public static func read(_ url: URL) throws(ExposureLogError) -> ExposureLog {
        let text: String
        do {
            text = try TabSeparatedText.contents(of: url)
        } catch {
            throw .unreadable(file: url.lastPathComponent, reason: error.localizedDescription)
        }
        return try parse(text, fileName: url.lastPathComponent, sourceFile: url)
    }

    /// Reads several logs and merges them in the order of the dates in their names
    /// (`EXP_LOG_DDMMYY.txt`), as a campaign spans several days.
    public static func read(_ urls: [URL]) throws(ExposureLogError) -> ExposureLog {
        var dated: [(date: Date, url: URL)] = []
        for url in urls {
            guard let date = logDate(fileName: url.lastPathComponent) else {
                throw .undatedFileName(file: url.lastPathComponent)
            }
            dated.append((date, url))
        }
        dated.sort { ($0.date, $0.url.lastPathComponent) < ($1.date, $1.url.lastPathComponent) }
        var rows: [ExposureLogRow] = []
        for entry in dated { rows += try read(entry.url).rows }
        return ExposureLog(rows: rows)
    }

    /// The day in an exposure-log name, `EXP_LOG_050800.txt` → 5 Aug 2000.
    public static func logDate(fileName: String) -> Date? {
        let name = (fileName as NSString).lastPathComponent
        guard name.hasPrefix("EXP_LOG_"), name.hasSuffix(".txt") else { return nil }
        return VISDate.parseDay(String(name.dropFirst(8).dropLast(4)))
    }

    /// The exposure logs in the folder of a data file (or in the folder itself), in date order.
    public static func discover(near fileURL: URL) throws -> [URL] {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: fileURL.path, isDirectory: &isFolder)
        let folder = exists && isFolder.boolValue ? fileURL : fileURL.deletingLastPathComponent()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return names.compactMap { name -> (Date, String)? in
            logDate(fileName: name).map { ($0, name) }
        }
        .sorted { $0 < $1 }
        .map { folder.appendingPathComponent($0.1) }
    }

    /// Parses the text of a log; `fileName` only names the file in error messages.
    public static func parse(_ text: String, fileName: String, sourceFile: URL? = nil) throws(ExposureLogError) -> ExposureLog {
        let table: TabSeparatedText
        do {
            table = try TabSeparatedText(text: text, skipsComments: false)
        } catch {
            switch error {
            case .noHeader: throw .noHeader(file: fileName)
            case let .fieldCount(line, found, expected):
                throw .fieldCount(file: fileName, line: line, found: found, expected: expected)
            }
        }
        let reader = try ExposureLogRowReader(columns: table.columns, headerLine: table.headerLine, fileName: fileName)
        var rows: [ExposureLogRow] = []
        for line in table.lines {
            var row = try reader.row(from: line)
            row.sourceFile = sourceFile
            rows.append(row)
        }
        return ExposureLog(rows: rows)
    }
}
