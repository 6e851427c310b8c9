import Foundation

/// A parsed recipe file: its name (the file name without `.recipe`), the types it declares in
/// its header, whether it is their default recipe, its one-line summary and its steps.
///
/// ```text
/// # Make a master flat from raw CAM flats.
/// # types: CAM_FLAT
/// # default: true
/// prepare
/// subtractScalar(value=100)
/// stackFrames(operation=mean)
/// ```
public struct Recipe: Sendable, Hashable {
    public var name: String
    /// The file as the user should see it (the path it was found at).
    public var file: String
    /// Types from a `# types:` header line (empty when the recipe declares none).
    public var declaredTypes: [String]
    /// True when a `# default: true` header line makes it the default recipe of its types.
    public var isDefault: Bool
    /// The first comment line that is not a header directive.
    public var summary: String
    public var steps: [RecipeStep]
    /// The text of the file, for `reduce --show`.
    public var text: String
}

/// One line of a recipe: a primitive or recipe name with its arguments.
public struct RecipeStep: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var arguments: [RecipeArgument]
    /// The text of the line, without its comment.
    public var text: String
}

/// `name=value` inside a step's parentheses.
public struct RecipeArgument: Sendable, Hashable {
    public var name: String
    public var value: RecipeValue
    /// Where the argument's name starts.
    public var location: SourceLocation
    /// Where its value starts.
    public var valueLocation: SourceLocation
}
