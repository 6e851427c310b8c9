import AstroKit
import Foundation

/// Calibration numbers of a raw VIS frame that come from tables, not from the frame: the
/// nominal offsets of its block, its gains and read noise, and the ADC's saturation.
enum VISCalibrationDescriptors {
    /// The 16-bit ADC's top code, which vison treats as saturated.
    static let saturation = 65535.0

    static func providers(_ s: VISSettings) -> [DescriptorProvider] {
        [
            DescriptorProvider("saturation_level") { (_) throws(DescriptorFailure) -> ResolvedValue in
                ResolvedValue(.double(saturation), unit: .adu, source: "16-bit ADC full scale (VIS.md 7.1)")
            },
            DescriptorProvider("nominal_offsets") { (context) throws(DescriptorFailure) -> ResolvedValue in
                let block = try context.value(of: "block_id")
                let ccd = try ccd(context)
                let table: BlockOffsets
                do { table = try BlockOffsets.nominal(forBlock: block.value.text) } catch { throw .other(String(describing: error)) }
                var values: [DescriptorValue.NamedValue] = []
                for q in BlockOffsets.Quadrant.allCases {
                    guard let v = table.offset(ccd: ccd, quadrant: q) else {
                        throw .lookupMiss(table: "block offsets of \(table.block)", key: "CCD\(ccd) \(q.rawValue)")
                    }
                    values.append(.init(q.rawValue, .double(v)))
                }
                let note = table.block == block.value.text.uppercased() ? "" : " (block \(block.value.text) has no table)"
                return ResolvedValue(.named(values), source: "block offsets \(table.block)\(note); block from \(block.source)")
            },
            DescriptorProvider("quadrant_gains") { (context) throws(DescriptorFailure) -> ResolvedValue in
                try perQuadrant(context, s, nominal: GainTable.nominalGain, nominalText: "nominal 3.5 e-/ADU") { $0.gain }
            },
            DescriptorProvider("quadrant_read_noise") { (context) throws(DescriptorFailure) -> ResolvedValue in
                if let measured = try measuredReadNoise(context, s) { return measured }
                return try perQuadrant(context, s, nominal: GainTable.nominalReadNoise,
                                nominalText: "nominal 1.4 ADU x 3.5 e-/ADU = 4.9 e-") { $0.readNoise }
            },
            // A raw VIS extension holds four amplifiers, so its gain and read noise are one value
            // per quadrant (E, F, G, H), the same as quadrant_gains / quadrant_read_noise: a mean
            // would hide the number a calibration scientist asks `adinfo gain` for.
            DescriptorProvider("gain") { (context) throws(DescriptorFailure) -> ResolvedValue in
                try context.value(of: "quadrant_gains")
            },
            DescriptorProvider("read_noise") { (context) throws(DescriptorFailure) -> ResolvedValue in
                try context.value(of: "quadrant_read_noise")
            },
        ]
    }

    static func ccd(_ context: DescriptorContext) throws(DescriptorFailure) -> Int {
        guard let ccd = VISSidecarDescriptors.identity(context).ccd else {
            throw .other("neither EXTNAME (ROE1_CCDn) nor the file name gives the CCD")
        }
        return ccd
    }

    /// Values from the registered gain table when it has this CCD's quadrants, else nominal.
    static func perQuadrant(_ context: DescriptorContext, _ s: VISSettings, nominal: Double, nominalText: String,
                            _ pick: (GainTable.Entry) -> Double?) throws(DescriptorFailure) -> ResolvedValue {
        let ccd = try ccd(context)
        if let table = s.gainTable {
            let serial = (try? context.value(of: "ccd_serial")).map(\.value.text)
            let entries = Quadrant.allCases.map { table.entry(ccd: ccd, serial: serial, quadrant: $0).flatMap(pick) }
            if entries.allSatisfy({ $0 != nil }) {
                let values = zip(Quadrant.allCases, entries).map { DescriptorValue.NamedValue($0.0.rawValue, .double($0.1!)) }
                return ResolvedValue(.named(values), source: "gain table \(table.source)")
            }
            let values = Quadrant.allCases.map { DescriptorValue.NamedValue($0.rawValue, .double(nominal)) }
            return ResolvedValue(.named(values), source: "\(nominalText): the gain table \(table.source) lacks CCD\(ccd)")
        }
        var reason = "no gain table registered"
        switch s.calibrations {
        case .success(let database):
            switch VISGainLookup.table(for: context.dataset, in: database) {
            case .success(let table):
                let serial = (try? context.value(of: "ccd_serial")).map(\.value.text)
                let entries = Quadrant.allCases.map { table.entry(ccd: ccd, serial: serial, quadrant: $0).flatMap(pick) }
                if entries.allSatisfy({ $0 != nil }) {
                    let values = zip(Quadrant.allCases, entries).map { DescriptorValue.NamedValue($0.0.rawValue, .double($0.1!)) }
                    return ResolvedValue(.named(values), source: "gain table \(table.source)")
                }
                reason = "the gain table \(table.source) lacks this value for CCD\(ccd)"
            case .failure(let failure):
                reason = failure.description
            }
        case .failure(let error):
            reason = error.description
        case nil:
            break
        }
        let values = Quadrant.allCases.map { DescriptorValue.NamedValue($0.rawValue, .double(nominal)) }
        return ResolvedValue(.named(values), source: "\(nominalText) (\(reason))")
    }

    /// Read noise from the latest matching BIAS01/BIAS02 read-noise table in the calibration
    /// database, in electrons: its ADU times the quadrant's gain, both sources named. Nil when
    /// a gain table is registered directly (it carries its own read noise) or no table matches.
    static func measuredReadNoise(_ context: DescriptorContext, _ s: VISSettings) throws(DescriptorFailure) -> ResolvedValue? {
        guard s.gainTable == nil, case .success(let database)? = s.calibrations,
              case .success(let (table, source)) = VISReadNoiseLookup.table(for: context.dataset, in: database) else { return nil }
        let ccd = try ccd(context)
        let serial = (try? context.value(of: "ccd_serial")).map(\.value.text)
        let gains = try context.value(of: "quadrant_gains")
        var values: [DescriptorValue.NamedValue] = []
        for q in Quadrant.allCases {
            guard let adu = table.noiseADU(ccd: ccd, serial: serial, quadrant: q), let gain = gains.value[q.rawValue]?.doubleValue else { return nil }
            values.append(.init(q.rawValue, .double(adu * gain)))
        }
        return ResolvedValue(.named(values), source: "read-noise table \(source) x gain (\(gains.source))")
    }
}
