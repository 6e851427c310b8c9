import AstroKit

/// What `--list` and `--show` print.
enum Listing {
    static func list(library: RecipeLibrary, set: ResolvedPrimitiveSet, types: Set<String>, typeText: String) -> String {
        var out = "Recipes for \(typeText) data:\n"
        let recipes = library.available(types: types)
        out += recipes.isEmpty ? "  (none)\n" : TextTable.render(
            header: ["name", "summary", "file"],
            rows: recipes.map { [$0.name + ($0.isDefault ? " (default)" : ""), $0.summary, $0.file] }, indent: 2)
        out += "Primitives (\(set.description)):\n"
        out += TextTable.render(header: ["name", "from", "summary"], rows: set.names.map { name in
            let member = set.members[name]!
            return [name, member.type ?? "generic", member.primitive.summary]
        }, indent: 2)
        return out
    }

    static func show(_ name: String, library: RecipeLibrary, set: ResolvedPrimitiveSet, types: Set<String>) throws -> String {
        if let member = set.members[name] {
            let primitive = member.primitive
            var out = "\(primitive.name) (primitive of \(member.type ?? "AstroKit, generic")): \(primitive.summary)\n"
            if primitive.parameters.isEmpty { return out + "  no parameters\n" }
            out += TextTable.render(header: ["parameter", "type", "default", "allowed", "description"],
                                    rows: primitive.parameters.map {
                                        [$0.name, $0.kind.description, $0.defaultValue.description,
                                         $0.allowedText.isEmpty ? "-" : $0.allowedText, $0.doc]
                                    }, indent: 2)
            return out
        }
        if let recipe = try library.resolve(name, types: types)?.recipe {
            return "# \(recipe.file)\n" + recipe.text + (recipe.text.hasSuffix("\n") ? "" : "\n")
        }
        let hint = Suggestion.closest(to: name, in: library.names + set.names).map { "; did you mean '\($0)'?" } ?? ""
        throw UsageError("'\(name)' is neither a recipe nor a primitive for these data\(hint)")
    }
}
