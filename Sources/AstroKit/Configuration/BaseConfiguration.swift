import Foundation

/// The configuration every dataset gets: processing-status types and descriptors that follow
/// community FITS conventions (INSTRUME, EXPTIME, DATE-OBS, GAIN, DATASEC, BIASSEC...), so
/// `adinfo` says something useful about any FITS file. Instrument modules refine these per type.
public struct BaseConfiguration: ConfigurationModule {
    public init() {}

    public var name: String { "base" }

    /// Status types. AstroKit marks prepared data with PREPARE and products with PROCTYPE.
    public var types: [TypeDefinition] {
        let prepared = Requirement.primary("PREPARE", .present) || .primary("PROCTYPE", .present)
        var list = [
            TypeDefinition(name: "RAW", parent: nil, usage: "Data as the instrument wrote them",
                           family: .status, requirement: !.isType("PREPARED")),
            TypeDefinition(name: "PREPARED", parent: nil, usage: "Data prepared by a reduction (PREPARE or PROCTYPE set)",
                           family: .status, requirement: prepared),
            TypeDefinition(name: "PROCESSED", parent: "PREPARED", usage: "A processed product (PROCTYPE set)",
                           family: .status, requirement: .primary("PROCTYPE", .present)),
        ]
        for (kind, usage) in [("BIAS", "master bias"), ("DARK", "master dark"), ("FLAT", "master flat"),
                              ("MASK", "defect mask"), ("TABLE", "table of measurements")] {
            list.append(TypeDefinition(name: "PROCESSED_\(kind)", parent: "PROCESSED", usage: "A processed \(usage)",
                                       family: .status, requirement: .primary("PROCTYPE", .equals(kind))))
        }
        return list
    }

    public var descriptorDefinitions: [DescriptorDefinition] { BaseDescriptors.definitions }

    public var descriptorProviders: [String: [DescriptorProvider]] { ["": BaseDescriptors.providers] }
}

enum BaseDescriptors {
    static let definitions: [DescriptorDefinition] = [
        .init("instrument", .string, summary: "Instrument name (INSTRUME)"),
        .init("telescope", .string, summary: "Telescope name (TELESCOP)"),
        .init("observatory", .string, summary: "Observatory (OBSERVAT)"),
        .init("object", .string, summary: "Target name (OBJECT)"),
        .init("observer", .string, summary: "Observer (OBSERVER)"),
        .init("detector_name", .string, summary: "Detector name (DETECTOR)"),
        .init("exposure_time", .double, unit: .second, summary: "Exposure time (EXPTIME, EXPOSURE or ITIME)"),
        .init("ut_date", .date, summary: "UT date of the observation (DATE-OBS)"),
        .init("ut_datetime", .date, summary: "UT date and time of the start of the observation (DATE-OBS with TIME-OBS/UT)"),
        .init("mjd", .double, unit: .day, summary: "Modified Julian date of the observation (MJD-OBS)"),
        .init("filter_name", .string, summary: "Filter (FILTER, FILTNAME or FILTER1)"),
        .init("ra", .double, unit: .degree, summary: "Right ascension of the pointing (RA)"),
        .init("dec", .double, unit: .degree, summary: "Declination of the pointing (DEC)"),
        .init("airmass", .double, summary: "Airmass (AIRMASS)"),
        .init("binning", .string, summary: "Detector binning, x then y (CCDSUM)"),
        .init("gain", .double, unit: .electronsPerADU, scope: .perExtension, summary: "Conversion gain (GAIN or EGAIN)"),
        .init("read_noise", .double, unit: .electron, scope: .perExtension, summary: "Read noise (RDNOISE, READNOIS or RON)"),
        .init("saturation_level", .double, unit: .adu, scope: .perExtension, summary: "Saturation level (SATURATE or SATLEVEL)"),
        .init("data_section", .section, scope: .perExtension, summary: "Illuminated data region (DATASEC)"),
        .init("overscan_section", .section, scope: .perExtension, summary: "Overscan region (BIASSEC)"),
        .init("detector_section", .section, scope: .perExtension, summary: "Region of the detector mosaic (DETSEC)"),
        .init("array_section", .section, scope: .perExtension, summary: "Region of the CCD (CCDSEC)"),
        .init("amplifier_name", .string, scope: .perExtension, summary: "Readout amplifier (AMPNAME)"),
        .init("pixel_unit", .string, scope: .perExtension, summary: "Unit of the pixel values (BUNIT)"),
        .init("data_shape", .string, scope: .perExtension, summary: "Axis lengths of the pixel data, NAXIS1 x NAXIS2 ..."),
    ]

