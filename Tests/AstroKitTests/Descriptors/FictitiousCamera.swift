@testable import AstroKit

/// A small fictitious instrument for descriptor tests: CAM > CAM_BIAS, with gains in a
/// date-versioned lookup table and a descriptor that refines its parent's value.
struct FictitiousCamera: ConfigurationModule {
    var name: String { "CAM" }

    var types: [TypeDefinition] {
        [
            TypeDefinition(name: "CAM", parent: nil, usage: "Test camera", family: .instrument,
                           requirement: .primary("INSTRUME", .equals("TESTCAM"))),
            TypeDefinition(name: "CAM_BIAS", parent: "CAM", usage: "Test camera bias", family: .instrument,
                           requirement: .primary("OBSTYPE", .equals("BIAS"))),
        ]
    }

    var descriptorDefinitions: [DescriptorDefinition] {
        [
            .init("amp_gain", .double, unit: .electronsPerADU, scope: .perExtension, summary: "Gain from the lookup table"),
            .init("shutter", .string, summary: "Shutter state"),
        ]
    }

    static let gains = DatedLookupTable<String, Double>(name: "CAM gain", versions: [
        .init(from: FITSDate.parse("2020-01-01")!, table: ["A": 2.0, "B": 2.1]),
        .init(from: FITSDate.parse("2023-06-01")!, table: ["A": 1.5, "B": 1.6]),
    ])

    var descriptorProviders: [String: [DescriptorProvider]] {
        [
            "CAM": [
                .keyword("exposure_time", ["EXPOSURE"], as: .double, unit: .second),
                DescriptorProvider("amp_gain") { (context) throws(DescriptorFailure) -> ResolvedValue in
                    guard let amp = context.header.string("AMPNAME") else { throw .missingKeyword(["AMPNAME"]) }
                    guard let date = try context.value(of: "ut_date").value.dateValue else {
                        throw .other("ut_date is not a date")
                    }
                    let gain = try Self.gains.value(for: amp, at: date)
                    return ResolvedValue(.double(gain), source: "CAM gain table")
                },
                DescriptorProvider("shutter") { (_) throws(DescriptorFailure) -> ResolvedValue in
                    ResolvedValue(.string("open"), source: "CAM default")
                },
            ],
            "CAM_BIAS": [
                // Biases refine the parent's answer: the shutter is closed whatever CAM says.
                DescriptorProvider("shutter") { (context) throws(DescriptorFailure) -> ResolvedValue in
                    let parent = try context.inherited()
                    return ResolvedValue(.string("closed (CAM says \(parent.value.text))"), source: "CAM_BIAS rule")
                },
                // Biases have no exposure: fall back to the base keyword list explicitly.
                DescriptorProvider("exposure_time") { (_) throws(DescriptorFailure) -> ResolvedValue in
                    ResolvedValue(.double(0), unit: .second, source: "bias")
                },
            ],
        ]
    }
}

enum TestData {
    static func header(_ pairs: [(String, HeaderValue)]) -> FITSHeader {
        FITSHeader(cards: pairs.map { HeaderCard(keyword: $0.0, value: $0.1) })
    }

    static func registry() throws -> ConfigurationRegistry {
        let registry = ConfigurationRegistry()
        try registry.register(FictitiousCamera())
        return registry
    }

    static func plane(_ values: [Float], width: Int) -> PixelArray<Float> {
        PixelArray(shape: [width, values.count / width], values: values)
    }
}
