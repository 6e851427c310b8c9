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