    static let providers: [DescriptorProvider] = [
        .keyword("instrument", ["INSTRUME"], as: .string),
        .keyword("telescope", ["TELESCOP"], as: .string),
        .keyword("observatory", ["OBSERVAT"], as: .string),
        .keyword("object", ["OBJECT"], as: .string),
        .keyword("observer", ["OBSERVER"], as: .string),
        .keyword("detector_name", ["DETECTOR"], as: .string),
        .keyword("exposure_time", ["EXPTIME", "EXPOSURE", "ITIME"], as: .double),
        .keyword("mjd", ["MJD-OBS"], as: .double),
        .keyword("filter_name", ["FILTER", "FILTNAME", "FILTER1"], as: .string),
        .keyword("airmass", ["AIRMASS"], as: .double),
        .keyword("binning", ["CCDSUM"], as: .string),
        .keyword("gain", ["GAIN", "EGAIN"], as: .double),
        .keyword("read_noise", ["RDNOISE", "READNOIS", "RON"], as: .double),
        .keyword("saturation_level", ["SATURATE", "SATLEVEL"], as: .double),
        .keyword("data_section", ["DATASEC"], as: .section, fallbackToPrimary: false),
        .keyword("overscan_section", ["BIASSEC"], as: .section, fallbackToPrimary: false),
        .keyword("detector_section", ["DETSEC"], as: .section, fallbackToPrimary: false),
        .keyword("array_section", ["CCDSEC"], as: .section, fallbackToPrimary: false),
        .keyword("amplifier_name", ["AMPNAME"], as: .string, fallbackToPrimary: false),
        .keyword("pixel_unit", ["BUNIT"], as: .string),
        DescriptorProvider("ut_date") { (context) throws(DescriptorFailure) -> ResolvedValue in
            guard let raw = context.primaryHeader["DATE-OBS"] else { throw .missingKeyword(["DATE-OBS"]) }
            let text = raw.description
            guard let date = FITSDate.parse(String(text.prefix(10))) else {
                throw .badValue(keyword: "DATE-OBS", value: text, expected: "a FITS date")
            }
            return ResolvedValue(.date(date), source: "primary header DATE-OBS")
        },
        DescriptorProvider("ut_datetime") { (context) throws(DescriptorFailure) -> ResolvedValue in
            let header = context.primaryHeader
            guard let raw = header["DATE-OBS"] else { throw .missingKeyword(["DATE-OBS"]) }
            let text = raw.description
            if text.contains("T"), let date = FITSDate.parse(text) {
                return ResolvedValue(.date(date), source: "primary header DATE-OBS")
            }
            for key in ["TIME-OBS", "UT", "UTSTART"] {
                if let time = header.string(key), let date = FITSDate.parse(date: text, time: time) {
                    return ResolvedValue(.date(date), source: "primary header DATE-OBS and \(key)")
                }
            }
            throw .other("DATE-OBS ('\(text)') has no time of day and none of TIME-OBS, UT, UTSTART holds one")
        },
        DescriptorProvider("ra") { (context) throws(DescriptorFailure) -> ResolvedValue in
            try angle(context.primaryHeader, keyword: "RA", hoursIfSexagesimal: true)
        },
        DescriptorProvider("dec") { (context) throws(DescriptorFailure) -> ResolvedValue in
            try angle(context.primaryHeader, keyword: "DEC", hoursIfSexagesimal: false)
        },
        DescriptorProvider("data_shape") { (context) throws(DescriptorFailure) -> ResolvedValue in
            let shape = context.dataset.extensions[context.extensionIndex ?? 0].shape
            return ResolvedValue(.string(shape.map(String.init).joined(separator: "x")), source: "NAXISn")
        },
    ]

    /// Angles are given in degrees or sexagesimal text ("12:34:56.7"); RA in text is in hours.
    static func angle(_ header: FITSHeader, keyword: String,
                      hoursIfSexagesimal: Bool) throws(DescriptorFailure) -> ResolvedValue {
        guard let raw = header[keyword] else { throw .missingKeyword([keyword]) }
        if let d = raw.doubleValue { return ResolvedValue(.double(d), source: "primary header \(keyword)") }
        let text = raw.description.trimmingCharacters(in: .whitespaces)
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == " " })
        guard parts.count == 3, let a = Double(parts[0]), let b = Double(parts[1]), let c = Double(parts[2]) else {
            throw .badValue(keyword: keyword, value: text, expected: "degrees or sexagesimal text")
        }
        let negative = text.hasPrefix("-")
        var value = abs(a) + b / 60 + c / 3600
        if negative { value = -value }
        if hoursIfSexagesimal { value *= 15 }
        return ResolvedValue(.double(value), source: "primary header \(keyword) (sexagesimal)")
    }
}
