import Testing
@testable import AstroKit

extension Types {
    @Suite struct TypeTreeTests {
        let tree = Camera.tree

        @Test func navigatesTheTree() {
            #expect(tree.names == ["CAM", "CAM_BIAS", "CAM_FLAT", "CAM_TWILIGHT_FLAT", "CAM_DOME_FLAT",
                                   "RAW", "PREPARED", "PROCESSED_BIAS"])
            #expect(tree.parent(of: "CAM_TWILIGHT_FLAT") == "CAM_FLAT")
            #expect(tree.parent(of: "CAM") == nil)
            #expect(tree.ancestors(of: "CAM_TWILIGHT_FLAT") == ["CAM_FLAT", "CAM"])
            #expect(tree.ancestors(of: "RAW") == [])
            #expect(tree.children(of: "CAM") == ["CAM_BIAS", "CAM_FLAT"])
            #expect(tree.children(of: "CAM_BIAS") == [])
            #expect(tree.isDescendant("CAM_TWILIGHT_FLAT", of: "CAM"))
            #expect(!tree.isDescendant("CAM", of: "CAM"))
            #expect(!tree.isDescendant("CAM_BIAS", of: "CAM_FLAT"))
            #expect(tree.depth(of: "CAM") == 0 && tree.depth(of: "CAM_DOME_FLAT") == 2)
            #expect(tree.depth(of: "NOPE") == nil)
            #expect(tree.roots(of: .status) == ["RAW", "PREPARED"])
            #expect(tree["CAM_BIAS"]?.usage == "CAM bias frames")
            #expect(tree.definition(named: "PREPARED")?.family == .status)
        }

        @Test func listsChildrenBeforeLaterRootsWhateverTheDefinitionOrder() throws {
            let shuffled = try TypeTree([
                .instrument("B_CHILD", parent: "B", usage: "", requires: .always),
                .instrument("A", usage: "", requires: .always),
                .instrument("B", usage: "", requires: .always),
                .instrument("A_CHILD", parent: "A", usage: "", requires: .always),
            ])
            #expect(shuffled.names == ["A", "A_CHILD", "B", "B_CHILD"])
        }

        @Test func buildsFromADeclarationBlock() throws {
            let withEngineering = true
            let tree = try TypeTree {
                TypeDefinition.instrument("CAM", usage: "Any CAM data", requires: .primary("INSTRUME", .equals("CAM")))
                if withEngineering {
                    TypeDefinition.instrument("CAM_ENG", parent: "CAM", usage: "Engineering", requires: .always)
                }
                Camera.definitions.filter { $0.family == .status && $0.name != "PROCESSED_BIAS" }
            }
            #expect(tree.names == ["CAM", "CAM_ENG", "RAW", "PREPARED"])
        }

        /// The error a list of definitions produces, as its message.
        func failure(_ definitions: [TypeDefinition]) -> String? {
            do { _ = try TypeTree(definitions); return nil } catch { return error.description }
        }

        @Test func reportsDuplicateNames() {
            #expect(failure(Camera.definitions + [.instrument("CAM_BIAS", parent: "CAM", usage: "", requires: .always)])
                    == "Type CAM_BIAS is defined more than once; type names must be unique.")
        }

        @Test func reportsUnknownParents() {
            #expect(failure([.instrument("CAM_BIAS", parent: "CAMERA", usage: "", requires: .always)])
                    == "Type CAM_BIAS names parent CAMERA, which is not defined.")
        }

        @Test func reportsParentsOfTheOtherFamily() {
            #expect(failure(Camera.definitions + [.status("PROCESSED_FLAT", parent: "CAM_FLAT", usage: "", requires: .always)])
                    == "Type PROCESSED_FLAT is a status type but its parent CAM_FLAT is an instrument type;"
                    + " a parent must be of the same family.")
        }

        @Test func reportsParentCycles() {
            #expect(failure([
                .instrument("ROOT", usage: "", requires: .always),
                .instrument("A", parent: "B", usage: "", requires: .always),
                .instrument("B", parent: "A", usage: "", requires: .always),
            ]) == "Type A is its own ancestor (A → B → A); a chain of parents must end at a root type.")
            #expect(failure([.instrument("SELF", parent: "SELF", usage: "", requires: .always)])
                    == "Type SELF is its own ancestor (SELF → SELF); a chain of parents must end at a root type.")
        }

        @Test func reportsUnknownTypeReferences() {
            #expect(failure(Camera.definitions + [
                .instrument("CAM_SKY", parent: "CAM", usage: "", requires: !.isType("CAM_TWILIGHT_FLT")),
            ]) == "Type CAM_SKY requires isType(\"CAM_TWILIGHT_FLT\"), but no type CAM_TWILIGHT_FLT is defined.")
        }

        @Test func reportsIsTypeCycles() {
            #expect(failure([
                .instrument("A", usage: "", requires: .isType("B")),
                .instrument("B", usage: "", requires: .isType("A")),
            ]) == "Type A depends on its own result through isType (A → B → A); no order of evaluation can decide it.")
            // A type asking about its own descendant depends on itself through the child's parent link.
            #expect(failure([
                .instrument("CAM", usage: "", requires: !.isType("CAM_BIAS")),
                .instrument("CAM_BIAS", parent: "CAM", usage: "", requires: .always),
            ]) == "Type CAM depends on its own result through isType (CAM → CAM_BIAS → CAM);"
                + " no order of evaluation can decide it.")
        }

        @Test func reportsInvalidRegularExpressionsWhenBuilt() throws {
            let error = #expect(throws: TypeTreeError.self) {
                try TypeTree(Camera.definitions + [
                    .instrument("CAM_ODD", parent: "CAM", usage: "", requires: .anyExtension("EXTNAME", .matches("ROE[12"))),
                ])
            }
            guard case .invalidPattern(let type, let pattern, let reason) = try #require(error) else {
                Issue.record("expected an invalid pattern, got \(String(describing: error))")
                return
            }
            #expect(type == "CAM_ODD" && pattern == "ROE[12" && !reason.isEmpty)
            #expect(error?.description == "Type CAM_ODD has an invalid regular expression /ROE[12/: \(reason)")
        }
    }
}
