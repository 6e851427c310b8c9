@testable import AstroKit
import CAMFixture
import Foundation

/// A scratch folder of recipe files and the CAM types, for plan tests without FITS files.
struct RecipeScratch {
    let root: URL
    static let tree = try! TypeTree(BaseConfiguration().types + CAMConfiguration.typeDefinitions)

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    func remove() { try? FileManager.default.removeItem(at: root) }

    func library(extraRoots: [URL] = []) -> RecipeLibrary {
        RecipeLibrary(roots: ([root] + extraRoots).map { RecipeRoot(folder: $0, origin: "test") }, typeTree: Self.tree)
    }

    func builder(sets: [PrimitiveSet] = CAMConfiguration.primitiveSets, extraRoots: [URL] = []) -> PlanBuilder {
        PlanBuilder(library: library(extraRoots: extraRoots),
                    catalog: PrimitiveCatalog(sets: sets, typeTree: Self.tree), typeTree: Self.tree)
    }

    static let flat = InputDescription(file: "flat1.fits", leaf: "CAM_FLAT", types: ["CAM", "CAM_FLAT", "RAW"])
    static let bias = InputDescription(file: "bias1.fits", leaf: "CAM_BIAS", types: ["CAM", "CAM_BIAS", "RAW"])

    /// The error message a plan fails with.
    func failure(_ target: String?, inputs: [InputDescription] = [flat], settings: [ParameterSetting] = [],
                 sets: [PrimitiveSet] = CAMConfiguration.primitiveSets) -> String? {
        do {
            _ = try builder(sets: sets).build(target: target, inputs: inputs, settings: settings)
            return nil
        } catch {
            return error.description
        }
    }
}

extension PlanNode {
    /// The tree as `name[children]`, primitives marked with `*`.
    var outline: String {
        isRecipe ? "\(name)[\(children.map(\.outline).joined(separator: " "))]" : "\(name)*"
    }
}
