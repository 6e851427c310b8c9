import Foundation
import Synchronization

/// The configuration modules known to this process, and what they define together: the type
/// tree, the descriptor declarations and the descriptor computations per type.
///
/// The base configuration (community FITS conventions) is always present, so any FITS file
/// gets useful descriptors.
public final class ConfigurationRegistry: Sendable {
    /// The registry the command-line tools use.
    public static let shared = ConfigurationRegistry()

    struct State: Sendable {
        var modules: [any ConfigurationModule] = [BaseConfiguration()]
        var snapshot: Snapshot?
    }

    /// An immutable view of the registered configuration; datasets keep the one they were
    /// opened with, so a later registration never changes a dataset under its feet.
    public struct Snapshot: Sendable {
        public let modules: [String]
        public let typeTree: TypeTree
        public let definitions: [String: DescriptorDefinition]
        /// Descriptor names in declaration order (base first).
        public let descriptorNames: [String]
        let providers: [String: [String: DescriptorProvider]]
        let classificationProviders: [String: DescriptorProvider]
        /// Recipe folders of every module, in registration order, with the module's name.
        public let recipeFolders: [(module: String, folder: URL)]
        /// Primitive sets of every module, in registration order.
        public let primitiveSets: [PrimitiveSet]
        /// Calibration rules of every module, in registration order.
        public let calibrationRules: [CalibrationRule]

        /// The computation a type defines for a descriptor, if any. The base configuration's
        /// are under the empty type name.
        public func provider(_ descriptor: String, type: String) -> DescriptorProvider? {
            providers[type]?[descriptor]
        }

        func classificationProvider(_ descriptor: String) -> DescriptorProvider? {
            classificationProviders[descriptor]
        }
    }

    private let state = Mutex(State())

    public init() {}

    /// Registers a module. Registering a second module with the same name is refused, as is a
    /// module whose types make the tree invalid (the error says why).
    public func register(_ module: any ConfigurationModule) throws {
        try state.withLock { state in
            guard !state.modules.contains(where: { $0.name == module.name }) else { return }
            var modules = state.modules
            modules.append(module)
            _ = try Self.makeSnapshot(modules)
            state.modules = modules
            state.snapshot = nil
        }
    }

    /// Names of the registered modules, base first.
    public var moduleNames: [String] { state.withLock { $0.modules.map(\.name) } }

    /// The current configuration.
    public func snapshot() throws -> Snapshot {
        try state.withLock { state in
            if let s = state.snapshot { return s }
            let s = try Self.makeSnapshot(state.modules)
            state.snapshot = s
            return s
        }
    }

    static func makeSnapshot(_ modules: [any ConfigurationModule]) throws -> Snapshot {
        let tree = try TypeTree(modules.flatMap(\.types))
        var definitions: [String: DescriptorDefinition] = [:]
        var names: [String] = []
        var providers: [String: [String: DescriptorProvider]] = [:]
        var classification: [String: DescriptorProvider] = [:]
        for module in modules {
            for definition in module.descriptorDefinitions {
                if definitions[definition.name] == nil { names.append(definition.name) }
                definitions[definition.name] = definition
            }
            for (type, list) in module.descriptorProviders {
                if !type.isEmpty && tree.definition(named: type) == nil {
                    throw ConfigurationError.providerForUnknownType(module: module.name, type: type)
                }
                for provider in list {
                    guard definitions[provider.descriptor] != nil else {
                        throw ConfigurationError.undeclaredDescriptor(module: module.name, descriptor: provider.descriptor, type: type)
                    }
                    providers[type, default: [:]][provider.descriptor] = provider
                }
            }
            for set in module.primitiveSets where tree.definition(named: set.type) == nil {
                throw ConfigurationError.primitivesForUnknownType(module: module.name, type: set.type)
            }
            for rule in module.calibrationRules {
                for type in [rule.productType, rule.appliesTo] where tree.definition(named: type) == nil {
                    throw ConfigurationError.ruleForUnknownType(module: module.name, kind: rule.kind, type: type)
                }
            }
            for provider in module.classificationDescriptors {
                classification[provider.descriptor] = provider
            }
        }
        return Snapshot(modules: modules.map(\.name), typeTree: tree, definitions: definitions,
                        descriptorNames: names, providers: providers,
                        classificationProviders: classification,
                        recipeFolders: modules.flatMap { m in m.recipeFolders.map { (m.name, $0) } },
                        primitiveSets: modules.flatMap(\.primitiveSets),
                        calibrationRules: modules.flatMap(\.calibrationRules))
    }
}

public enum ConfigurationError: Error, Sendable, CustomStringConvertible {
    case providerForUnknownType(module: String, type: String)
    case undeclaredDescriptor(module: String, descriptor: String, type: String)
    case primitivesForUnknownType(module: String, type: String)
    case ruleForUnknownType(module: String, kind: String, type: String)

    public var description: String {
        switch self {
        case .providerForUnknownType(let module, let type):
            return "configuration \(module) computes descriptors for type \(type), which no module defines"
        case .undeclaredDescriptor(let module, let descriptor, let type):
            let owner = type.isEmpty ? "the base configuration" : "type \(type)"
            return "configuration \(module) computes descriptor \(descriptor) for \(owner) but no module declares it"
        case .primitivesForUnknownType(let module, let type):
            return "configuration \(module) registers primitives for type \(type), which no module defines"
        case .ruleForUnknownType(let module, let kind, let type):
            return "configuration \(module) declares the calibration rule \(kind) with type \(type), which no module defines"
        }
    }
}
