import Foundation

/// A folder searched for recipes, and why it is on the search path.
public struct RecipeRoot: Sendable, Hashable {
    public var folder: URL
    /// "--recipe-path", "ASTROKIT_RECIPE_PATH" or "module CAM".
    public var origin: String

    public init(folder: URL, origin: String) {
        self.folder = folder
        self.origin = origin
    }

    /// The search path in order: `--recipe-path` options, then `ASTROKIT_RECIPE_PATH`
    /// (colon-separated), then the folders the configuration modules register.
    public static func searchPath(options: [String], environment: String?,
                                  modules: [(module: String, folder: URL)]) -> [RecipeRoot] {
        var roots = options.map { RecipeRoot(folder: URL(fileURLWithPath: $0), origin: "--recipe-path") }
        for part in (environment ?? "").split(separator: ":") where !part.isEmpty {
            roots.append(RecipeRoot(folder: URL(fileURLWithPath: String(part)), origin: "ASTROKIT_RECIPE_PATH"))
        }
        roots += modules.map { RecipeRoot(folder: $0.folder, origin: "module \($0.module)") }
        return roots
    }
}

/// Every `.recipe` file on a search path, with the types each is for.
///
/// A recipe is for the types of its `# types:` line, else for the type its nearest folder is
/// named after (`recipes/CAM_FLAT/makeFlat.recipe` is for CAM_FLAT), else for any data.
/// For a name, the first root holding a candidate decides (so `--recipe-path` overrides a
/// module's recipes); within it the most specific type wins, and two equally specific
/// candidates are an error naming both.
///
/// ```swift
/// let library = RecipeLibrary(roots: RecipeRoot.searchPath(options: ["my-recipes"], environment: nil,
///                                                           modules: snapshot.recipeFolders),
///                             typeTree: snapshot.typeTree)
/// let recipe = try library.resolve("makeFlat", types: ["CAM", "CAM_FLAT", "RAW"])
/// ```
public struct RecipeLibrary: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var file: String
        public var rootIndex: Int
        /// Types the recipe is for (empty: any data).
        public var types: [String]
        /// Parsed text, or why it cannot be used.
        public var parsed: Result<Recipe, PlanError>
    }

    public let roots: [RecipeRoot]
    public let entries: [Entry]
    let typeTree: TypeTree

    public init(roots: [RecipeRoot], typeTree: TypeTree) {
        self.roots = roots
        self.typeTree = typeTree
        var entries: [Entry] = []
        for (index, root) in roots.enumerated() {
            for url in Self.recipeFiles(under: root.folder) {
                entries.append(Self.entry(url, root: root.folder, rootIndex: index, typeTree: typeTree))
            }
        }
        self.entries = entries
    }

    static func recipeFiles(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where url.pathExtension == "recipe" { files.append(url) }
        return files.sorted { $0.path < $1.path }
    }

    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }

    static func entry(_ url: URL, root: URL, rootIndex: Int, typeTree: TypeTree) -> Entry {
        let name = url.deletingPathExtension().lastPathComponent
        let file = displayPath(url)
        let failed = { (error: PlanError) in Entry(name: name, file: file, rootIndex: rootIndex, types: [], parsed: .failure(error)) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return failed(.syntax(RecipeSyntaxError(location: SourceLocation(file: file, line: 1, column: 1),
                                                    message: "cannot read the recipe file", lineText: "")))
        }
        let recipe: Recipe
        do {
            recipe = try RecipeParser.parse(String(decoding: data, as: UTF8.self), name: name, file: file)
        } catch {
            return failed(.syntax(error))
        }
        for type in recipe.declaredTypes where typeTree[type] == nil {
            return failed(.unknownTypeInHeader(file: file, type: type, suggestion: Suggestion.closest(to: type, in: typeTree.names)))
        }
        var types = recipe.declaredTypes
        if types.isEmpty {
            var folder = url.deletingLastPathComponent().standardizedFileURL
            let top = root.standardizedFileURL.deletingLastPathComponent().path
            while folder.path.count > top.count, folder.path != "/" {
                if typeTree[folder.lastPathComponent] != nil { types = [folder.lastPathComponent]; break }
                folder = folder.deletingLastPathComponent()
            }
        }
        return Entry(name: name, file: file, rootIndex: rootIndex, types: types, parsed: .success(recipe))
    }

    /// How specific an entry is for data of these types: the depth of its deepest matching
    /// type, -1 for a recipe for any data, nil when it does not apply.
    func level(of entry: Entry, types: Set<String>) -> Int? {
        if entry.types.isEmpty { return -1 }
        let depths = entry.types.filter(types.contains).compactMap { typeTree.depth(of: $0) }
        return depths.max()
    }

    /// The recipe `name` for data of these types, or nil when there is none.
    public func resolve(_ name: String, types: Set<String>) throws(PlanError) -> (recipe: Recipe, level: Int)? {
        try best(entries.filter { $0.name == name }, types: types, name: name)
    }

    /// The default recipe (marked `# default: true`) for data of these types.
    public func defaultRecipe(types: Set<String>) throws(PlanError) -> Recipe? {
        let marked = entries.filter { entry in
            if case .success(let recipe) = entry.parsed { return recipe.isDefault }
            return false
        }
        return try best(marked, types: types, name: "default")?.recipe
    }

    /// Every usable recipe for data of these types, one per name, as `resolve` would pick it.
    public func available(types: Set<String>) -> [Recipe] {
        let names = Set(entries.map(\.name)).sorted()
        return names.compactMap { try? resolve($0, types: types)?.recipe }
    }

    public var names: [String] { Array(Set(entries.map(\.name))).sorted() }

    private func best(_ candidates: [Entry], types: Set<String>, name: String) throws(PlanError) -> (recipe: Recipe, level: Int)? {
        let applicable = candidates.compactMap { entry in level(of: entry, types: types).map { (entry, $0) } }
        guard let root = applicable.map(\.0.rootIndex).min() else { return nil }
        let inRoot = applicable.filter { $0.0.rootIndex == root }
        let top = inRoot.map(\.1).max()!
        let winners = inRoot.filter { $0.1 == top }
        if winners.count > 1 {
            func typeText(_ e: Entry) -> String {
                let matching = e.types.filter(types.contains)
                return matching.isEmpty ? "any data" : matching.joined(separator: ", ")
            }
            let (a, b) = (winners[0].0, winners[1].0)
            throw .tie(name: name, first: a.file, firstType: typeText(a), second: b.file, secondType: typeText(b))
        }
        let winner = winners[0].0
        switch winner.parsed {
        case .success(let recipe): return (recipe, top)
        case .failure(let error): throw error
        }
    }
}
