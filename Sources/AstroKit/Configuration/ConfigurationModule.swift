import Foundation

/// Everything an instrument teaches the framework: its types, its descriptors and how each
/// type computes them, and (later) its primitives and recipe folders.
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
}

extension ConfigurationModule {
    public var descriptorDefinitions: [DescriptorDefinition] { [] }
    public var descriptorProviders: [String: [DescriptorProvider]] { [:] }
    public var classificationDescriptors: [DescriptorProvider] { [] }
}
