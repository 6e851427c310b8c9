import Foundation

/// One ELVIS housekeeping file, `HK_<ObsID>_<DDMMYYDhhmmssT>_ROE1.txt`: the ROE and RPSU
/// readings (voltages, temperatures, currents, error flags) sampled about once a second
/// while an exposure is taken.
///
/// The first column is the time stamp (`HK_timestamp` in 5.7.x, `TimeStamp` later); every
/// other column is a numeric series. Columns are found by header name, so any ELVIS version
/// reads. Blank lines and `#` lines (the transposed dump that closes old files) are skipped.
///
/// ```swift
/// let hk = try HousekeepingFile.read(url)
/// hk.obsid                                   // 191, from the file name
/// hk.series("HK_temp_top_CCD2")              // [-180.17, -180.17, -180.17]
/// hk.summary(of: "HK_temp_top_CCD2")?.mean   // -180.17
/// ```
public struct HousekeepingFile: Sendable, Equatable {
    public var obsid: Int?
    public var date: Date?
    public var roe: String?
    /// The time-stamp column's header as written.
    public var timestampColumn: String
    /// `hh:mm:ss` per reading.
    public var timestamps: [String]
    /// HK keys (trimmed header names) in file order, without the time stamp.
    public var keys: [String]
    private var values: [String: [Double]]

    /// Builds a file in memory, e.g. for the simulator; every series must have one value per time stamp.
    public init(obsid: Int?, date: Date?, roe: String? = "ROE1", timestampColumn: String = "TimeStamp",
                timestamps: [String], series: [(key: String, values: [Double])]) throws(HousekeepingFileError) {
        self.obsid = obsid
        self.date = date
        self.roe = roe
        self.timestampColumn = timestampColumn
        self.timestamps = timestamps
        keys = series.map(\.key)
        values = [:]
        for (key, readings) in series {
            guard readings.count == timestamps.count else {
                throw .seriesLength(key: key, found: readings.count, expected: timestamps.count)
            }
            values[key] = values[key] ?? readings
        }
    }

    /// The readings of one key, in time order.
    public func series(_ key: String) -> [Double]? { values[key] }

    /// Mean, std (ddof 0), min and max of one key. Unlike vison we drop no "default" sentinel
    /// values: a disconnected sensor should show, not vanish.
    public func summary(of key: String) -> HousekeepingSummary? {
        values[key].map { HousekeepingSummary(key: key, readings: $0) }
    }

    /// Summaries of every key, in file order.
    public func summaries() -> [HousekeepingSummary] {
        keys.compactMap { summary(of: $0) }
    }

    // MARK: Reading

    public static func read(_ url: URL) throws(HousekeepingFileError) -> HousekeepingFile {
        let text: String
        do {
            text = try TabSeparatedText.contents(of: url)
        } catch {
            throw .unreadable(file: url.lastPathComponent, reason: error.localizedDescription)
        }
        return try parse(text, fileName: url.lastPathComponent)
    }

    /// Parses the text of an HK file; obsid, date and ROE come from `fileName` when it follows
    /// the ELVIS pattern, and `fileName` names the file in error messages.
    public static func parse(_ text: String, fileName: String) throws(HousekeepingFileError) -> HousekeepingFile {
        let table: TabSeparatedText
        do {
            table = try TabSeparatedText(text: text, skipsComments: true)
        } catch {
            switch error {
            case .noHeader: throw .noHeader(file: fileName)
            case let .fieldCount(line, found, expected):
                throw .fieldCount(file: fileName, line: line, found: found, expected: expected)
            }
        }
        let first = table.columns.first ?? ""
        guard ["hk_timestamp", "timestamp"].contains(first.lowercased()) else {
            throw .noTimestampColumn(file: fileName, line: table.headerLine, found: first)
        }
        var columns: [[Double]] = Array(repeating: [], count: table.columns.count)
        var stamps: [String] = []
        for line in table.lines {
            stamps.append(line.fields[0])
            for index in 1..<line.fields.count {
                let text = line.fields[index]
                guard let v = SidecarNumber.double(text) else {
                    throw .notANumber(file: fileName, line: line.number, column: table.columns[index], value: text)
                }
                columns[index].append(v)
            }
        }
        let name = HousekeepingFileName(fileName)
        return try HousekeepingFile(obsid: name?.obsid, date: name?.date, roe: name?.roe, timestampColumn: first,
                                    timestamps: stamps,
                                    series: (1..<table.columns.count).map { (table.columns[$0], columns[$0]) })
    }

    /// The HK files of one exposure in a folder (`HK_<ObsID>_*_ROE1.txt`), sorted by name.
    public static func discover(obsid: Int, in folder: URL, roe: String = "ROE1") throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { name in HousekeepingFileName(name).map { $0.obsid == obsid && $0.roe == roe } ?? false }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }
}

/// Statistics of one HK key over an exposure, as vison's `synthHK` reduces them.
public struct HousekeepingSummary: Sendable, Equatable {
    public var key: String
    public var mean: Double
    /// Population standard deviation (ddof 0), as numpy's default.
    public var std: Double
    public var min: Double
    public var max: Double
    public var count: Int

    public init(key: String, mean: Double, std: Double, min: Double, max: Double, count: Int) {
        self.key = key; self.mean = mean; self.std = std; self.min = min; self.max = max; self.count = count
    }

    /// From the readings; with none, every statistic is NaN and count 0.
    public init(key: String, readings: [Double]) {
        let n = Double(readings.count)
        let mean = readings.isEmpty ? .nan : readings.reduce(0, +) / n
        let variance = readings.isEmpty ? .nan : readings.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        self.init(key: key, mean: mean, std: variance.squareRoot(),
                  min: readings.min() ?? .nan, max: readings.max() ?? .nan, count: readings.count)
    }
}

/// The parts of an HK file name: `HK_191_050800D000000T_ROE1.txt` → 191, 5 Aug 2000 00:00:00, ROE1.
public struct HousekeepingFileName: Sendable, Equatable {
    public var obsid: Int
    public var date: Date
    public var roe: String

    public init?(_ fileName: String) {
        let name = (fileName as NSString).lastPathComponent
        guard name.hasSuffix(".txt") else { return nil }
        let parts = name.dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "HK", let obsid = Int(parts[1]),
              let date = VISDate.parse(String(parts[2])) else { return nil }
        self.obsid = obsid
        self.date = date
        roe = String(parts[3])
    }
}
