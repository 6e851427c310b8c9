import AstroKit
import Foundation

/// The Euclid VIS configuration: the types of raw VIS CCD files and their descriptors.
///
/// ```swift
/// try ConfigurationRegistry.shared.register(VISConfiguration())
/// let ad = try AstroData.open("EUC_191_251116D150614T_ROE1_CCD1.fits")
/// ad.descriptor("obsid")    // 191
/// ```
public struct VISConfiguration: ConfigurationModule {
    public init() {}

    /// Registers the VIS configuration with the shared registry (once per process).
    public static func register(in registry: ConfigurationRegistry = .shared) throws {
        try registry.register(VISConfiguration())
    }

    public var name: String { "VIS" }

    public var types: [TypeDefinition] { VISTypes.definitions }

    public var descriptorDefinitions: [DescriptorDefinition] { VISDescriptors.definitions }

    public var descriptorProviders: [String: [DescriptorProvider]] { ["VIS": VISDescriptors.providers] }
}

/// File names of raw VIS frames: `EUC_<ObsID>_<DDMMYY>D_<hhmmss>T_ROE1_CCD<n>.fits`, or the older
/// ELVIS 5.7 form without the underscore before the time.
public struct VISFileName: Sendable, Hashable {
    public var obsid: Int
    public var date: String
    public var time: String
    public var roe: Int
    public var ccd: Int

    public static let pattern = #"^EUC_([0-9]+)_([0-9]{6})D_?([0-9]{6})T_ROE([0-9])_CCD([1-3])(\.fits)?(\.gz|\.fz|\.bz2)?$"#

    public init?(_ fileName: String) {
        guard let regex = try? NSRegularExpression(pattern: Self.pattern),
              let m = regex.firstMatch(in: fileName, range: NSRange(fileName.startIndex..., in: fileName)) else {
            return nil
        }
        func group(_ i: Int) -> String { String(fileName[Range(m.range(at: i), in: fileName)!]) }
        guard let obsid = Int(group(1)), let roe = Int(group(4)), let ccd = Int(group(5)) else { return nil }
        self.obsid = obsid
        self.date = group(2)
        self.time = group(3)
        self.roe = roe
        self.ccd = ccd
    }
}
