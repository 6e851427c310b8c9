import AstroKit
import Foundation

/// Descriptors a raw VIS file's header may lack and its exposure-log row holds: the header
/// value when present, the log row otherwise, and a source that says which.
enum VISSidecarDescriptors {
    static let definitions: [DescriptorDefinition] = [
        .init("test", .string, summary: "Campaign test name (TEST, else the exposure log's test column)"),
        .init("test_acquisition", .string, summary: "Acquisition kind of the frame's campaign test (bias, flat...; mixed; none)"),
        .init("filter", .int, summary: "Filter-wheel position 1-6 (WAVE, else the log's wave column)"),
        .init("wavelength", .int, unit: .nanometre, summary: "Wavelength of the filter (2000: open, 0: ND), via the chamber profile"),
        .init("source", .string, summary: "OGSE source: flat or point"),
        .init("mirror_position", .double, unit: Unit("mm"), summary: "Focus-mirror position of the point source (POS_MIRR, else the log's mirr_pos)"),
        .init("readout_mode", .string, summary: "ELVIS readout mode (fwd_bas, rwd_bas_v...)"),
        .init("ccd_serial", .string, summary: "Serial number of this CCD"),
        .init("block_id", .string, summary: "Detector block the CCDs belong to (BLOCKID, else the configured block)"),
        .init("chinj", .int, summary: "Charge injection on (1) or off (0)"),
        .init("chinj_on", .int, summary: "Injected lines per injection cycle"),
        .init("chinj_off", .int, summary: "Non-injected lines per injection cycle"),
        .init("id_wid", .double, unit: .microsecond, summary: "Injection-drain pulse width"),
        .init("id_dly", .double, unit: .microsecond, summary: "Injection-drain delay (selects the CCD half)"),
        .init("toi_ch", .double, unit: .microsecond, summary: "Time of integration of a charge-injection line"),
        .init("v_tpump", .int, summary: "Vertical trap pumping on (1) or off (0)"),
        .init("s_tpump", .int, summary: "Serial trap pumping on (1) or off (0)"),
        .init("v_tp_mod", .int, summary: "Vertical pumping phase mode (123, 234, 341, 412)"),
        .init("s_tp_mod", .int, summary: "Serial pumping phase mode (23, 31)"),
        .init("v_tp_cnt", .int, summary: "Vertical pumping shuffles"),
        .init("s_tp_cnt", .int, summary: "Serial pumping shuffles"),
        .init("toi_tp", .double, unit: .microsecond, summary: "Time of integration of a pumping phase"),
        .init("dwell_v", .double, unit: .microsecond, summary: "Vertical pumping dwell time"),
        .init("dwell_s", .double, unit: .microsecond, summary: "Serial pumping dwell time"),
        .init("ccd_temperature_top", .double, unit: .degreeCelsius, summary: "Temperature of this CCD, top sensor"),
        .init("ccd_temperature_bottom", .double, unit: .degreeCelsius, summary: "Temperature of this CCD, bottom sensor"),
        .init("idl", .double, unit: .volt, summary: "Injection drain low voltage"),
        .init("idh", .double, unit: .volt, summary: "Injection drain high voltage"),
        .init("ig1_top", .double, unit: .volt, summary: "Injection gate 1 of this CCD, top half (quadrants G, H)"),
        .init("ig1_bottom", .double, unit: .volt, summary: "Injection gate 1 of this CCD, bottom half (quadrants E, F)"),
        .init("ig2_top", .double, unit: .volt, summary: "Injection gate 2, top half"),
        .init("ig2_bottom", .double, unit: .volt, summary: "Injection gate 2, bottom half"),
        .init("od_top", .double, unit: .volt, summary: "Output drain of this CCD, top half"),
        .init("od_bottom", .double, unit: .volt, summary: "Output drain of this CCD, bottom half"),
        .init("rd_top", .double, unit: .volt, summary: "Reset drain, top half"),
        .init("rd_bottom", .double, unit: .volt, summary: "Reset drain, bottom half"),
        .init("nominal_offsets", .named, unit: .adu, summary: "Nominal bias offset of each quadrant E, F, G, H (block table)"),
        .init("quadrant_gains", .named, unit: .electronsPerADU, summary: "Gain of each quadrant (gain table, else nominal)"),
        .init("quadrant_read_noise", .named, unit: .electron, summary: "Read noise of each quadrant (gain table, else nominal)"),
    ]

