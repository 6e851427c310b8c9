import AstroKit
import Foundation

/// Descriptors of raw VIS frames.
enum VISDescriptors {
    static let definitions: [DescriptorDefinition] = [
        .init("obsid", .int, summary: "Exposure identifier shared by the 3 CCD files of an exposure"),
        .init("ccd", .int, summary: "CCD number within the block (1, 2 or 3)"),
        .init("roe", .int, summary: "Readout electronics number"),
        .init("vstart", .int, unit: .pixel, summary: "First row of the readout window"),
        .init("vend", .int, unit: .pixel, summary: "Row after the last of the readout window"),
        .init("image_sections", .named, summary: "Image area of each quadrant E, F, G, H (full-frame coordinates)"),
        .init("prescan_sections", .named, summary: "Serial prescan of each quadrant"),
        .init("overscan_sections", .named, summary: "Serial overscan of each quadrant"),
        .init("parallel_overscan_sections", .named, summary: "Parallel overscan rows of each quadrant"),
        .init("quadrant_sections", .named, summary: "Whole area of each quadrant"),
        .init("readout_corners", .named, summary: "Corner holding each quadrant's readout node"),
        .init("canonical_flips", .named, summary: "Axes each quadrant flips to reach readout (canonical) orientation"),
    ]

    static let providers: [DescriptorProvider] = [
        DescriptorProvider("obsid") { (context) throws(DescriptorFailure) -> ResolvedValue in
            if let name = context.dataset.fileName, let parsed = VISFileName(name) {
                return ResolvedValue(.int(parsed.obsid), source: "file name")
            }
            for (header, place) in headers(context) {
                if let v = header.int("OBSID") { return ResolvedValue(.int(v), source: "\(place) OBSID") }
            }
            throw .other("the file name is not a VIS name (EUC_<ObsID>_...) and no header has OBSID")
        },
        DescriptorProvider("ccd") { (context) throws(DescriptorFailure) -> ResolvedValue in
            if let ext = context.dataset.extensions.first, let name = ext.name,
               let digit = name.split(separator: "CCD").last, let n = Int(digit) {
                return ResolvedValue(.int(n), source: "extension EXTNAME")
            }
            if let name = context.dataset.fileName, let parsed = VISFileName(name) {
                return ResolvedValue(.int(parsed.ccd), source: "file name")
            }
            // Products (master bias, masks...) name their CCD in the primary header.
            if let n = context.primaryHeader.int("CCD") { return ResolvedValue(.int(n), source: "primary header CCD") }
            throw .other("neither EXTNAME (ROE1_CCDn), the file name nor a CCD keyword gives the CCD")
        },
        DescriptorProvider("roe") { (context) throws(DescriptorFailure) -> ResolvedValue in
            if let name = context.dataset.extensions.first?.name, name.hasPrefix("ROE"),
               let n = Int(name.dropFirst(3).prefix(1)) {
                return ResolvedValue(.int(n), source: "extension EXTNAME")
            }
            throw .other("EXTNAME does not name the ROE (ROE<n>_CCD<m>)")
        },
        sections("image_sections") { $0.image },
        sections("prescan_sections") { $0.prescan },
        sections("overscan_sections") { $0.overscan },
        sections("quadrant_sections") { $0.whole },
        DescriptorProvider("parallel_overscan_sections") { (context) throws(DescriptorFailure) -> ResolvedValue in
            let g = geometry(context)
            guard g.parallelOverscanRows > 0 else {
                throw .other("the frame has no parallel overscan rows (readout window stops at the image)")
            }
            return ResolvedValue(.named(Quadrant.allCases.map { .init($0.rawValue, .section(g.quadrant($0).parallelOverscan!)) }),
                                 source: geometrySource(context))
        },
        DescriptorProvider("readout_corners") { (_) throws(DescriptorFailure) -> ResolvedValue in
            ResolvedValue(.named(Quadrant.allCases.map { .init($0.rawValue, .string($0.readoutCorner)) }),
                          source: "VIS quadrant layout")
        },
        DescriptorProvider("canonical_flips") { (_) throws(DescriptorFailure) -> ResolvedValue in
            ResolvedValue(.named(Quadrant.allCases.map { q in
                let axes = [q.flipsX ? "x" : nil, q.flipsY ? "y" : nil].compactMap { $0 }
                return .init(q.rawValue, .string(axes.isEmpty ? "none" : axes.joined(separator: "+")))
            }), source: "VIS quadrant layout")
        },
    ]

    /// The extension header first (ELVIS writes its keywords there), then the primary.
    static func headers(_ context: DescriptorContext) -> [(FITSHeader, String)] {
        var list: [(FITSHeader, String)] = []
        if let ext = context.dataset.extensions.first { list.append((ext.header, "extension header")) }
        list.append((context.primaryHeader, "primary header"))
        return list
    }

    static func geometry(_ context: DescriptorContext) -> VISGeometry {
        let ext = context.dataset.extensions.first
        return VISGeometry.from(header: ext?.header ?? context.primaryHeader, frameShape: ext?.shape)
    }

    static func geometrySource(_ context: DescriptorContext) -> String {
        let header = context.dataset.extensions.first?.header ?? FITSHeader()
        let custom = ["PRESCANX", "OVRSCANX", "OVRSCANY", "NCOLQUAD", "NROWQUAD"].filter { header.contains($0) }
        return custom.isEmpty ? "ground-campaign geometry" : "geometry keywords \(custom.joined(separator: ", "))"
    }

    static func sections(_ name: String, _ pick: @escaping @Sendable (QuadrantGeometry) -> Section) -> DescriptorProvider {
        DescriptorProvider(name) { (context) throws(DescriptorFailure) -> ResolvedValue in
            let g = geometry(context)
            return ResolvedValue(.named(Quadrant.allCases.map { .init($0.rawValue, .section(pick(g.quadrant($0)))) }),
                                 source: geometrySource(context))
        }
    }

    /// The readout window from VSTART/VEND, or inferred from the frame height when the header
    /// lacks them (4172 rows: 0..2086 with parallel overscan; 4132 rows: 0..2066).
    static func window(_ context: DescriptorContext) throws(DescriptorFailure) -> (start: ResolvedValue, end: ResolvedValue) {
        for (header, place) in headers(context) {
            if let s = header.int("VSTART"), let e = header.int("VEND") {
                return (ResolvedValue(.int(s), source: "\(place) VSTART"), ResolvedValue(.int(e), source: "\(place) VEND"))
            }
        }
        let g = geometry(context)
        let source = "inferred from the frame height (no VSTART/VEND in the headers)"
        return (ResolvedValue(.int(0), source: source), ResolvedValue(.int(g.quadrantHeight), source: source))
    }
}
