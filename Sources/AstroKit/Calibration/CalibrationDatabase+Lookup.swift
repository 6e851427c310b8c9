import Foundation

extension CalibrationDatabase: CalibrationLookup {
    /// The best stored calibration of this kind for the dataset, opened, after its checksum was
    /// verified; nil when none matches (``explainMiss(_:for:)`` says why).
    public func calibration(_ kind: String, for dataset: AstroData) throws -> AstroData? {
        guard let record = try best(kind, for: dataset) else { return nil }
        return try AstroData.open(record.path, registry: registry)
    }

    /// Why ``calibration(_:for:)`` returned nil: the sentence lists the closest near misses.
    public func explainMiss(_ kind: String, for dataset: AstroData) -> String? {
        do {
            let selection = try select(kind, for: dataset)
            return selection.chosen == nil ? selection.failureSentence : nil
        } catch {
            return String(describing: error)
        }
    }

    /// How a file the user chose fails the kind's rule for the dataset (empty when it matches):
    /// its type, then every failed criterion, in the words of `explain`.
    public func mismatches(_ kind: String, file: String, for dataset: AstroData) throws -> [String] {
        let rule = try rule(kind, for: dataset)
        let record = try describe(file)
        var phrases: [String] = []
        if record.type != rule.productType { phrases.append("it is a \(record.type), not a \(rule.productType)") }
        let values = Self.datasetValues(rule, dataset)
        let lookup = Dictionary(values.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        for criterion in rule.criteria {
            let o = Self.judge(criterion, dataset: lookup[criterion.descriptor], product: record.descriptors[criterion.productDescriptor])
            if !o.passed {
                phrases.append("\(criterion.descriptor) \(o.datasetValue?.text ?? "none") vs \(o.productValue?.text ?? "none"): \(o.detail)")
            }
        }
        return phrases
    }

    /// The record of the best usable calibration, or nil when none passes with an intact file.
    public func best(_ kind: String, for dataset: AstroData) throws -> CalibrationRecord? {
        try select(kind, for: dataset).chosen?.record
    }

    /// The record of the best usable calibration, or an error whose sentence names the near misses.
    public func require(_ kind: String, for dataset: AstroData) throws -> CalibrationRecord {
        let selection = try select(kind, for: dataset)
        guard let chosen = selection.chosen else { throw CalibrationLookupError.noMatch(selection.failureSentence) }
        return chosen.record
    }
}

/// Where the calibration database is: `--caldb PATH`, else `ASTROKIT_CALDB`, else
/// `caldb.sqlite` in the output folder (reduce) or the current folder (caldb).
///
/// ```swift
/// CalibrationDatabaseLocation.resolve(option: nil, environment: ["ASTROKIT_CALDB": "/cal/db.sqlite"],
///                                     defaultFolder: output)   // ("/cal/db.sqlite", "ASTROKIT_CALDB")
/// ```
public enum CalibrationDatabaseLocation {
    public static let variable = "ASTROKIT_CALDB"
    public static let defaultName = "caldb.sqlite"

    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               defaultFolder: URL) -> (path: String, source: String) {
        if let option, !option.isEmpty { return (option, "--caldb") }
        if let value = environment[variable], !value.isEmpty { return (value, variable) }
        return (defaultFolder.appendingPathComponent(defaultName).path, "default in \(defaultFolder.path)")
    }
}
