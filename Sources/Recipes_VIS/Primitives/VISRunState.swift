import AstroKit
import Foundation

/// What the VIS steps of a run decide for later steps, kept in the context's checkpointed
/// `settings` (as JSON under "VIS"): the test, how frames are to be prepared, the background
/// model, and the products made so far. Preparation is declarative: `main` keeps the raw,
/// lazily read frames and every consumer applies the recipe while it streams pixels, so a
/// test of hundreds of 35 MB frames never has prepared copies on disk or in memory.
public struct VISRunState: Codable, Sendable, Equatable {
    public enum OffsetMethod: String, Codable, Sendable { case none, median, row }

    public var test: String?
    /// Mask pixels at exactly 0 or 65535 (lost or saturated) before statistics and stacks.
    public var maskBadPixels = false
    public var offsetMethod = OffsetMethod.none
    /// Prescan columns (canonical, end-exclusive) whose level is subtracted: vison's 25..45.
    public var offsetColumns = [25, 46]
    /// The background model of `fitBackground2D`: total degree, box size, box statistic.
    public var backgroundDegree = 5
    public var backgroundBox = 300
    public var backgroundStatistic = "mean"
    /// Staged master products per kind and CCD ("MASTER_BIAS" -> ["CCD1": "BIAS01/...fits"]).
    public var masters: [String: [String: String]] = [:]
    /// Staged masks per kind ("DARK", "FLAT", "MERGED") and CCD.
    public var masks: [String: [String: String]] = [:]
    /// Processed calibrations applied as frames stream, per calibration kind ("processed_bias",
    /// "defect_mask", "processed_flat") and frame file name: the file's path.
    public var calibrationFiles: [String: [String: String]] = [:]
    /// Where each calibration came from, per kind and CCD, for the results ("database: ...",
    /// "user file ...: does not match (...)", "none: ...").
    public var calibrationSources: [String: [String: String]] = [:]
    /// Messages of the structure check and the files it set aside, for the results.
    public var structureConsistent: Bool?
    public var structureMessages: [String] = []
    public var excludedFiles: [String: String] = [:]

    static let key = "VIS"

    public static func load(_ context: ReductionContext) throws -> VISRunState {
        guard let text = context.settings[key] else { return VISRunState() }
        return try JSONDecoder().decode(VISRunState.self, from: Data(text.utf8))
    }

    public func save(_ context: ReductionContext) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        context.settings[Self.key] = String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Loads, changes and saves the state.
    static func update(_ context: ReductionContext, _ body: (inout VISRunState) throws -> Void) throws {
        var state = try load(context)
        try body(&state)
        try state.save(context)
    }

    /// The test, or an error telling the recipe author to set it.
    func requireTest() throws -> String {
        guard let test else { throw VISStepError("no test is set: the recipe must call useTest(name=...) first") }
        return test
    }
}

/// A step's failure, as a sentence naming the file and the problem.
public struct VISStepError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
