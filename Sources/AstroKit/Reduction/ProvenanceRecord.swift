import Foundation

/// One primitive that touched an output: what ran, with which parameters, when, and the
/// checksums of the datasets it read.
///
/// ```swift
/// context.provenance.filter { $0.outputs.contains("flat1_flat.fits") }.map(\.primitive)
/// // ["subtractScalar", "scale", "stackFrames"]
/// ```
public struct ProvenanceRecord: Sendable, Hashable, Codable {
    public var primitive: String
    public var parameters: String
    public var time: Date
    /// SHA-256 of each input dataset's content (headers and pixels).
    public var inputChecksums: [String]
    /// Names of the datasets it produced.
    public var outputs: [String]

    public init(primitive: String, parameters: String, time: Date, inputChecksums: [String], outputs: [String]) {
        self.primitive = primitive
        self.parameters = parameters
        self.time = time
        self.inputChecksums = inputChecksums
        self.outputs = outputs
    }

    /// HISTORY card texts (each at most 72 characters) recording this step in a FITS header.
    public var historyLines: [String] {
        let stamp = ISO8601DateFormatter().string(from: time)
        var lines = wrap("AstroKit \(primitive)(\(parameters))")
        lines.append("AstroKit   at \(stamp)")
        for checksum in inputChecksums { lines.append("AstroKit   input sha256 \(checksum.prefix(48))") }
        return lines
    }

    private func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while rest.count > 72 {
            lines.append(String(rest.prefix(72)))
            rest = "AstroKit   " + rest.dropFirst(72)
        }
        lines.append(String(rest))
        return lines
    }
}

/// A pass/fail judgement of a measurement against a limit (e.g. a test's performance limits).
public struct ComplianceResult: Sendable, Hashable, Codable {
    public var name: String
    public var passed: Bool
    public var detail: String

    public init(name: String, passed: Bool, detail: String) {
        self.name = name
        self.passed = passed
        self.detail = detail
    }
}

/// A file a primitive produced, in the run's staging folder until the run succeeds.
public struct Product: Sendable, Hashable, Codable {
    /// File name in the output folder.
    public var name: String
    /// What it is, one line.
    public var summary: String

    public init(name: String, summary: String) {
        self.name = name
        self.summary = summary
    }
}

/// Where primitives find processed calibrations (master bias, flat, ...) for a dataset.
/// The calibration database implements it; a run without one gets nil from every look-up.
///
/// ```swift
/// if let bias = try context.calibration("processed_bias", for: frame) { ... }
/// ```
public protocol CalibrationLookup: Sendable {
    /// The best calibration of this kind for the dataset, or nil when none matches.
    func calibration(_ kind: String, for dataset: AstroData) throws -> AstroData?
    /// Why `calibration` returns nil for this dataset, as a sentence naming the near misses;
    /// nil when it does return one (or the look-up cannot say).
    func explainMiss(_ kind: String, for dataset: AstroData) -> String?
    /// How a calibration file the user chose fails the kind's matching rule for the dataset, one
    /// phrase per failed criterion ("vend 278 vs 2086: differ (must be equal)"); empty when it
    /// matches. The file is used either way: the user decides, the log warns.
    func mismatches(_ kind: String, file: String, for dataset: AstroData) throws -> [String]
}

extension CalibrationLookup {
    public func explainMiss(_ kind: String, for dataset: AstroData) -> String? { nil }
    public func mismatches(_ kind: String, file: String, for dataset: AstroData) throws -> [String] { [] }
}
