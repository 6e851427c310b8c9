import Config_VIS
import Foundation

/// The outcome of checking a test's exposure-log rows against its acquisition structure
/// (vison's `check_test_structure`), as data for reports and flags: a mismatch is a finding,
/// never an error.
///
/// ```swift
/// let rows = StructureValidator.select(log.rows, test: "PTC01", obsids: 1000...1300)
/// let result = StructureValidator(definition: ptc01, chamber: chamber).validate(rows)
/// result.consistent      // false
/// result.messages        // ["col003: 1 frame missing for CCD2 (expected 10, found 9)", ...]
/// ```
public struct StructureValidation: Sendable {
    public var test: String
    /// True when every column has its frames on every CCD, no frame is extra and every
    /// setting matches (vison's `checksout`; false raises MISSDATA).
    public var consistent: Bool { findings.isEmpty }
    public var columns: [ColumnReport]
    /// Findings not tied to one column: rows beyond the last column, CCDs without rows.
    public var general: [Finding]
    /// The CCDs walked.
    public var ccds: [Int]

    /// Every finding, column by column, then the general ones.
    public var findings: [Finding] { columns.flatMap(\.findings) + general }
    /// One sentence per finding.
    public var messages: [String] { findings.map(\.message) }

    public func column(_ label: String) -> ColumnReport? { columns.first { $0.label == label } }
}

/// What one structure column got.
public struct ColumnReport: Sendable, Hashable {
    public var label: String
    public var role: String
    public var expectedFrames: Int
    /// Frames attributed to the column, per CCD.
    public var framesFound: [Int: Int]
    /// ObsIDs attributed to the column, in order (all CCDs).
    public var obsids: [Int]
    public var findings: [Finding]
}

/// One discrepancy between the log and the structure.
public struct Finding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Fewer frames than the column needs (a whole column when none was found).
        case missingFrames
        /// More frames than the column needs, or rows after the last column.
        case extraFrames
        /// A logged setting differs from the expected one.
        case setting
        /// A CCD expected in the test has no rows at all.
        case missingCCD
    }

    public var kind: Kind
    public var column: String?
    /// The CCDs concerned (all of the column's frames, for a column-wide setting).
    public var ccds: [Int]
    /// The exposures concerned; empty for a column-wide finding.
    public var obsids: [Int]
    public var field: ExposureLogField?
    public var expected: String?
    public var found: String?
    /// A precise sentence, e.g. `col002 ObsID 1023 CCD1: exptime is 3.6, expected 1.75`.
    public var message: String
}
