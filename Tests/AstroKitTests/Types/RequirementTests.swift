import Testing
@testable import AstroKit

extension Types {
    @Suite struct RequirementTests {
        @Test func describesEveryKind() {
            #expect(Requirement.primary("INSTRUME", .equals("GMOS-N")).description
                    == "INSTRUME = 'GMOS-N' in the primary header")
            #expect(Requirement.anyExtension("EXTNAME", .matches("^ROE1_CCD[123]$")).description
                    == "EXTNAME matches /^ROE1_CCD[123]$/ in some extension")
            #expect(Requirement.everyExtension("BUNIT", .present).description == "BUNIT is present in every extension")
            #expect(Requirement.primary("PREPARE", .absent).description == "PREPARE is absent in the primary header")
            #expect(Requirement.primary("EXPTIME", .greaterThan(1.5)).description == "EXPTIME > 1.5 in the primary header")
            #expect(Requirement.primary("EXPTIME", .atMost(30)).description == "EXPTIME <= 30 in the primary header")
            #expect(Requirement.primary("EXPTIME", .equals(30, tolerance: 0.01)).description
                    == "EXPTIME = 30 ± 0.01 in the primary header")
            #expect(Requirement.primary("NCOADDS", .notEquals(1)).description == "NCOADDS != 1 in the primary header")
            #expect(Requirement.primary("PREPARED", .equals(true)).description == "PREPARED = T in the primary header")
            #expect(Requirement.primary("CCDSUM", .oneOf(["1 1", "2 2"])).description
                    == "CCDSUM is one of '1 1', '2 2' in the primary header")
            #expect(Requirement.fileName(matches: "^N2016").description == "file name matches /^N2016/")
            #expect(Requirement.extensionCount(.atLeast, 3).description == "number of extensions >= 3")
            #expect(Requirement.descriptor("testName", .equals("TWILIGHT")).description
                    == "descriptor testName = 'TWILIGHT'")
            #expect(Requirement.isType("CAM_BIAS").description == "is CAM_BIAS")
            #expect(Requirement.always.description == "always")
            #expect(Requirement.any([]).description == "never")
        }

        @Test func describesCombinationsWithParentheses() {
            let a = Requirement.primary("A", .present), b = Requirement.primary("B", .present)
            let c = Requirement.isType("C")
            #expect((a && (b || !c)).description
                    == "A is present in the primary header and (B is present in the primary header or is not C)")
            #expect((a || !b).description == "A is present in the primary header or not (B is present in the primary header)")
            #expect((!(a && b)).description
                    == "not (A is present in the primary header and B is present in the primary header)")
        }

        @Test func operatorsFlattenChains() {
            let a = Requirement.isType("A"), b = Requirement.isType("B"), c = Requirement.isType("C")
            #expect((a && b && c) == .all([a, b, c]))
            #expect((a || b || c) == .any([a, b, c]))
            #expect((a && (b || c)) == .all([a, .any([b, c])]))
            #expect(!a == .not(a))
            #expect((.always && a) == .all([.all([]), a]))  // an empty `all` is kept, not spliced away
        }

        @Test func collectsReferencesAndPatterns() {
            let r: Requirement = .isType("A") && !(.primary("X", .matches("^x")) || .fileName(matches: "\\.fits$"))
                && .descriptor("d", .matches("y")) && .isType("B")
            #expect(r.referencedTypes == ["A", "B"])
            #expect(r.patterns == ["^x", "\\.fits$", "y"])
        }
    }
}