    /// What identifies a file's log row.
    struct Identity {
        var fileName: String?
        var folder: URL?
        var obsid: Int?
        var ccd: Int?
    }

    static func identity(_ context: DescriptorContext) -> Identity {
        let dataset = context.dataset
        let parsed = dataset.fileName.flatMap(VISFileName.init)
        var id = Identity(fileName: dataset.fileName,
                          folder: dataset.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent() },
                          obsid: parsed?.obsid, ccd: parsed?.ccd)
        for (header, _) in VISDescriptors.headers(context) where id.obsid == nil { id.obsid = header.int("OBSID") }
        if let name = dataset.extensions.first?.name, let n = Int(name.split(separator: "CCD").last ?? "") {
            id.ccd = id.ccd ?? n
        }
        if id.ccd == nil { id.ccd = context.primaryHeader.int("CCD") }
        return id
    }

    static func row(_ context: DescriptorContext, _ settings: VISSettings) throws(DescriptorFailure) -> ExposureLogLocator.Match {
        let id = identity(context)
        return try settings.exposureLogs.row(fileName: id.fileName, folder: id.folder, obsid: id.obsid, ccd: id.ccd)
    }

    /// The first header keyword present, converted, with the header it came from.
    static func fromHeaders(_ context: DescriptorContext, _ keywords: [String],
                            _ kind: DescriptorDefinition.Kind) throws(DescriptorFailure) -> ResolvedValue? {
        for (header, place) in VISDescriptors.headers(context) {
            for keyword in keywords {
                guard let raw = header[keyword] else { continue }
                return ResolvedValue(try HeaderConversion.convert(raw, keyword: keyword, to: kind), source: "\(place) \(keyword)")
            }
        }
        return nil
    }

    static func convert(_ value: ExposureLogValue, to kind: DescriptorDefinition.Kind) -> DescriptorValue? {
        switch (value, kind) {
        case (.integer(let i), .int): return .int(i)
        case (.integer(let i), .double): return .double(Double(i))
        case (.number(let d), .double): return .double(d)
        case (.number(let d), .int) where d.rounded() == d: return .int(Int(d))
        case (.text(let t), .string): return .string(t)
        case (.integer(let i), .string): return .string(String(i))
        case (.number(let d), .string): return .string(String(d))
        case (.date(let d), .date): return .date(d)
        default: return nil
        }
    }

    /// A descriptor from header keywords, else from an exposure-log field; both may depend on
    /// the file's CCD number (per-CCD temperatures, voltages, serial numbers).
    static func headerOrLog(_ name: String, _ kind: DescriptorDefinition.Kind, _ settings: VISSettings,
                            keywords: @escaping @Sendable (Int?) -> [String],
                            field: @escaping @Sendable (Int?) -> ExposureLogField?) -> DescriptorProvider {
        DescriptorProvider(name) { (context) throws(DescriptorFailure) -> ResolvedValue in
            let ccd = identity(context).ccd
            let names = keywords(ccd)
            if let value = try fromHeaders(context, names, kind) { return value }
            guard let field = field(ccd) else {
                throw .other("no header has \(names.joined(separator: " or ")) and the CCD number, which picks the log column, is unknown")
            }
            let match: ExposureLogLocator.Match
            do { match = try row(context, settings) } catch {
                throw .missingSidecar("no header has \(names.joined(separator: " or ")), and \(String(describing: error))")
            }
            guard let raw = match.row.values[field] else {
                throw .missingSidecar("no header has \(names.joined(separator: " or ")) and the \(match.source) row has no \(field.rawValue) value")
            }
            guard let value = convert(raw, to: kind) else {
                throw .badValue(keyword: "\(field.rawValue) in the \(match.source)", value: "\(raw)", expected: "a \(kind.rawValue) value")
            }
            return ResolvedValue(value, source: match.source)
        }
    }

    static func headerOrLog(_ name: String, _ kind: DescriptorDefinition.Kind, _ settings: VISSettings,
                            _ keywords: [String], _ field: ExposureLogField) -> DescriptorProvider {
        headerOrLog(name, kind, settings, keywords: { _ in keywords }, field: { _ in field })
    }

    /// A per-CCD field (`R1C<n>_TT`, `OD_<n>_T`...) for CCD 1...3.
    static func perCCD(_ fields: [ExposureLogField]) -> @Sendable (Int?) -> ExposureLogField? {
        { ccd in ccd.flatMap { (1...fields.count).contains($0) ? fields[$0 - 1] : nil } }
    }
}
