import Foundation

/// Everything an instrument teaches the framework: its types, its descriptors and how each
/// type computes them, its primitive sets and the folders holding its text recipes.
///
/// AstroKit never imports an instrument; a module registers itself:
/// ```swift
/// try ConfigurationRegistry.shared.register(VISConfiguration())
/// ```
public protocol ConfigurationModule: Sendable {
    /// Short name, e.g. "VIS".
    var name: String { get }
    /// Type definitions (instrument and status families).
    var types: [TypeDefinition] { get }
    /// Descriptors this module introduces (base descriptors need not be repeated).
    var descriptorDefinitions: [DescriptorDefinition] { get }
    /// Descriptor computations per type name.
    var descriptorProviders: [String: [DescriptorProvider]] { get }
    /// Descriptors usable in type requirements (`Requirement.descriptor`): computed from the
    /// raw dataset (headers, file name, sidecars) before its types are known.
    var classificationDescriptors: [DescriptorProvider] { get }
    /// Folders of `.recipe` files, searched after `--recipe-path` and `ASTROKIT_RECIPE_PATH`.
    /// Locate them from the module's source (`#filePath`) or bundle, never the working directory.
    var recipeFolders: [URL] { get }
    /// Primitives per instrument type; a type inherits its ancestors' and may override them.
    var primitiveSets: [PrimitiveSet] { get }
    /// How the calibration database matches this module's processed calibrations to data.
    var calibrationRules: [CalibrationRule] { get }
}

extension ConfigurationModule {
    public var descriptorDefinitions: [DescriptorDefinition] { [] }
    public var descriptorProviders: [String: [DescriptorProvider]] { [:] }
    public var classificationDescriptors: [DescriptorProvider] { [] }
    public var recipeFolders: [URL] { [] }
    public var primitiveSets: [PrimitiveSet] { [] }
    public var calibrationRules: [CalibrationRule] { [] }
}
