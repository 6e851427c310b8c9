/// A named transformation of the reduction context, with declared parameters.
///
/// A primitive either transforms streams (and records itself in its outputs' provenance) or
/// only measures (reports to the ledger and leaves the streams unchanged). It must leave the
/// context coherent: compute everything first, then replace the stream.
///
/// ```swift
/// struct SubtractScalar: Primitive {
///     let name = "subtractScalar"
///     let summary = "Subtract a constant level from every pixel"
///     let parameters: [ParameterDeclaration] = [.real("value", default: 0, doc: "Level in ADU")]
///     func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
///         let value = Float(try parameters.double("value"))
///         try context.transform("main") { try $0 - value }
///     }
/// }
/// ```
public protocol Primitive: Sendable {
    /// The name recipes call it by.
    var name: String { get }
    /// One line for `reduce --list`.
    var summary: String { get }
    var parameters: [ParameterDeclaration] { get }
    func run(_ context: ReductionContext, _ parameters: ParameterValues) throws
}

extension Primitive {
    public func declaration(of parameter: String) -> ParameterDeclaration? {
        parameters.first { $0.name == parameter }
    }
}

/// The primitives a type brings. A type inherits its ancestors' primitives and may override
/// them by name; AstroKit's generic primitives are the root of every set.
///
/// ```swift
/// PrimitiveSet(type: "CAM_FLAT", [NormaliseFlat(), StackFrames(operation: "median")])
/// ```
public struct PrimitiveSet: Sendable {
    /// The instrument type the set is registered for.
    public var type: String
    public var primitives: [any Primitive]

    public init(type: String, _ primitives: [any Primitive]) {
        self.type = type
        self.primitives = primitives
    }
}
