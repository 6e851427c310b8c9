import Foundation
import GRDB

/// A stored calibration.
public struct CalibrationRecord: Sendable, Hashable {
    /// Absolute path of the product file.
    public var path: String
    /// SHA-256 of the file bytes when it was added.
    public var checksum: String
    /// Its calibration (product) type, e.g. VIS_MASTER_BIAS.
    public var type: String
    /// When the product was made, and where that time was read.
    public var processed: Date
    public var processedSource: String
    /// The recipe that produced it (RECIPE keyword), when recorded.
    public var recipe: String?
    /// The descriptors its matching rules compare.
    public var descriptors: [String: StoredValue]

    public var fileName: String { URL(fileURLWithPath: path).lastPathComponent }
}

extension CalibrationDatabase {
    /// Stores a processed calibration (or updates it when its path is already stored): its
    /// type must be the product type of a calibration rule; the descriptors those rules compare
    /// are computed and stored typed. A descriptor the product lacks is simply not stored, and
    /// any criterion on it will say so.
    @discardableResult
    public func add(_ file: String) throws -> CalibrationRecord {
        let record = try describe(file)
        try pool.write { db in
            try db.execute(sql: "DELETE FROM calibration WHERE path = ?", arguments: [record.path])
            try db.execute(sql: """
                INSERT INTO calibration (path, checksum, type, processed, processed_source, recipe, added)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.path, record.checksum, record.type, record.processed.timeIntervalSince1970,
                                 record.processedSource, record.recipe, Date().timeIntervalSince1970])
            let id = db.lastInsertedRowID
            for (name, value) in record.descriptors {
                let c = value.columns
                try db.execute(sql: "INSERT INTO descriptor (calibration_id, name, kind, text, number) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, name, c.kind, c.text, c.number])
            }
        }
        return record
    }

    /// What `add` would store for a file: opens and classifies it and computes the descriptors.
    public func describe(_ file: String) throws -> CalibrationRecord {
        let path = Self.absolute(file)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CalibrationDatabaseError.notACalibration(path: path, reason: "the file does not exist")
        }
        let dataset: AstroData
        do { dataset = try AstroData.open(path, registry: registry) } catch {
            throw CalibrationDatabaseError.notACalibration(path: path, reason: "it cannot be opened as FITS (\(error))")
        }
        let rules = try self.rules()
        let types = dataset.types
        guard let type = types.first(where: { t in rules.contains { $0.productType == t } }) else {
            let known = Set(rules.map(\.productType)).sorted().joined(separator: ", ")
            throw CalibrationDatabaseError.notACalibration(
                path: path, reason: "its types (\(types.joined(separator: ", "))) include no calibration type (\(known.isEmpty ? "none registered" : known))")
        }
        var descriptors: [String: StoredValue] = [:]
        for name in Set(rules.filter { $0.productType == type }.flatMap(\.productDescriptors)) {
            if let value = dataset.descriptor(name).values.first, let stored = StoredValue(value.value) {
                descriptors[name] = stored
            }
        }
        let processed = Self.processingTime(dataset, path: path)
        return CalibrationRecord(path: path, checksum: try ChecksumMemo.checksum(path), type: type,
                                 processed: processed.date, processedSource: processed.source,
                                 recipe: dataset.primaryHeader.string("RECIPE"), descriptors: descriptors)
    }

    /// Removes the stored calibrations of these files (by path); returns how many were removed.
    @discardableResult
    public func remove(_ file: String) throws -> Int {
        let path = Self.absolute(file)
        return try pool.write { db in
            try db.execute(sql: "DELETE FROM calibration WHERE path = ?", arguments: [path])
            return db.changesCount
        }
    }

    /// The stored calibrations, optionally of one type (or of the product type of a rule kind),
    /// by type then path.
    public func list(type: String? = nil) throws -> [CalibrationRecord] {
        var wanted = type
        if let type, let rule = try rules().first(where: { $0.kind == type }) { wanted = rule.productType }
        return try pool.read { db in
            var sql = "SELECT id, path, checksum, type, processed, processed_source, recipe FROM calibration"
            var arguments: StatementArguments = []
            if let wanted { sql += " WHERE type = ?"; arguments = [wanted] }
            sql += " ORDER BY type, path"
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            var descriptors: [Int64: [String: StoredValue]] = [:]
            var descriptorSQL = "SELECT calibration_id, name, kind, text, number FROM descriptor"
            if wanted != nil { descriptorSQL += " WHERE calibration_id IN (SELECT id FROM calibration WHERE type = ?)" }
            for row in try Row.fetchAll(db, sql: descriptorSQL, arguments: arguments) {
                if let value = StoredValue(kind: row["kind"], text: row["text"], number: row["number"]) {
                    descriptors[row["calibration_id"], default: [:]][row["name"]] = value
                }
            }
            return rows.map { row in
                CalibrationRecord(path: row["path"], checksum: row["checksum"], type: row["type"],
                                  processed: Date(timeIntervalSince1970: row["processed"]),
                                  processedSource: row["processed_source"], recipe: row["recipe"],
                                  descriptors: descriptors[row["id"]] ?? [:])
            }
        }
    }

    /// The calibration rules of the registered configuration modules.
    public func rules() throws -> [CalibrationRule] { try registry.snapshot().calibrationRules }

    /// SHA-256 of a file's bytes, read in blocks.
    public static func checksum(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CalibrationDatabaseError.unreadable(path: path, reason: "the file cannot be opened")
        }
        defer { try? handle.close() }
        var hash = SHA256()
        while true {
            let block = try handle.read(upToCount: 1 << 20) ?? Data()
            if block.isEmpty { break }
            block.withUnsafeBytes { hash.update(raw: $0) }
        }
        return hash.hexDigest()
    }

    /// When a product was made: the last "AstroKit   at" HISTORY stamp the reduction wrote,
    /// else the DATE keyword (file creation), else the file's modification time.
    static func processingTime(_ dataset: AstroData, path: String) -> (date: Date, source: String) {
        let stamps = dataset.primaryHeader.history.compactMap { line -> Date? in
            guard line.hasPrefix("AstroKit   at ") else { return nil }
            return try? Date(String(line.dropFirst(14)).trimmingCharacters(in: .whitespaces), strategy: .iso8601)
        }
        if let last = stamps.max() { return (last, "HISTORY of the reduction") }
        if let text = dataset.primaryHeader.string("DATE"), let date = FITSDate.parse(text) {
            return (date, "primary header DATE")
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        return (modified, "file modification time")
    }

    static func absolute(_ file: String) -> String {
        URL(fileURLWithPath: file).standardizedFileURL.path
    }
}
