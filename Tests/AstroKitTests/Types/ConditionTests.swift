import Testing
@testable import AstroKit

extension Types {
@Suite struct ConditionTests {
    let gmos = Camera.subject(("INSTRUME", .string("GMOS-N  ")), ("EXPTIME", .real(30.0)),
                              ("NCOADDS", .integer(4)), ("OBJECT", .string("Twilight sky")),
                              ("PREPARED", .logical(true)), ("CCDSUM", .string("2 2")))

    @Test func stringEqualityIgnoresTrailingBlanksButNotCase() throws {
        #expect(try Camera.holds(.primary("INSTRUME", .equals("GMOS-N")), gmos))
        #expect(try Camera.holds(.primary("instrume", .equals("GMOS-N")), gmos))  // keyword case-insensitive
        #expect(try !Camera.holds(.primary("INSTRUME", .equals("gmos-n")), gmos))
        #expect(try !Camera.holds(.primary("INSTRUME", .equals(" GMOS-N")), gmos))
        #expect(try Camera.holds(.primary("NCOADDS", .equals("4")), gmos))  // numbers by header text
    }

    @Test func logicalEquality() throws {
        #expect(try Camera.holds(.primary("PREPARED", .equals(true)), gmos))
        #expect(try !Camera.holds(.primary("PREPARED", .equals(false)), gmos))
        #expect(try !Camera.holds(.primary("INSTRUME", .equals(true)), gmos))
    }

    @Test func numericComparisonsOnIntegersAndReals() throws {
        #expect(try Camera.holds(.primary("EXPTIME", .equals(30)), gmos))
        #expect(try Camera.holds(.primary("NCOADDS", .equals(4.0)), gmos))
        #expect(try Camera.holds(.primary("EXPTIME", .greaterThan(29.9)), gmos))
        #expect(try !Camera.holds(.primary("EXPTIME", .greaterThan(30)), gmos))
        #expect(try Camera.holds(.primary("EXPTIME", .atLeast(30)), gmos))
        #expect(try Camera.holds(.primary("NCOADDS", .lessThan(5)), gmos))
        #expect(try Camera.holds(.primary("NCOADDS", .atMost(4)), gmos))
        #expect(try !Camera.holds(.primary("NCOADDS", .atMost(3.5)), gmos))
        #expect(try Camera.holds(.primary("NCOADDS", .notEquals(3)), gmos))
        #expect(try !Camera.holds(.primary("EXPTIME", .equals(30.4)), gmos))
        #expect(try Camera.holds(.primary("EXPTIME", .equals(30.4, tolerance: 0.5)), gmos))
        #expect(try !Camera.holds(.primary("EXPTIME", .notEquals(30.4, tolerance: 0.5)), gmos))
        // Text and absent values are not numbers, whatever the comparison.
        #expect(try !Camera.holds(.primary("INSTRUME", .notEquals(1)), gmos))
        #expect(try !Camera.holds(.primary("AIRMASS", .lessThan(100)), gmos))
    }

    @Test func regularExpressionOnValueText() throws {
        #expect(try Camera.holds(.primary("OBJECT", .matches("^Twi")), gmos))
        #expect(try Camera.holds(.primary("OBJECT", .matches("sky")), gmos))  // unanchored search
        #expect(try !Camera.holds(.primary("OBJECT", .matches("^sky")), gmos))
        #expect(try Camera.holds(.primary("INSTRUME", .matches("^GMOS-[NS]$")), gmos))  // padding trimmed
        #expect(try Camera.holds(.primary("EXPTIME", .matches("^30\\.0$")), gmos))
        #expect(try !Camera.holds(.primary("AIRMASS", .matches(".*")), gmos))
    }

    @Test func presenceAbsenceAndOneOf() throws {
        #expect(try Camera.holds(.primary("EXPTIME", .present), gmos))
        #expect(try !Camera.holds(.primary("AIRMASS", .present), gmos))
        #expect(try Camera.holds(.primary("AIRMASS", .absent), gmos))
        #expect(try !Camera.holds(.primary("EXPTIME", .absent), gmos))
        #expect(try Camera.holds(.primary("CCDSUM", .oneOf(["1 1", "2 2"])), gmos))
        #expect(try Camera.holds(.primary("NCOADDS", .oneOf(["2", "4.0"])), gmos))  // numerically
        #expect(try !Camera.holds(.primary("CCDSUM", .oneOf(["1 1", "4 4"])), gmos))
        #expect(try !Camera.holds(.primary("AIRMASS", .oneOf(["1"])), gmos))
    }

    @Test func extensionScopes() throws {
        let ccds = ["ROE1_CCD1", "ROE1_CCD2", "ROE1_CCD3"].map { Camera.header(("EXTNAME", .string($0))) }
        let mixed = Camera.subject(extensions: ccds + [Camera.header(("EXTNAME", .string("MDF")))])
        let pure = Camera.subject(extensions: ccds)
        let none = Camera.subject(("EXTNAME", .string("ROE1_CCD1")))
        let anyCCD = Requirement.anyExtension("EXTNAME", .matches("^ROE1_CCD[123]$"))
        let everyCCD = Requirement.everyExtension("EXTNAME", .matches("^ROE1_CCD[123]$"))
        #expect(try Camera.holds(anyCCD, mixed) && Camera.holds(anyCCD, pure))
        #expect(try !Camera.holds(everyCCD, mixed) && Camera.holds(everyCCD, pure))
        // With no extensions, neither scope holds, and the primary header is not looked at.
        #expect(try !Camera.holds(anyCCD, none) && !Camera.holds(everyCCD, none))
        #expect(try Camera.holds(.anyExtension("EXTNAME", .equals("MDF")), mixed))
        #expect(try !Camera.holds(.primary("EXTNAME", .present), mixed))
    }

    @Test func fileNameExtensionCountAndDescriptor() throws {
        let named = Camera.subject(extensions: [FITSHeader(), FITSHeader()], fileName: "S20160102S0010.fits",
                                   descriptors: ["testName": .string("TWILIGHT")])
        #expect(try Camera.holds(.fileName(matches: "^S\\d{8}S\\d{4}\\.fits$"), named))
        #expect(try !Camera.holds(.fileName(matches: "^N"), named))
        #expect(try !Camera.holds(.fileName(matches: ".*"), Camera.subject()))
        #expect(try Camera.holds(.extensionCount(.equal, 2), named))
        #expect(try Camera.holds(.extensionCount(.atLeast, 1), named))
        #expect(try !Camera.holds(.extensionCount(.greaterThan, 2), named))
        #expect(try Camera.holds(.descriptor("testName", .equals("TWILIGHT")), named))
        #expect(try !Camera.holds(.descriptor("testName", .equals("DOME")), named))
        #expect(try Camera.holds(.descriptor("filter", .absent), named))
    }

    @Test func descriptorDefaultsToAbsent() {
        struct Bare: ClassificationSubject {
            var primaryHeader = FITSHeader()
            var extensionHeaders: [FITSHeader] = []
            var fileName: String? = nil
        }
        #expect(Bare().descriptorValue("testName") == nil)
    }

    @Test func booleanCombinations() throws {
        let exptime = Requirement.primary("EXPTIME", .equals(30))
        let missing = Requirement.primary("AIRMASS", .present)
        #expect(try Camera.holds(exptime && !missing, gmos))
        #expect(try !Camera.holds(exptime && missing, gmos))
        #expect(try Camera.holds(missing || exptime, gmos))
        #expect(try !Camera.holds(missing || !exptime, gmos))
        #expect(try Camera.holds(.always, gmos))
        #expect(try !Camera.holds(.any([]), gmos))
    }
}
}
