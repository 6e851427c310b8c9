import Config_VIS
import Foundation

/// An expected exposure-log value: a number (compared within a relative tolerance) or text
/// (compared exactly).
public enum SettingValue: Sendable, Hashable, CustomStringConvertible, ExpressibleByFloatLiteral,
                          ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case number(Double)
    case text(String)

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .text(value) }

    public var number: Double? { if case .number(let v) = self { return v }; return nil }
    public var text: String? { if case .text(let v) = self { return v }; return nil }

    /// Numbers with up to 6 significant digits, integers without a decimal point, so a time
    /// derived as 0.5 × 3.4 s reads 1.7, not 1.7000000000000002.
    public var description: String {
        switch self {
        case .number(let v):
            if v.rounded() == v, abs(v) < 1e15 { return String(Int(v)) }
            return String(format: "%.6g", v)
        case .text(let t): return t
        }
    }

    /// The value as an exposure-log field, typed as the 7.5.X log types the field.
    public func logValue(for field: ExposureLogField) -> ExposureLogValue {
        switch (self, field.kind) {
        case (.number(let v), .integer) where v.rounded() == v: return .integer(Int(v))
        case (.number(let v), _): return .number(v)
        case (.text(let t), _): return .text(t)
        }
    }
}

/// One column of a test's acquisition: a block of identical frames (one ELVIS script column).
public struct AcquisitionColumn: Sendable, Hashable {
    /// `col001`, `col002`... in acquisition order, as vison labels exposure-log rows.
    public var label: String
    /// Frames (exposures) in the column; each exposure gives one row per CCD in the log.
    public var frames: Int
    /// What the frames are for, in the test's words: "bias", "BGD", "STAB", "fluence 25 %"...
    public var role: String
    /// The kind of frame the column takes (a flat test's 0 s background column is `.bias`).
    public var acquisition: VISAcquisition
    /// Every exposure-log setting the frames must have: the ELVIS defaults, the test's common
    /// values, the column's own values and the campaign's `diffvalues`.
    public var settings: [ExposureLogField: SettingValue]
    /// Percent of the time to 2^16 ADU the exposure time stands for (flat and point columns).
    public var relativeFluence: Double?
    /// nm (or 2000 open / 0 ND) behind the column's filter position, from the chamber profile.
    public var wavelength: Int?

    public init(label: String, frames: Int, role: String, acquisition: VISAcquisition,
                settings: [ExposureLogField: SettingValue], relativeFluence: Double? = nil, wavelength: Int? = nil) {
        self.label = label
        self.frames = frames
        self.role = role
        self.acquisition = acquisition
        self.settings = settings
        self.relativeFluence = relativeFluence
        self.wavelength = wavelength
    }

    public func number(_ field: ExposureLogField) -> Double? { settings[field]?.number }
    public func text(_ field: ExposureLogField) -> String? { settings[field]?.text }

    /// Seconds.
    public var exposureTime: Double { number(.exptime) ?? 0 }
    /// Filter-wheel position 1...6.
    public var filterPosition: Int? { number(.wave).map { Int($0) } }
    public var source: String? { text(.source) }
    public var readoutMode: String? { text(.rdmode) }
}

/// A campaign test as data: its acquisition structure, performance limits and defaults.
///
/// ```swift
/// let catalog = try TestCatalog(chamber: "CHAMBER_B_EINSTEIN")
/// let ptc = try catalog.definition("PTC01")
/// ptc.frameCount                      // 92
/// ptc.columns[0].exposureTime         // 0.17 s (5 % of 3.4 s)
/// ptc.columns[0].settings[.wave]      // 4 (800 nm)
/// ```
public struct TestDefinition: Sendable {
    /// The name in the exposure log's `test` column, e.g. `PTC02_730`.
    public var name: String
    /// The vison task class that analyses it, e.g. `PTC0X`.
    public var family: String
    /// The acquisition kind its type sits under; nil for mixed tests (PERSIST01, MOT_WARM,
    /// COSMETICS00), typed directly under VIS.
    public var acquisition: VISAcquisition?
    public var summary: String
    /// The chamber profile the exposure times were derived from.
    public var chamber: String
    public var elvis: ELVISVersion
    public var columns: [AcquisitionColumn]
    public var limits: TestLimits
    public var defaults: TestDefaults
    /// For tests without data of their own (BF01): the test whose frames they analyse.
    public var surrogate: String?

    /// The type of the test's frames, e.g. `VIS_PTC01`; nil for surrogate tests (BF01), whose
    /// frames are typed by the test they borrow.
    public var typeName: String? { surrogate == nil ? VISCampaign.typeName(ofTest: name) : nil }
    /// Exposures the test takes (each gives one file and one log row per CCD).
    public var frameCount: Int { columns.reduce(0) { $0 + $1.frames } }
    /// The name the log rows of its frames carry in `test`: the borrowed test's for surrogate
    /// tests, else the columns' `test` setting (a campaign's diffvalues may rename it).
    public var loggedTestName: String { surrogate ?? columns.first?.text(.test) ?? name }

    public func column(_ label: String) -> AcquisitionColumn? { columns.first { $0.label == label } }
}

/// Processing defaults of a test (vison's `set_inpdefaults` and task inputs).
public struct TestDefaults: Sendable, Hashable {
    /// How `prep` removes the offset: per-row prescan median, one prescan median, or not at
    /// all (NL02 removes it in the fit).
    public enum OffsetMethod: String, Sendable, Hashable { case row, median, none }

    public var offsetMethod: OffsetMethod
    /// Rows are selected by test name and ObsID range, and also by `wave` for colour-aware
    /// tests (PTC0X, BF01), as vison's `filterexposures` does.
    public var colourAware: Bool
    /// The test's principal wavelength (nm, or 2000 / 0 settings), when it has one.
    public var wavelength: Int?
    /// Settings never compared by structure validation (vison's `wavedkeys`).
    public var unvalidatedFields: Set<ExposureLogField>
    /// The subtasks of the vison task, in order.
    public var subtasks: [String]
    /// Test-specific analysis parameters (BF01's Npix, clipsigma...).
    public var parameters: [String: SettingValue]

    public init(offsetMethod: OffsetMethod = .row, colourAware: Bool = false, wavelength: Int? = nil,
                unvalidatedFields: Set<ExposureLogField> = [.motr_siz], subtasks: [String],
                parameters: [String: SettingValue] = [:]) {
        self.offsetMethod = offsetMethod
        self.colourAware = colourAware
        self.wavelength = wavelength
        self.unvalidatedFields = unvalidatedFields
        self.subtasks = subtasks
        self.parameters = parameters
    }
}
