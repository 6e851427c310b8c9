import AstroKit
import Foundation

/// The calibration database of a reduce run: where it is (`--caldb`, `ASTROKIT_CALDB`, else
/// `caldb.sqlite` in the output folder), the look-up primitives use, and the storing of the
/// products that are calibrations once the run succeeded (unless `--no-store`).
struct CalibrationStorage {
    let location: (path: String, source: String)
    let store: Bool
    /// Open for look-ups when the file exists or was named explicitly; created on first store otherwise.
    private(set) var database: CalibrationDatabase?

    init(option: String?, output: URL, store: Bool) throws {
        location = CalibrationDatabaseLocation.resolve(option: option, defaultFolder: output)
        self.store = store
        let explicit = location.source != CalibrationDatabaseLocation.resolve(option: nil, environment: [:], defaultFolder: output).source
        if explicit || FileManager.default.fileExists(atPath: location.path) {
            database = try CalibrationDatabase(path: location.path, create: true)
        }
    }

    /// Stores the delivered products whose type has a calibration rule; returns the lines to log.
    mutating func storeProducts(_ paths: [String], log: ReductionLog) throws {
        guard store else { return }
        let rules = try ConfigurationRegistry.shared.snapshot().calibrationRules
        let calibrationTypes = Set(rules.map(\.productType))
        guard !calibrationTypes.isEmpty else { return }
        for path in paths where [".fits", ".fit", ".fts"].contains(where: path.lowercased().hasSuffix) {
            guard let dataset = try? AstroData.open(path), dataset.types.contains(where: calibrationTypes.contains) else { continue }
            if database == nil { database = try CalibrationDatabase(path: location.path, create: true) }
            guard let database else { continue }
            do {
                let record = try database.add(path)
                log.info("Stored \(InputFiles.relative(path)) as \(record.type) in the calibration database \(database.path)")
            } catch {
                log.warning("\(error)")
            }
        }
    }
}
