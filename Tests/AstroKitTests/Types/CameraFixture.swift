import Testing
@testable import AstroKit

/// Groups the type-system suites so `swift test --filter Types` runs exactly them.
@Suite enum Types {}

/// A fictitious camera, CAM, with the shape of a real instrument's types: an instrument root,
/// exposure kinds below it, a flat subtype decided partly by a derived value, and a status tree.
enum Camera {
    static let definitions: [TypeDefinition] = [
        .instrument("CAM", usage: "Any CAM data", requires: .primary("INSTRUME", .equals("CAM"))),
        .instrument("CAM_BIAS", parent: "CAM", usage: "CAM bias frames",
                    requires: .primary("OBSTYPE", .equals("BIAS"))),
        .instrument("CAM_FLAT", parent: "CAM", usage: "CAM flat fields",
                    requires: .primary("OBSTYPE", .equals("FLAT"))),
        .instrument("CAM_TWILIGHT_FLAT", parent: "CAM_FLAT", usage: "CAM flats taken on the twilight sky",
                    requires: .primary("OBJECT", .matches("^Twilight")) || .descriptor("testName", .equals("TWILIGHT"))),
        .instrument("CAM_DOME_FLAT", parent: "CAM_FLAT", usage: "CAM flats taken on the dome screen",
                    requires: !.isType("CAM_TWILIGHT_FLAT")),
        .status("RAW", usage: "Data as the telescope wrote them", requires: !.primary("PREPARE", .present)),
        .status("PREPARED", usage: "Data standardised by prepare", requires: .primary("PREPARE", .present)),
        .status("PROCESSED_BIAS", parent: "PREPARED", usage: "A combined bias",
                requires: .isType("CAM_BIAS") && .primary("PROCBIAS", .present)),
    ]

    static let tree = try! TypeTree(definitions)

    static func header(_ cards: (String, HeaderValue)...) -> FITSHeader {
        FITSHeader(cards: cards.map { HeaderCard(keyword: $0.0, value: $0.1) })
    }

    static func subject(
        _ cards: (String, HeaderValue)..., extensions: [FITSHeader] = [],
        fileName: String? = nil, descriptors: [String: HeaderValue] = [:]
    ) -> HeaderSubject {
        HeaderSubject(primary: FITSHeader(cards: cards.map { HeaderCard(keyword: $0.0, value: $0.1) }),
                      extensions: extensions, fileName: fileName, descriptors: descriptors)
    }

    /// Whether a lone requirement holds, through a one-type tree so the public path is tested.
    static func holds(_ requirement: Requirement, _ subject: HeaderSubject) throws -> Bool {
        try TypeTree([.instrument("T", usage: "", requires: requirement)]).classify(subject).contains("T")
    }

    /// The explanation of a lone requirement.
    static func explained(_ requirement: Requirement, _ subject: HeaderSubject) throws -> ConditionResult {
        let explanation = try TypeTree([.instrument("T", usage: "", requires: requirement)]).explain(subject)
        guard case .evaluated(let result) = explanation[0].outcome else { fatalError("root was skipped") }
        return result
    }
}
