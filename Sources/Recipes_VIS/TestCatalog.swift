import Config_VIS
import Foundation

/// Builds the definition of every campaign test (VIS.md 3.2) for one chamber and one block's
/// `diffvalues`.
///
/// ```swift
/// let catalog = try TestCatalog(chamber: "CHAMBER_B_EINSTEIN",
///                               diffValues: [.sn_ccd1: "14173-14-01", .operator: "abc"])
/// let nl02 = try catalog.definition("NL02")     // 44 columns, 109 frames
/// for name in TestCatalog.testNames { _ = try catalog.definition(name) }
/// ```
public struct TestCatalog: Sendable {
    public let chamber: ChamberProfile
    /// Values applied to every column of every test (serial numbers, operator...); they
    /// override a test's common values, not a column's own (see ``TestDefinition``).
    public let diffValues: [ExposureLogField: SettingValue]
    public let elvis: ELVISVersion
    public let performance: PerformanceLimits

    public init(chamber: ChamberProfile, diffValues: [ExposureLogField: SettingValue] = [:],
                elvis: ELVISVersion = .v7_5_X) throws(LookupTableError) {
        self.chamber = chamber
        self.diffValues = diffValues
        self.elvis = elvis
        self.performance = try PerformanceLimits.load()
    }

    /// A catalog for a chamber profile named as vison names it, e.g. `CHAMBER_B_EINSTEIN`.
    public init(chamber name: String, diffValues: [ExposureLogField: SettingValue] = [:],
                elvis: ELVISVersion = .v7_5_X) throws(LookupTableError) {
        try self.init(chamber: try ChamberProfile.load(name), diffValues: diffValues, elvis: elvis)
    }

    /// Every test with its own frames, in the campaign's order, then the surrogate tests.
    public static var testNames: [String] {
        VISCampaign.testNames + VISCampaign.surrogates.keys.sorted()
    }

    /// The definition of a test by the name its log rows carry (or a surrogate test's name).
    public func definition(_ name: String) throws(TestCatalogError) -> TestDefinition {
        if let borrowed = VISCampaign.surrogates[name] {
            return try surrogateDefinition(name, of: borrowed)
        }
        guard VISCampaign.testNames.contains(name) else {
            throw .unknownTest(name, suggestion: Self.closest(to: name))
        }
        return try build(name)
    }

    /// Every definition, in ``testNames`` order.
    public func allDefinitions() throws(TestCatalogError) -> [TestDefinition] {
        var list: [TestDefinition] = []
        for name in Self.testNames { list.append(try definition(name)) }
        return list
    }

    /// `testDiff`: the test's own diffvalues in vison's campaign (e.g. diffBIAS02), applied
    /// like the campaign's and over them.
    func builder(_ test: String, _ common: [ExposureLogField: SettingValue] = [:],
                 testDiff: [ExposureLogField: SettingValue] = [:]) -> StructureBuilder {
        StructureBuilder(test: test, chamber: chamber, common: common,
                         diffValues: diffValues.merging(testDiff) { $1 })
    }

    func definition(_ name: String, family: String, summary: String, _ builder: StructureBuilder,
                    limits: TestLimits? = nil, defaults: TestDefaults) -> TestDefinition {
        TestDefinition(name: name, family: family, acquisition: VISCampaign.acquisition(ofTest: name),
                       summary: summary, chamber: chamber.name, elvis: elvis, columns: builder.columns,
                       limits: limits ?? TestLimits(performance: performance), defaults: defaults, surrogate: nil)
    }

    private func build(_ name: String) throws(TestCatalogError) -> TestDefinition {
        // Names with an underscore of their own are not a family and a variant.
        if name == "MOT_WARM" { return try warmReadiness() }
        if name == "FLAT_STB" { return try flat(name, suffix: nil) }
        let parts = name.split(separator: "_", maxSplits: 1).map(String.init)
        let suffix = parts.count > 1 ? parts[1] : nil
        switch parts[0] {
        case "BIAS01", "BIAS02": return bias(name)
        case "DARK01": return dark()
        case "CHINJ01": return chargeInjection01()
        case "CHINJ02": return chargeInjection02()
        case "TP01", "TP11": return verticalPumping(name)
        case "TP02", "TP21": return serialPumping(name)
        case "FLAT01", "FLAT02": return try flat(name, suffix: suffix)
        case "PTC01", "PTC02": return try photonTransfer(name, suffix: suffix)
        case "FLATFLUX00": return try flatFlux(name, suffix: suffix)
        case "NL01": return try nonLinearity01()
        case "NL02": return try nonLinearity02(name, suffix: suffix)
        case "FOCUS00": return try focus(name, suffix: suffix)
        case "PSF01", "PSF02", "PSFLUX00": return try pointSpread(name, suffix: suffix)
        case "PERSIST01": return try persistence()
        case "COSMETICS00": return try cosmetics()
        default: throw .unknownTest(name, suggestion: nil)
        }
    }

    /// BF01 re-analyses another test's frames: the same columns, its own defaults.
    private func surrogateDefinition(_ name: String, of borrowed: String) throws(TestCatalogError) -> TestDefinition {
        let source = try build(borrowed)
        var defaults = source.defaults
        defaults.subtasks = ["check", "prep", "extract_COV", "extract_BF", "correct_BFE_G15", "extract_PTCs",
                             "meta", "debugtask"]
        defaults.parameters = ["Npix": 5, "clipsigma": 4, "covfunc": "ver2", "doBiasCorr": "true", "central": "mean"]
        return TestDefinition(name: name, family: "BF01", acquisition: source.acquisition,
                              summary: "Brighter-fatter kernels (Guyonnet 2015) from the \(borrowed) frames",
                              chamber: source.chamber, elvis: elvis, columns: source.columns,
                              limits: source.limits, defaults: defaults, surrogate: borrowed)
    }

    static func closest(to name: String) -> String? {
        let upper = name.uppercased()
        if testNames.contains(upper) { return upper }
        return testNames.first { $0.hasPrefix(upper) || upper.hasPrefix($0) }
    }
}

/// Why a test definition could not be built.
public enum TestCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownTest(String, suggestion: String?)
    case unknownWavelength(Int, chamber: String)
    case missingTimeToFullWell(String, Int, chamber: String)
    case missingMirrorPosition(filterPosition: Int, chamber: String)

    public var description: String {
        switch self {
        case let .unknownTest(name, suggestion):
            let hint = suggestion.map { "; did you mean \($0)?" } ?? "; the campaign tests are listed by TestCatalog.testNames"
            return "'\(name)' is not a VIS campaign test\(hint)"
        case let .unknownWavelength(nm, chamber):
            return "chamber profile \(chamber) has no filter-wheel position for \(nm) nm"
        case let .missingTimeToFullWell(source, nm, chamber):
            return "chamber profile \(chamber) gives no \(source)-source time to 2^16 ADU at \(nm) nm (tFWC_\(source)[nm\(nm)])"
        case let .missingMirrorPosition(position, chamber):
            return "chamber profile \(chamber) gives no nominal mirror position for filter F\(position)"
        }
    }
}
