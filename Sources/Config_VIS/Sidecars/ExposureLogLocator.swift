import AstroKit
import Foundation
import Synchronization

/// Finds the exposure-log row of a raw VIS file, reading each log once per process.
///
/// Where the logs come from, first match wins:
/// 1. the logs given to ``VISConfiguration/init(exposureLogs:chamber:blockID:gainTable:)``
///    (what `adinfo --explog FILE` registers);
/// 2. the environment variable `ASTROKIT_EXPLOG`: one or more log paths separated by `:`;
/// 3. every `EXP_LOG_<DDMMYY>.txt` in the folder of the data file, merged in date order.
///
/// Parsed logs are cached per folder (or per explicit list) behind a mutex, so classifying and
/// describing a thousand files reads each log once; a log that fails to parse is remembered
/// with its error, so every file gets the same sentence instead of a re-read.
public final class ExposureLogLocator: Sendable {
    /// Environment variable holding explicit exposure logs, `:`-separated.
    public static let environmentVariable = "ASTROKIT_EXPLOG"

    /// Logs given explicitly; nil means "look beside the data".
    public let explicitLogs: [URL]?
    private let cache = Mutex<[String: Result<Located, DescriptorFailure>]>([:])

    /// A parsed log and the names of its files, for messages.
    struct Located: Sendable {
        let log: ExposureLog
        let names: [String]
    }

    /// A row and the words that say where it came from.
    public struct Match: Sendable {
        public let row: ExposureLogRow
        /// e.g. "exposure log EXP_LOG_050800.txt line 3".
        public let source: String
    }

    public init(explicitLogs: [URL]? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let explicitLogs, !explicitLogs.isEmpty {
            self.explicitLogs = explicitLogs
        } else if let value = environment[Self.environmentVariable], !value.isEmpty {
            self.explicitLogs = value.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        } else {
            self.explicitLogs = nil
        }
    }

    /// Matches already made: classification asks for the same file's row once per condition.
    private let matches = Mutex<[String: Result<Match, DescriptorFailure>]>([:])

    /// The row of a file: matched by file name, else by ObsID and CCD.
    public func row(fileName: String?, folder: URL?, obsid: Int?, ccd: Int?) throws(DescriptorFailure) -> Match {
        let key = "\(folder?.path ?? "")|\(fileName ?? "")|\(obsid.map(String.init) ?? "")|\(ccd.map(String.init) ?? "")"
        if let known = matches.withLock({ $0[key] }) { return try known.get() }
        let result = Result { () throws(DescriptorFailure) -> Match in
            try findRow(fileName: fileName, folder: folder, obsid: obsid, ccd: ccd)
        }
        matches.withLock { $0[key] = result }
        return try result.get()
    }

    private func findRow(fileName: String?, folder: URL?, obsid: Int?, ccd: Int?) throws(DescriptorFailure) -> Match {
        let located = try logs(folder: folder)
        if let fileName, let row = located.log.row(fileName: fileName) {
            return Match(row: row, source: Self.describe(row, names: located.names))
        }
        if let obsid, let ccd, let row = located.log.row(obsid: obsid, ccd: ccd) {
            return Match(row: row, source: Self.describe(row, names: located.names) + " (matched by ObsID \(obsid) and CCD\(ccd))")
        }
        let wanted = fileName.map { "\($0)" } ?? "this file"
        let id = obsid.map { " or ObsID \($0) CCD\(ccd.map(String.init) ?? "?")" } ?? ""
        throw .missingSidecar("the exposure log (\(located.names.joined(separator: ", "))) has no row for \(wanted)\(id)")
    }

    static func describe(_ row: ExposureLogRow, names: [String]) -> String {
        let file = row.sourceFile?.lastPathComponent ?? names.first ?? "?"
        return "exposure log \(file)" + (row.lineNumber.map { " line \($0)" } ?? "")
    }

    private func logs(folder: URL?) throws(DescriptorFailure) -> Located {
        let key: String
        let urls: () throws(DescriptorFailure) -> [URL]
        if let explicitLogs {
            key = "explicit:" + explicitLogs.map(\.path).joined(separator: ":")
            urls = { () throws(DescriptorFailure) -> [URL] in explicitLogs }
        } else {
            guard let folder else {
                throw .missingSidecar("the dataset has no file, so no exposure log can be found beside it")
            }
            key = folder.standardizedFileURL.path
            urls = { () throws(DescriptorFailure) -> [URL] in
                let found: [URL]
                do { found = try ExposureLog.discover(near: folder) } catch {
                    throw .missingSidecar("the folder \(folder.path) cannot be listed to find its exposure log: \(error.localizedDescription)")
                }
                guard !found.isEmpty else {
                    throw .missingSidecar("no exposure log (EXP_LOG_<DDMMYY>.txt) in \(folder.path); give one with --explog or \(Self.environmentVariable)")
                }
                return found
            }
        }
        // Parse under the lock: concurrent describers of one folder wait for one read.
        let result = cache.withLock { table -> Result<Located, DescriptorFailure> in
            if let cached = table[key] { return cached }
            let fresh = Result { () throws(DescriptorFailure) -> Located in
                let list = try urls()
                do {
                    // One explicit log may have any name; several are merged by the dates in theirs.
                    let log = list.count == 1 ? try ExposureLog.read(list[0]) : try ExposureLog.read(list)
                    return Located(log: log, names: list.map(\.lastPathComponent))
                } catch {
                    throw .missingSidecar("the exposure log cannot be used: \(error)")
                }
            }
            table[key] = fresh
            return fresh
        }
        return try result.get()
    }

    /// Forgets parsed logs, e.g. after the simulator appended to a log in a long-lived process.
    public func clearCache() {
        cache.withLock { $0.removeAll() }
        matches.withLock { $0.removeAll() }
    }
}
