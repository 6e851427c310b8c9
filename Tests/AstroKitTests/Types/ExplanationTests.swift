import Testing
@testable import AstroKit

extension Types {
    @Suite struct ExplanationTests {
        @Test func rendersEveryTypeInTreeOrder() {
            let domeFlat = Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("FLAT")),
                                          ("OBJECT", .string("Dome lamp")))
            #expect(Camera.tree.explanationText(for: domeFlat) == """
                ✓ CAM (Any CAM data)
                    ✓ INSTRUME = 'CAM' in the primary header (found 'CAM')
                ✗ CAM_BIAS (CAM bias frames)
                    ✗ OBSTYPE = 'BIAS' in the primary header (found 'FLAT')
                ✓ CAM_FLAT (CAM flat fields)
                    ✓ OBSTYPE = 'FLAT' in the primary header (found 'FLAT')
                ✗ CAM_TWILIGHT_FLAT (CAM flats taken on the twilight sky)
                    ✗ any of:
                        ✗ OBJECT matches /^Twilight/ in the primary header (found 'Dome lamp')
                        ✗ descriptor testName = 'TWILIGHT' (descriptor testName is absent)
                ✓ CAM_DOME_FLAT (CAM flats taken on the dome screen)
                    ✓ not:
                        ✗ is CAM_TWILIGHT_FLAT (CAM_TWILIGHT_FLAT did not match)
                ✓ RAW (Data as the telescope wrote them)
                    ✓ not:
                        ✗ PREPARE is present in the primary header (PREPARE is absent)
                ✗ PREPARED (Data standardised by prepare)
                    ✗ PREPARE is present in the primary header (PREPARE is absent)
                ✗ PROCESSED_BIAS: parent PREPARED did not match

                """)
        }

        @Test func recordsVerdictsAndSkippedTypes() {
            let other = Camera.subject(("INSTRUME", .string("OTHER")))
            let explanations = Camera.tree.explain(other)
            #expect(explanations.map(\.name) == Camera.tree.names)
            #expect(explanations.filter(\.matched).map(\.name) == ["RAW"])
            #expect(explanations[1].outcome == .parentDidNotMatch(parent: "CAM"))
            #expect(explanations[1].renderedLines == ["✗ CAM_BIAS: parent CAM did not match"])
            #expect(explanations[0].outcome == .evaluated(ConditionResult(
                description: "INSTRUME = 'CAM' in the primary header", held: false, observed: "found 'OTHER'")))
        }

        @Test func rendersTheAdinfoExample() throws {
            let tree = try TypeTree([
                .instrument("GMOS_IMAGE", usage: "GMOS imaging data",
                            requires: .primary("INSTRUME", .equals("GMOS-N")) && .primary("GRATING", .equals("MIRROR"))),
                .instrument("F2", usage: "", requires: .primary("INSTRUME", .equals("F2"))),
                .instrument("F2_IMAGE", parent: "F2", usage: "", requires: .always),
            ])
            let subject = Camera.subject(("INSTRUME", .string("GMOS-N")), ("GRATING", .string("MIRROR")))
            #expect(TypeExplanation.render(tree.explain(subject)) == """
                ✓ GMOS_IMAGE (GMOS imaging data)
                    ✓ all of:
                        ✓ INSTRUME = 'GMOS-N' in the primary header (found 'GMOS-N')
                        ✓ GRATING = 'MIRROR' in the primary header (found 'MIRROR')
                ✗ F2
                    ✗ INSTRUME = 'F2' in the primary header (found 'GMOS-N')
                ✗ F2_IMAGE: parent F2 did not match

                """)
        }

        @Test func explainsAmbiguousDataWithoutThrowing() throws {
            let tree = try TypeTree([
                .instrument("CAM_A", usage: "", requires: .primary("INSTRUME", .present)),
                .instrument("CAM_B", usage: "", requires: .always),
            ])
            let subject = Camera.subject(("INSTRUME", .string("CAM")))
            #expect(throws: ClassificationError.self) { try tree.classify(subject) }
            #expect(tree.explain(subject).map(\.matched) == [true, true])
        }

        @Test func showsObservedValuesOfEachKind() throws {
            let subject = Camera.subject(
                ("EXPTIME", .real(30.0)), ("NCOADDS", .integer(4)), ("PREPARED", .logical(true)), ("BLANK", .undefined),
                extensions: [Camera.header(("EXTNAME", .string("SCI"))), Camera.header(("BUNIT", .string("adu")))],
                fileName: "cam.fits")
            func observed(_ r: Requirement) throws -> String? { try Camera.explained(r, subject).observed }
            #expect(try observed(.primary("EXPTIME", .greaterThan(1))) == "found 30.0")
            #expect(try observed(.primary("NCOADDS", .equals(4))) == "found 4")
            #expect(try observed(.primary("PREPARED", .equals(true))) == "found T")
            #expect(try observed(.primary("BLANK", .present)) == "found an empty value")
            #expect(try observed(.primary("AIRMASS", .lessThan(2))) == "AIRMASS is absent")
            #expect(try observed(.anyExtension("BUNIT", .present)) == "extension 2: found 'adu'")
            #expect(try observed(.anyExtension("EXTNAME", .equals("VAR"))) == "none of 2 extensions: [1] 'SCI', [2] absent")
            #expect(try observed(.everyExtension("EXTNAME", .present)) == "extension 2: EXTNAME is absent")
            #expect(try observed(.everyExtension("OBSTYPE", .absent)) == "all 2 extensions")
            #expect(try observed(.fileName(matches: "^cam")) == "file name 'cam.fits'")
            #expect(try observed(.extensionCount(.equal, 2)) == "2 extensions")
            #expect(try Camera.explained(.anyExtension("EXTNAME", .present), Camera.subject()).observed == "no extensions")
            #expect(try Camera.explained(.fileName(matches: "x"), Camera.subject()).observed == "no file name")
        }

        @Test func explainsCompositesNodeByNode() throws {
            let subject = Camera.subject(("EXPTIME", .integer(30)))
            let result = try Camera.explained(.primary("EXPTIME", .atLeast(10)) && !.primary("SHUTTER", .present), subject)
            #expect(result == ConditionResult(description: "all of:", held: true, children: [
                ConditionResult(description: "EXPTIME >= 10 in the primary header", held: true, observed: "found 30"),
                ConditionResult(description: "not:", held: true, children: [
                    ConditionResult(description: "SHUTTER is present in the primary header", held: false,
                                    observed: "SHUTTER is absent"),
                ]),
            ]))
        }
    }
}
