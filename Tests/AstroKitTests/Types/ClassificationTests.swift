import Testing
@testable import AstroKit

extension Types {
    @Suite struct ClassificationTests {
        let tree = Camera.tree

        @Test func classifiesABiasWithItsAncestorsAndStatus() throws {
            let c = try tree.classify(Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("BIAS"))))
            #expect(c.types == ["CAM", "CAM_BIAS", "RAW"])
            #expect(c.instrumentLeaves == ["CAM_BIAS"])
            #expect(c.statusLeaves == ["RAW"])
            #expect(c.leaves == ["CAM_BIAS", "RAW"])
            #expect(c.leaf == "CAM_BIAS")
            #expect(c.contains("CAM") && !c.contains("CAM_FLAT"))
        }

        @Test func decidesFlatSubtypesByHeaderDescriptorOrExclusion() throws {
            let byObject = Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("FLAT")),
                                          ("OBJECT", .string("Twilight flat")))
            #expect(try tree.classify(byObject).leaf == "CAM_TWILIGHT_FLAT")
            let byLog = Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("FLAT")),
                                       descriptors: ["testName": .string("TWILIGHT")])
            #expect(try tree.classify(byLog).types == ["CAM", "CAM_FLAT", "CAM_TWILIGHT_FLAT", "RAW"])
            // Dome flats are the flats that are not twilight flats: isType sees the decided result.
            let dome = Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("FLAT")))
            #expect(try tree.classify(dome).types == ["CAM", "CAM_FLAT", "CAM_DOME_FLAT", "RAW"])
        }

        @Test func gatesEveryTypeOnItsParent() throws {
            // CAM_DOME_FLAT's own requirement holds here, but neither CAM nor CAM_FLAT matched.
            let other = Camera.subject(("INSTRUME", .string("OTHER")), ("OBSTYPE", .string("FLAT")))
            let c = try tree.classify(other)
            #expect(c.types == ["RAW"])
            #expect(c.leaf == nil && c.instrumentLeaves == [])
            #expect(c.statusLeaves == ["RAW"])
        }

        @Test func theInstrumentItselfIsTheLeafWhenNoModeMatches() throws {
            let c = try tree.classify(Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("DARK"))))
            #expect(c.leaf == "CAM")
        }

        @Test func statusTypesMayAskAboutInstrumentTypes() throws {
            let bias = Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("BIAS")),
                                      ("PREPARE", .string("2016-01-02T10:00:00")), ("PROCBIAS", .logical(true)))
            let c = try tree.classify(bias)
            #expect(c.types == ["CAM", "CAM_BIAS", "PREPARED", "PROCESSED_BIAS"])
            #expect(c.leaves == ["CAM_BIAS", "PROCESSED_BIAS"])
            let flat = Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("FLAT")),
                                      ("PREPARE", .string("2016-01-02T10:00:00")), ("PROCBIAS", .logical(true)))
            #expect(try tree.classify(flat).statusLeaves == ["PREPARED"])
        }

        @Test func refusesUnrelatedInstrumentLeaves() throws {
            let overlapping = try TypeTree(Camera.definitions + [
                .instrument("CAM_ZERO", parent: "CAM", usage: "", requires: .primary("OBSTYPE", .matches("BIAS|ZERO"))),
            ])
            let named = Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("BIAS")), fileName: "file.fits")
            #expect(throws: ClassificationError.ambiguous(family: .instrument, first: "CAM_BIAS", second: "CAM_ZERO",
                                                          fileName: "file.fits")) {
                try overlapping.classify(named)
            }
            let error = ClassificationError.ambiguous(family: .instrument, first: "CAM_BIAS", second: "CAM_ZERO",
                                                      fileName: "file.fits")
            #expect(error.description
                    == "file.fits is both CAM_BIAS and CAM_ZERO, two unrelated types; make one requirement exclude the other")
            // A zero that is not a bias is fine.
            let zero = Camera.subject(("INSTRUME", .string("CAM")), ("OBSTYPE", .string("ZERO")))
            #expect(try overlapping.classify(zero).leaf == "CAM_ZERO")
        }

        @Test func refusesUnrelatedStatusLeaves() {
            let tree = try! TypeTree([
                .status("RAW", usage: "", requires: .always),
                .status("PREPARED", usage: "", requires: .primary("PREPARE", .present)),
            ])
            do {
                _ = try tree.classify(Camera.subject(("PREPARE", .logical(true))))
                Issue.record("expected an ambiguity")
            } catch {
                #expect(error == .ambiguous(family: .status, first: "RAW", second: "PREPARED", fileName: nil))
                #expect(error.description
                        == "The data are both RAW and PREPARED, two unrelated types; make one requirement exclude the other")
            }
        }

        /// Counts derived-value look-ups, to see how often requirements are evaluated.
        final class CountingSubject: ClassificationSubject {
            let primaryHeader: FITSHeader
            let extensionHeaders: [FITSHeader] = []
            let fileName: String? = nil
            var lookups = 0
            init(_ primary: FITSHeader) { primaryHeader = primary }
            func descriptorValue(_ name: String) -> HeaderValue? {
                lookups += 1
                return .string("TWILIGHT")
            }
        }

        @Test func evaluatesEachTypeAtMostOnceAndSkipsUnmatchedBranches() throws {
            let tree = try TypeTree([
                .instrument("CAM", usage: "", requires: .primary("INSTRUME", .equals("CAM"))),
                .instrument("CAM_TWILIGHT", parent: "CAM", usage: "", requires: .descriptor("testName", .equals("TWILIGHT"))),
                .instrument("CAM_SKY", parent: "CAM_TWILIGHT", usage: "", requires: .isType("CAM_TWILIGHT")),
                .status("RAW", usage: "", requires: .isType("CAM_TWILIGHT") || .isType("CAM_SKY")),
            ])
            let cam = CountingSubject(Camera.header(("INSTRUME", .string("CAM"))))
            #expect(try tree.classify(cam).types == ["CAM", "CAM_TWILIGHT", "CAM_SKY", "RAW"])
            #expect(cam.lookups == 1)
            let other = CountingSubject(Camera.header(("INSTRUME", .string("OTHER"))))
            #expect(try tree.classify(other).types == [])
            #expect(other.lookups == 0)
        }
    }
}
