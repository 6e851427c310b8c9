/// The two separate trees of types: what the data are, and how far they have been processed.
public enum TypeFamily: String, Sendable, Hashable, CaseIterable {
    /// Typology: instrument, then observing mode, then kind of exposure (e.g. GMOS > GMOS_IMAGE).
    case instrument
    /// Processing status (e.g. RAW, PREPARED > PROCESSED_BIAS).
    case status
}

/// One named type: where it sits in its tree, what it is for, and what data must satisfy.
///
/// A type matches when its parent matched and its own requirement holds, so a requirement
/// only says what distinguishes the type from its parent.
///
/// ```swift
/// let bias = TypeDefinition.instrument("CAM_BIAS", parent: "CAM", usage: "CAM bias frames",
///                                      requires: .primary("OBSTYPE", .equals("BIAS")))
/// ```
public struct TypeDefinition: Sendable, Hashable {
    public var name: String
    public var parent: String?
    /// One line telling a person what the type is for.
    public var usage: String
    public var family: TypeFamily
    public var requirement: Requirement

    public init(name: String, parent: String?, usage: String, family: TypeFamily, requirement: Requirement) {
        self.name = name
        self.parent = parent
        self.usage = usage
        self.family = family
        self.requirement = requirement
    }

    /// An instrument, mode or exposure type.
    public static func instrument(
        _ name: String, parent: String? = nil, usage: String, requires requirement: Requirement
    ) -> TypeDefinition {
        TypeDefinition(name: name, parent: parent, usage: usage, family: .instrument, requirement: requirement)
    }

    /// A processing-status type.
    public static func status(
        _ name: String, parent: String? = nil, usage: String, requires requirement: Requirement
    ) -> TypeDefinition {
        TypeDefinition(name: name, parent: parent, usage: usage, family: .status, requirement: requirement)
    }
}

/// Lets a configuration module list its types as a block of declarations:
///
/// ```swift
/// let tree = try TypeTree {
///     TypeDefinition.instrument("CAM", usage: "Any CAM data", requires: .primary("INSTRUME", .equals("CAM")))
///     if includeEngineering { engineeringTypes }
/// }
/// ```
@resultBuilder
public enum TypeListBuilder {
    public static func buildExpression(_ definition: TypeDefinition) -> [TypeDefinition] { [definition] }
    public static func buildExpression(_ definitions: [TypeDefinition]) -> [TypeDefinition] { definitions }
    public static func buildBlock(_ parts: [TypeDefinition]...) -> [TypeDefinition] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [TypeDefinition]?) -> [TypeDefinition] { part ?? [] }
    public static func buildEither(first part: [TypeDefinition]) -> [TypeDefinition] { part }
    public static func buildEither(second part: [TypeDefinition]) -> [TypeDefinition] { part }
    public static func buildArray(_ parts: [[TypeDefinition]]) -> [TypeDefinition] { parts.flatMap { $0 } }
}
