/// The declaration of a descriptor: its name, value kind, unit, scope and a one-line summary.
///
/// Declaring descriptors (rather than only computing them) lets `adinfo --all` list what a
/// dataset should offer and say which ones failed and why.
public struct DescriptorDefinition: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case double, int, string, bool, date, section, named, list
    }

    public enum Scope: String, Sendable, Hashable {
        /// One value for the whole dataset (from the primary header or sidecars).
        case dataset
        /// One value per science extension (gain, data_section...).
        case perExtension
    }

    public var name: String
    public var kind: Kind
    public var unit: Unit?
    public var scope: Scope
    public var summary: String

    public init(_ name: String, _ kind: Kind, unit: Unit? = nil, scope: Scope = .dataset,
                summary: String) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.scope = scope
        self.summary = summary
    }
}
